package dev.lanyard.auth.token;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jwt.JWTClaimsSet;
import dev.lanyard.auth.internal.SecureUrls;
import dev.lanyard.auth.key.KeyManager;
import dev.lanyard.auth.key.KeyRing;
import dev.lanyard.auth.key.SigningKey;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Mints JWT access tokens per RFC 9068: header {@code typ: at+jwt} and the active key's {@code kid};
 * claims {@code iss sub aud exp iat jti client_id scope} plus the extras of the request and the
 * {@link ClaimsCustomizer}. Immutable and thread-safe; build it once.
 *
 * <pre>{@code
 * AccessTokenIssuer issuer = AccessTokenIssuer.builder()
 *         .issuer("https://auth.example")
 *         .audience("https://api.example")
 *         .keys(keyManager)
 *         .lifetime(Duration.ofMinutes(15))
 *         .build();
 * IssuedToken token = issuer.issue(AccessTokenRequest.builder("alice", "web-app")
 *         .scopes(List.of("orders:read")).build());
 * }</pre>
 */
public final class AccessTokenIssuer {

    /** Claims the issuer sets itself; neither a request nor a customizer may set them. */
    public static final Set<String> REGISTERED_CLAIMS =
            Set.of("iss", "sub", "aud", "exp", "nbf", "iat", "jti", "client_id", "scope");

    static final JOSEObjectType AT_JWT = new JOSEObjectType("at+jwt");
    private static final Duration MAX_DEFAULT_LIFETIME = Duration.ofHours(1);

    private final String issuer;
    private final List<String> audience;
    private final Supplier<KeyRing> keys;
    private final Duration lifetime;
    private final Clock clock;
    private final ClaimsCustomizer customizer;
    private final SecureRandom random = new SecureRandom();

    private AccessTokenIssuer(Builder b) {
        this.issuer = b.issuer;
        this.audience = List.copyOf(b.audience);
        this.keys = b.keys;
        this.lifetime = b.lifetime;
        this.clock = b.clock;
        this.customizer = b.customizer;
    }

    /**
     * Starts a builder; {@code issuer}, {@code audience} and {@code keys} are required.
     *
     * @return a new builder with nothing set
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Mints and signs a token with the active key.
     *
     * @param request what the token is for; its lifetime, audience and jti, when set, replace the
     *                issuer's defaults
     * @return the compact JWT with its {@code jti}, {@code iat} and {@code exp}
     * @throws NullPointerException     when {@code request} is null
     * @throws IllegalArgumentException when the request or the customizer sets a registered claim
     * @throws IllegalStateException    when signing with the active key fails
     */
    public IssuedToken issue(AccessTokenRequest request) {
        Objects.requireNonNull(request, "request");
        Instant now = clock.instant();
        Instant iat = Instant.ofEpochSecond(now.getEpochSecond());
        Instant exp = iat.plus(request.lifetime().orElse(lifetime));
        String jti = request.jti().orElseGet(this::newJti);
        List<String> aud = request.audience().isEmpty() ? audience : request.audience();

        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .issuer(issuer)
                .subject(request.subject())
                .audience(aud)
                .expirationTime(Date.from(exp))
                .issueTime(Date.from(iat))
                .jwtID(jti)
                .claim("client_id", request.clientId());
        if (!request.scopes().isEmpty()) {
            claims.claim("scope", Scopes.join(request.scopes()));
        }
        addExtras(claims, request.claims(), "the request");
        Map<String, ?> extras = customizer.extraClaims(request);
        addExtras(claims, Objects.requireNonNull(extras, "the claims customizer returned null"), "the claims customizer");

        SigningKey key = keys.get().active();
        String jwt = key.signCompact(AT_JWT.getType(), claims.build().toString());
        return new IssuedToken(jwt, jti, iat, exp);
    }

    /**
     * The {@code iss} this issuer writes.
     *
     * @return the issuer URL as given to the builder
     */
    public String issuer() {
        return issuer;
    }

    /**
     * The default lifetime of its tokens.
     *
     * @return the lifetime used when a request sets none
     */
    public Duration lifetime() {
        return lifetime;
    }

    private static void addExtras(JWTClaimsSet.Builder claims, Map<String, ?> extras, String source) {
        extras.forEach((name, value) -> {
            if (REGISTERED_CLAIMS.contains(name)) {
                throw new IllegalArgumentException(source + " tried to set the registered claim '" + name
                        + "'; the issuer sets it itself");
            }
            claims.claim(name, value);
        });
    }

