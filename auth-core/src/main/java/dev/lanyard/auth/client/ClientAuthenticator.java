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
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Checks a client id and secret (the HTTP layer extracts them from {@code client_secret_basic} or
 * {@code client_secret_post}). A confidential client must present one of its current secrets; a
 * public client must present none. Every failure is the same {@link InvalidCredentialsException}
 * ({@code invalid_client}) with the true reason in the events. Failures are throttled per source
 * address only: a per-client lockout would let anyone lock a client out for all its users with a few
 * bad requests, and a generated secret's 256 bits need no account lockout. The attempt is reserved
 * before any check (see {@link LoginThrottle#begin}).
 *
 * <p>A person-chosen secret costs a slow hash: its checks are capped per client and per address like a
 * user's password ({@link dev.lanyard.auth.guard.RateLimitedException} beyond the cap), and a secret that
 * verified is remembered for a few minutes ({@link Builder#verifiedSecretCache}) so that a client's
 * steady token traffic does not cost a hash per request. Generated secrets ({@code $sha256$} digests)
 * are checked first and cost nothing.
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
    /** Null when the cache is off. */
    private final VerifiedSecrets verified;

    private ClientAuthenticator(Builder b) {
        this.clients = b.clients;
        this.hasher = b.hasher;
        this.throttle = b.throttle;
        this.events = b.events;
        this.clock = b.clock;
        this.verified = b.cacheEntries == 0 ? null : new VerifiedSecrets(b.cacheEntries, b.cacheLifetime, b.clock);
    }

    /**
     * Starts a builder; {@code clients(..)} is required.
     *
     * @return a new builder with the defaults
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Checks a client id and secret, under the throttle.
     *
     * @param clientId the client id as sent
     * @param secret  the presented secret, or null when the client presented none
     * @param address the caller's address for throttling, or null
     * @return the authenticated, enabled client
     * @throws InvalidCredentialsException for an unknown or disabled client, a wrong or missing secret,
     *                                     or a secret presented by a public client
     * @throws LockedOutException          ({@code invalid_client}) while the client id or address is locked out
     */
    public Client authenticate(String clientId, String secret, String address) {
        // Only the address's failures count (see above); the attempt is reserved before any check.
        try (LoginThrottle.Attempt attempt = throttle.begin(null, address)) {
            refuseIf(attempt.refusal(), clientId, address);
            if (!Identifiers.isClean(clientId)) {
                // No store call: no client can have such an id, and PostgreSQL would fail on a NUL.
                attempt.failed();
                fail(clientId, address, FailureReason.MALFORMED);
                throw InvalidCredentialsException.forClient();
            }
            Optional<Client> found = clientId == null || clientId.isEmpty() ? Optional.empty() : clients.findById(clientId);
            FailureReason failure;
            if (found.isPresent()) {
                failure = check(attempt, found.get(), secret, address);
            } else {
                ClientSecrets.matchesDigest(secret == null ? "" : secret, DUMMY_DIGEST);
                failure = FailureReason.UNKNOWN;
            }
            if (failure != null) {
                attempt.failed();
                fail(clientId, address, failure);
                throw InvalidCredentialsException.forClient();
            }
            attempt.succeeded();
            events.publish(new AuthEvent.LoginSucceeded(clock.instant(), AuthEvent.PrincipalKind.CLIENT, clientId, address));
            return found.get();
        }
    }

    private void refuseIf(Optional<LoginThrottle.Refusal> refusal, String clientId, String address) {
        if (refusal.isPresent()) {
            fail(clientId, address, refusal.get().lockedOut() ? FailureReason.LOCKED_OUT : FailureReason.RATE_LIMITED);
            throw refusal.get().exception(OAuthError.INVALID_CLIENT);
        }
    }

    /** Why the client fails, or null when it passes. */
    private FailureReason check(LoginThrottle.Attempt attempt, Client client, String secret, String address) {
        if (!client.confidential()) {
            return secret != null ? FailureReason.WRONG_CREDENTIALS : client.enabled() ? null : FailureReason.DISABLED;
        }
        if (secret == null || secret.isEmpty()) {
            return FailureReason.NO_CREDENTIALS;
        }
        boolean matches = matchesDigest(client, secret) || matchesChosen(attempt, client, secret, address);
        if (!matches) {
            return client.secrets().isEmpty() ? FailureReason.NO_CREDENTIALS : FailureReason.WRONG_CREDENTIALS;
        }
        return client.enabled() ? null : FailureReason.DISABLED;
    }

    /** Generated secrets first: a digest costs nothing, so they need neither the cache nor a hash slot. */
    private static boolean matchesDigest(Client client, String secret) {
        boolean matches = false;
        for (ClientSecret stored : client.secrets()) {
            if (ClientSecrets.isDigest(stored.hash()) && ClientSecrets.matchesDigest(secret, stored.hash())) {
                matches = true;
            }
        }
        return matches;
    }

    /** Person-chosen secrets: from the cache of recent verifications, else by the hasher, capped by the throttle. */
    private boolean matchesChosen(LoginThrottle.Attempt attempt, Client client, String secret, String address) {
        List<ClientSecret> hashed = client.secrets().stream().filter(s -> !ClientSecrets.isDigest(s.hash())).toList();
        if (hashed.isEmpty()) {
            return false;
        }
        if (verified != null && verified.matched(client, secret).isPresent()) {
            return true;
        }
        refuseIf(attempt.beforeHash("client:" + client.clientId()), client.clientId(), address);
        for (ClientSecret stored : hashed) {
            if (matches(secret, stored)) {
                if (verified != null) {
                    verified.remember(client, secret, stored);
                }
                return true;
            }
        }
        return false;
    }

    private boolean matches(String secret, ClientSecret stored) {
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
        private long cacheEntries = 10_000;
        private Duration cacheLifetime = Duration.ofMinutes(5);

        private Builder() {
        }

        /**
         * Required.
         *
         * @param clients the store clients are looked up in
         * @return this builder
         */
        public Builder clients(ClientStore clients) {
            this.clients = Objects.requireNonNull(clients, "clients");
            return this;
        }

        /**
         * Verifies secrets chosen by people; default {@link PasswordHasher#defaults()}.
         *
         * @param hasher the hasher for secrets that are password hashes
         * @return this builder
         */
        public Builder hasher(PasswordHasher hasher) {
            this.hasher = Objects.requireNonNull(hasher, "hasher");
            return this;
        }

        /**
         * Default {@link LoginThrottle#defaults()}.
         *
         * @param throttle the guess budget; share one instance among every door that checks secrets
         * @return this builder
         */
        public Builder throttle(LoginThrottle throttle) {
            this.throttle = Objects.requireNonNull(throttle, "throttle");
            return this;
        }

        /**
         * Where successes and failures are reported; default nowhere.
         *
         * @param events the dispatcher to the listeners
         * @return this builder
         */
        public Builder events(AuthEvents events) {
            this.events = Objects.requireNonNull(events, "events");
            return this;
        }

        /**
         * The clock of the throttle's windows and the events; default the system UTC clock.
         *
         * @param clock the clock to read; a fixed one in tests
         * @return this builder
         */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * How many person-chosen secrets that verified are remembered, and for how long; default 10,000 for
         * 5 minutes; {@code maxEntries} 0 turns the cache off. A remembered secret authenticates its client
         * without a slow hash; rotating or revoking any secret of the client forgets the client's entries.
         *
         * <pre>{@code
         * ClientAuthenticator.builder().clients(store).verifiedSecretCache(1_000, Duration.ofMinutes(1)).build();
         * }</pre>
         *
         * @param maxEntries the most remembered secrets; 0 turns the cache off
         * @param lifetime   how long a verification is remembered, positive
         * @return this builder
         * @throws IllegalArgumentException when {@code maxEntries} is negative or {@code lifetime} is not positive
         */
        public Builder verifiedSecretCache(long maxEntries, Duration lifetime) {
            if (maxEntries < 0) {
                throw new IllegalArgumentException("maxEntries must be zero (off) or positive");
            }
            Objects.requireNonNull(lifetime, "lifetime");
            if (lifetime.isNegative() || lifetime.isZero()) {
                throw new IllegalArgumentException("lifetime must be positive");
            }
            this.cacheEntries = maxEntries;
            this.cacheLifetime = lifetime;
            return this;
        }

        /**
         * Builds the authenticator.
         *
         * @return the thread-safe authenticator
         * @throws IllegalStateException without {@code clients(..)}
         */
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
