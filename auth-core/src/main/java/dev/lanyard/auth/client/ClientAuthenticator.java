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
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Authenticates clients through the registered {@link ClientAuthenticationMethod}s (by default
 * {@code client_secret_basic}, {@code client_secret_post} and {@code none}: {@link ClientAuthenticationMethods}).
 * The first method that applies to the presented {@link ClientCredential} checks it; the client must be
 * enabled and registered for that method ({@link Client#acceptsAuthMethod}). A confidential client must
 * present one of its current secrets; a public client must present none. Every failure is the same
 * {@link InvalidCredentialsException} ({@code invalid_client}) with the true reason in the events.
 * Failures are throttled per source address only: a per-client lockout would let anyone lock a client
 * out for all its users with a few bad requests, and a generated secret's 256 bits need no account
 * lockout. The attempt is reserved before any check (see {@link LoginThrottle#begin}).
 *
 * <p>A person-chosen secret costs a slow hash: its checks are capped per client and per address like a
 * user's password ({@link dev.lanyard.auth.guard.RateLimitedException} beyond the cap), and a secret that
 * verified is remembered for a few minutes ({@link Builder#verifiedSecretCache}) so that a client's
 * steady token traffic does not cost a hash per request. Generated secrets ({@code $sha256$} digests)
 * are checked first and cost nothing.
 *
 * <pre>{@code
 * ClientAuthenticator auth = ClientAuthenticator.builder().clients(clientStore).build();
 * Client client = auth.authenticate(ClientCredential.basic("my-app", secret), request.getRemoteAddr());
 * }</pre>
 *
 * <p>Client ids are not secrets (they travel in URLs), so an unknown client costs only a digest
 * comparison, not a password hash.
 */
public final class ClientAuthenticator {

    private static final Logger LOG = LoggerFactory.getLogger(ClientAuthenticator.class);

    private final ClientStore clients;
    private final PasswordHasher hasher;
    private final LoginThrottle throttle;
    private final AuthEvents events;
    private final Clock clock;
    private final String issuer;
    private final List<ClientAuthenticationMethod> methods;
    /** Null when the cache is off. */
    private final VerifiedSecrets verified;

    private ClientAuthenticator(Builder b) {
        this.clients = b.clients;
        this.hasher = b.hasher;
        this.throttle = b.throttle;
        this.events = b.events;
        this.clock = b.clock;
        this.issuer = b.issuer;
        this.methods = List.copyOf(b.methods);
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
     * The registered methods, in the order they are tried.
     *
     * @return an unmodifiable list
     */
    public List<ClientAuthenticationMethod> methods() {
        return methods;
    }

    /**
     * Authenticates a client, under the throttle.
     *
     * @param credential what the client presented
     * @param address    the caller's address for throttling, or null
     * @return the authenticated, enabled client
     * @throws InvalidCredentialsException for an unknown or disabled client, a wrong or missing secret,
     *                                     a secret presented by a public client, or a credential of a
     *                                     method the client is not registered for
     * @throws LockedOutException          ({@code invalid_client}) while the client id or address is locked out
     */
    public Client authenticate(ClientCredential credential, String address) {
        Objects.requireNonNull(credential, "credential");
        // Only the address's failures count (see above); the attempt is reserved before any check.
        try (LoginThrottle.Attempt attempt = throttle.begin(null, address)) {
            Context context = new Context(attempt, credential.clientId().orElse(null), address);
            refuseIf(attempt.refusal(), context.principal, address);
            Optional<ClientAuthenticationMethod> method = methods.stream().filter(m -> m.appliesTo(credential))
                    .findFirst();
            try {
                if (method.isEmpty()) {
                    throw context.failure(FailureReason.WRONG_METHOD);
                }
                Client client = Objects.requireNonNull(method.get().authenticate(credential, context),
                        "a client-authentication method returned null");
                if (!client.enabled()) {
                    throw context.failure(FailureReason.DISABLED);
                }
                if (!client.acceptsAuthMethod(method.get().name())) {
                    throw context.failure(FailureReason.WRONG_METHOD);
                }
                attempt.succeeded();
                events.publish(new AuthEvent.LoginSucceeded(clock.instant(), AuthEvent.PrincipalKind.CLIENT,
                        client.clientId(), address));
                return client;
            } catch (InvalidCredentialsException e) {
                attempt.failed();
                Client found = context.found;
                if (found != null && method.isPresent() && found.tokenEndpointAuthMethod().isPresent()
                        && !found.acceptsAuthMethod(method.get().name())) {
                    // It registered another method: say so (it names no secret, and the caller chose the client).
                    fail(context.principal, address, FailureReason.WRONG_METHOD);
                    throw InvalidCredentialsException.forClient("this client does not authenticate with "
                            + method.get().name());
                }
                fail(context.principal, address, context.reason == null ? FailureReason.WRONG_CREDENTIALS : context.reason);
                throw e; // the generic failure, or one whose description a method chose (what an assertion lacks)
            }
        }
    }

    private void refuseIf(Optional<LoginThrottle.Refusal> refusal, String clientId, String address) {
        if (refusal.isPresent()) {
            fail(clientId, address, refusal.get().lockedOut() ? FailureReason.LOCKED_OUT : FailureReason.RATE_LIMITED);
            throw refusal.get().exception(OAuthError.INVALID_CLIENT);
        }
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

    /** One attempt's view for the method that checks it. */
    private final class Context implements ClientAuthenticationContext {
        private final LoginThrottle.Attempt attempt;
        private final String address;
        private String principal;
        private FailureReason reason;
        /** The last client looked up, to tell a caller that it registered another method. */
        private Client found;

        Context(LoginThrottle.Attempt attempt, String principal, String address) {
            this.attempt = attempt;
            this.principal = principal;
            this.address = address;
        }

        @Override
        public Optional<Client> client(String clientId) {
            principal = clientId;
            if (!Identifiers.isClean(clientId)) {
                // No store call: no client can have such an id, and PostgreSQL would fail on a NUL.
                throw failure(FailureReason.MALFORMED);
            }
            Optional<Client> client = clientId == null || clientId.isEmpty() ? Optional.empty() : clients.findById(clientId);
            found = client.orElse(null);
            return client;
        }

        @Override
        public boolean secretMatches(Client client, String secret) {
            Objects.requireNonNull(client, "client");
            Objects.requireNonNull(secret, "secret");
            return matchesDigest(client, secret) || matchesChosen(attempt, client, secret, address);
        }

        @Override
        public InvalidCredentialsException failure(FailureReason why) {
            this.reason = Objects.requireNonNull(why, "why");
            return InvalidCredentialsException.forClient();
        }

        @Override
        public Optional<String> issuer() {
            return Optional.ofNullable(issuer);
        }

        @Override
        public Clock clock() {
            return clock;
        }

        @Override
        public Optional<String> remoteAddress() {
            return Optional.ofNullable(address);
        }
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
        private String issuer;
        private List<ClientAuthenticationMethod> methods;

        private Builder() {
        }

        /**
         * The client-authentication methods, tried in this order; default
         * {@link ClientAuthenticationMethods#defaults()}.
         *
         * @param methods the methods; at least one, names distinct
         * @return this builder
         * @throws IllegalArgumentException when the list is empty or two methods share a name
         */
        public Builder methods(List<ClientAuthenticationMethod> methods) {
            List<ClientAuthenticationMethod> copy = List.copyOf(methods);
            if (copy.isEmpty()) {
                throw new IllegalArgumentException("methods must not be empty");
            }
            Set<String> names = new HashSet<>();
            for (ClientAuthenticationMethod m : copy) {
                if (!names.add(Objects.requireNonNull(m.name(), "a method's name"))) {
                    throw new IllegalArgumentException("two client-authentication methods are named " + m.name());
                }
            }
            this.methods = copy;
            return this;
        }

        /**
         * The issuer of the service the authenticator serves, for methods that check an audience.
         *
         * @param issuer the issuer URL
         * @return this builder
         */
        public Builder issuer(String issuer) {
            this.issuer = Objects.requireNonNull(issuer, "issuer");
            return this;
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
            methods = methods == null ? ClientAuthenticationMethods.defaults() : methods;
            return new ClientAuthenticator(this);
        }
    }
}
