package dev.lanyard.auth.client;

import dev.lanyard.auth.InvalidCredentialsException;
import dev.lanyard.auth.event.AuthEvent;

import java.time.Clock;
import java.util.Optional;

/**
 * What a {@link ClientAuthenticationMethod} may use while it checks one credential: the client lookup,
 * the shared secret check, the issuer and clock (for assertions), and {@link #failure}, the one way to
 * refuse. Valid for one authentication only; not thread-safe.
 *
 * <pre>{@code
 * Client client = credential.clientId().flatMap(context::client)
 *         .orElseThrow(() -> context.failure(AuthEvent.FailureReason.UNKNOWN));
 * if (!context.secretMatches(client, credential.secret().orElse(""))) {
 *     throw context.failure(AuthEvent.FailureReason.WRONG_CREDENTIALS);
 * }
 * }</pre>
 */
public interface ClientAuthenticationContext {

    /**
     * Looks a client up by id. The id becomes the principal of this attempt's events. An id carrying
     * control or invisible characters is refused before any store call.
     *
     * @param clientId the id as presented or as an assertion names it
     * @return the client, enabled or not; empty when there is none (or the id is empty)
     * @throws InvalidCredentialsException ({@link AuthEvent.FailureReason#MALFORMED}) for an unclean id
     */
    Optional<Client> client(String clientId);

    /**
     * Whether the secret is one of the client's current secrets: generated ones by digest in constant
     * time, person-chosen ones from the cache of recent checks or by the password hasher, within the
     * throttle's budget of slow checks.
     *
     * @param client the client looked up through {@link #client}
     * @param secret the presented secret
     * @return true when it matches
     * @throws dev.lanyard.auth.guard.RateLimitedException when the budget of slow checks is spent
     */
    boolean secretMatches(Client client, String secret);

    /**
     * Refuses the attempt: the caller gets {@code invalid_client} (never the reason), the listeners a
     * {@link AuthEvent.LoginFailed} with the reason, and the address's failure counts.
     *
     * @param reason why, for the events
     * @return the exception to throw
     */
    InvalidCredentialsException failure(AuthEvent.FailureReason reason);

    /**
     * The issuer of the service, which client assertions name as their audience.
     *
     * @return the issuer URL; empty for an authenticator used outside a service
     */
    Optional<String> issuer();

    /**
     * The service's clock, for the expiry of assertions.
     *
     * @return the clock
     */
    Clock clock();

    /**
     * The caller's address.
     *
     * @return the remote address; empty when unknown
     */
    Optional<String> remoteAddress();
}
