package dev.lanyard.auth.client;

import dev.lanyard.auth.InvalidCredentialsException;
import dev.lanyard.auth.OAuthError;
import dev.lanyard.auth.event.AuthEvent;
import dev.lanyard.auth.event.AuthEvent.FailureReason;
import dev.lanyard.auth.event.AuthEvents;
import dev.lanyard.auth.guard.LockedOutException;
import dev.lanyard.auth.guard.LoginThrottle;
import dev.lanyard.auth.internal.Identifiers;
import dev.lanyard.auth.password.ClientSecrets;
import dev.lanyard.auth.password.PasswordHasher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Checks a client id and secret (the HTTP layer extracts them from {@code client_secret_basic} or
 * {@code client_secret_post}). A confidential client must present one of its current secrets; a
 * public client must present none. Every failure is the same {@link InvalidCredentialsException}
 * ({@code invalid_client}) with the true reason in the events. Failures are throttled per source
 * address only: a per-client lockout would let anyone lock a client out for all its users with a few
 * bad requests, and a generated secret's 256 bits need no account lockout.
 *
 * <pre>{@code
 * ClientAuthenticator auth = ClientAuthenticator.builder().clients(clientStore).build();
 * Client client = auth.authenticate("my-app", secretOrNull, request.getRemoteAddr());
 * }</pre>
 *
 * <p>Client ids are not secrets (they travel in URLs), so an unknown client costs only a digest
 * comparison, not a password hash.
 */
public final class ClientAuthenticator {

    private static final Logger LOG = LoggerFactory.getLogger(ClientAuthenticator.class);
    private static final String DUMMY_DIGEST = ClientSecrets.digest(ClientSecrets.generate());

    private final ClientStore clients;
    private final PasswordHasher hasher;
    private final LoginThrottle throttle;
    private final AuthEvents events;
    private final Clock clock;

    private ClientAuthenticator(Builder b) {
        this.clients = b.clients;
        this.hasher = b.hasher;
        this.throttle = b.throttle;
        this.events = b.events;
        this.clock = b.clock;
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * @param secret  the presented secret, or null when the client presented none
     * @param address the caller's address for throttling, or null
     * @return the authenticated, enabled client
     * @throws InvalidCredentialsException for an unknown or disabled client, a wrong or missing secret,
     *                                     a secret presented by a public client, or a client id with
     *                                     control or invisible characters (refused without a store call)
     * @throws LockedOutException          ({@code invalid_client}) while the client id or address is locked out
     */
    public Client authenticate(String clientId, String secret, String address) {
        Optional<Duration> locked = throttle.lockedFor(null, address);
        if (locked.isPresent()) {
            fail(clientId, address, FailureReason.LOCKED_OUT);
            throw new LockedOutException(OAuthError.INVALID_CLIENT, locked.get());
        }
        if (!Identifiers.isClean(clientId)) {
            // No store call: no client can have such an id, and PostgreSQL would fail on a NUL.
            throttle.recordFailure(null, address);
            fail(clientId, address, FailureReason.MALFORMED);
            throw InvalidCredentialsException.forClient();
        }
        Optional<Client> found = clientId == null || clientId.isEmpty() ? Optional.empty() : clients.findById(clientId);
        FailureReason failure;
        if (found.isPresent()) {
            failure = check(found.get(), secret);
        } else {
            ClientSecrets.matchesDigest(secret == null ? "" : secret, DUMMY_DIGEST);
            failure = FailureReason.UNKNOWN;
        }
        if (failure != null) {
            throttle.recordFailure(null, address);
            fail(clientId, address, failure);
            throw InvalidCredentialsException.forClient();
        }
        events.publish(new AuthEvent.LoginSucceeded(clock.instant(), AuthEvent.PrincipalKind.CLIENT, clientId, address));
        return found.get();
    }

    /** Why the client fails, or null when it passes. */
    private FailureReason check(Client client, String secret) {
        if (!client.confidential()) {
            return secret != null ? FailureReason.WRONG_CREDENTIALS : client.enabled() ? null : FailureReason.DISABLED;
        }
        if (secret == null || secret.isEmpty()) {
            return FailureReason.NO_CREDENTIALS;
        }
        boolean matches = false;
        for (ClientSecret stored : client.secrets()) {
            if (matches(secret, stored)) {
                matches = true;
                break;
            }
        }
        if (!matches) {
            return client.secrets().isEmpty() ? FailureReason.NO_CREDENTIALS : FailureReason.WRONG_CREDENTIALS;
        }
        return client.enabled() ? null : FailureReason.DISABLED;
    }

    private boolean matches(String secret, ClientSecret stored) {
        if (ClientSecrets.isDigest(stored.hash())) {
            return ClientSecrets.matchesDigest(secret, stored.hash());
        }
        try {
            return hasher.verify(secret.toCharArray(), stored.hash());
        } catch (IllegalArgumentException e) {
            LOG.warn("secret {} of a client is stored in an unusable form ({}); it never matches", stored.id(),
                    e.getMessage());
            return false;
        }
    }

    private void fail(String clientId, String address, FailureReason reason) {
        events.publish(new AuthEvent.LoginFailed(clock.instant(), AuthEvent.PrincipalKind.CLIENT,
                Identifiers.forLog(clientId), address, reason));
    }

    /** Builds a {@link ClientAuthenticator}. */
    public static final class Builder {
        private ClientStore clients;
        private PasswordHasher hasher;
        private LoginThrottle throttle;
        private AuthEvents events = AuthEvents.none();
        private Clock clock = Clock.systemUTC();

        private Builder() {
        }

        /** Required. */
        public Builder clients(ClientStore clients) {
            this.clients = Objects.requireNonNull(clients, "clients");
            return this;
        }

        /** Verifies secrets chosen by people; default {@link PasswordHasher#defaults()}. */
        public Builder hasher(PasswordHasher hasher) {
            this.hasher = Objects.requireNonNull(hasher, "hasher");
            return this;
        }

        /** Default {@link LoginThrottle#defaults()}. */
        public Builder throttle(LoginThrottle throttle) {
            this.throttle = Objects.requireNonNull(throttle, "throttle");
            return this;
        }

        public Builder events(AuthEvents events) {
            this.events = Objects.requireNonNull(events, "events");
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        public ClientAuthenticator build() {
            if (clients == null) {
                throw new IllegalStateException("clients(..) is required");
            }
            hasher = hasher == null ? PasswordHasher.defaults() : hasher;
            throttle = throttle == null ? LoginThrottle.defaults() : throttle;
            return new ClientAuthenticator(this);
        }
    }
}