    private String newJti() {
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** Builds an {@link AccessTokenIssuer}; each setting may be given once. */
    public static final class Builder {
        private String issuer;
        private List<String> audience;
        private Supplier<KeyRing> keys;
        private Duration lifetime;
        private boolean longLifetimeAllowed;
        private boolean insecureIssuerAllowed;
        private Clock clock;
        private ClaimsCustomizer customizer;

        private Builder() {
        }

        /**
         * The {@code iss} claim: the issuer's URL, compared exactly by verifiers. Required: an https URL
         * without query or fragment (RFC 8414 section 2); plain http only on localhost or a loopback
         * address, unless {@link #allowInsecureIssuer()}.
         *
         * @param issuer the issuer URL; the URL rules are checked at {@link #build()}
         * @return this builder
         * @throws IllegalArgumentException when {@code issuer} is null or blank
         * @throws IllegalStateException    when the issuer was already set
         */
        public Builder issuer(String issuer) {
            requireUnset(this.issuer, "issuer");
            if (issuer == null || issuer.isBlank()) {
                throw new IllegalArgumentException("issuer must not be blank");
            }
            this.issuer = issuer;
            return this;
        }

        /**
         * The default {@code aud}: the resource servers the tokens are for. Required.
         *
         * @param audience one or more non-blank values; a request's own audience replaces them
         * @return this builder
         * @throws IllegalArgumentException when no value is given or one is null or blank
         * @throws IllegalStateException    when the audience was already set
         */
        public Builder audience(String... audience) {
            requireUnset(this.audience, "audience");
            if (audience.length == 0) {
                throw new IllegalArgumentException("audience needs at least one value");
            }
            for (String a : audience) {
                if (a == null || a.isBlank()) {
                    throw new IllegalArgumentException("audience values must not be blank");
                }
            }
            this.audience = List.of(audience);
            return this;
        }

        /**
         * The keys to sign with: the manager's active key at the time of each mint, so rotation needs no
         * new issuer. Required, once: this or {@link #keys(KeyRing)}.
         *
         * @param manager the key manager to ask for the current ring; not null
         * @return this builder
         * @throws IllegalStateException when keys were already set
         */
        public Builder keys(KeyManager manager) {
            requireUnset(this.keys, "keys");
            Objects.requireNonNull(manager, "manager");
            this.keys = manager::current;
            return this;
        }

        /**
         * A fixed ring to sign with (its active key); for tests and setups without rotation.
         *
         * @param ring the ring whose active key signs every token; not null
         * @return this builder
         * @throws IllegalStateException when keys were already set
         */
        public Builder keys(KeyRing ring) {
            requireUnset(this.keys, "keys");
            Objects.requireNonNull(ring, "ring");
            this.keys = () -> ring;
            return this;
        }

        /**
         * The lifetime of tokens; default 15 minutes. Over one hour is refused unless
         * {@link #allowLongLifetime()} is called: a leaked bearer token is valid for all of it.
         *
         * @param lifetime the default lifetime, positive; the one-hour limit is checked at {@link #build()}
         * @return this builder
         * @throws IllegalArgumentException when {@code lifetime} is null, zero or negative
         * @throws IllegalStateException    when the lifetime was already set
         */
        public Builder lifetime(Duration lifetime) {
            requireUnset(this.lifetime, "lifetime");
            if (lifetime == null || lifetime.isZero() || lifetime.isNegative()) {
                throw new IllegalArgumentException("lifetime must be positive");
            }
            this.lifetime = lifetime;
            return this;
        }

        /**
         * Allows a lifetime over one hour, for APIs that document one.
         *
         * @return this builder
         */
        public Builder allowLongLifetime() {
            this.longLifetimeAllowed = true;
            return this;
        }

        /**
         * Accepts a plain-http issuer on any host, for development only (a test network of containers,
         * say): tokens and metadata then travel where anyone on the way can read or change them.
         *
         * @return this builder
         */
        public Builder allowInsecureIssuer() {
            this.insecureIssuerAllowed = true;
            return this;
        }

        /**
         * The clock for {@code iat} and {@code exp}; default the system UTC clock.
         *
         * @param clock the clock to read; a fixed one in tests
         * @return this builder
         * @throws IllegalStateException when the clock was already set
         */
        public Builder clock(Clock clock) {
            requireUnset(this.clock, "clock");
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * Adds claims to every token; default none. A customizer that sets a registered claim or returns
         * null makes {@link AccessTokenIssuer#issue(AccessTokenRequest)} fail.
         *
         * @param customizer called once per token with its request
         * @return this builder
         * @throws IllegalStateException when a customizer was already set
         */
        public Builder customizer(ClaimsCustomizer customizer) {
            requireUnset(this.customizer, "customizer");
            this.customizer = Objects.requireNonNull(customizer, "customizer");
            return this;
        }

        /**
         * Checks the settings together and builds the issuer.
         *
         * @return an immutable, thread-safe issuer
         * @throws IllegalStateException when a required setting is missing, the issuer is not a secure URL,
         *                               or the lifetime exceeds one hour without {@link #allowLongLifetime()}
         */
        public AccessTokenIssuer build() {
            if (issuer == null) {
                throw new IllegalStateException("issuer(..) is required: the URL verifiers expect in 'iss'");
            }
            try {
                SecureUrls.issuer(issuer, insecureIssuerAllowed, "call allowInsecureIssuer()");
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException(e.getMessage(), e);
            }
            if (audience == null) {
                throw new IllegalStateException("audience(..) is required: the resource servers tokens are for");
            }
            if (keys == null) {
                throw new IllegalStateException("keys(..) is required: a KeyManager or KeyRing to sign with");
            }
            if (lifetime == null) {
                lifetime = Duration.ofMinutes(15);
            }
            if (lifetime.compareTo(MAX_DEFAULT_LIFETIME) > 0 && !longLifetimeAllowed) {
                throw new IllegalStateException("an access-token lifetime of " + lifetime + " is over one hour; "
                        + "shorten it or call allowLongLifetime() to accept the risk");
            }
            if (clock == null) {
                clock = Clock.systemUTC();
            }
            if (customizer == null) {
                customizer = ClaimsCustomizer.none();
            }
            return new AccessTokenIssuer(this);
        }

        private static void requireUnset(Object current, String name) {
            if (current != null) {
                throw new IllegalStateException(name + " was already set");
            }
        }
    }
}
