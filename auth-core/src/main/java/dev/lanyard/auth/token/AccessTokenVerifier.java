package dev.lanyard.auth.token;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import dev.lanyard.auth.internal.TokenKey;
import dev.lanyard.auth.internal.jws.CompactJws;
import dev.lanyard.auth.internal.jws.HeaderPolicy;
import dev.lanyard.auth.internal.jws.JwsKeys;
import dev.lanyard.auth.key.KeyManager;
import dev.lanyard.auth.key.KeyRing;
import dev.lanyard.auth.key.KeySource;
import dev.lanyard.auth.key.SigningKey;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;

/**
 * Verifies access tokens, strictly (the shared JWS layer, the {@code at+jwt} header profile and the
 * RFC 9068 claims profile): the checks an attacker would probe are all on by default and none
 * can be turned off.
 * <ul>
 *   <li>size: tokens over {@link Builder#maxTokenSize(int) the limit} are refused before any parsing;</li>
 *   <li>form: exactly three base64url parts, strict alphabet, valid UTF-8 JSON objects without
 *       duplicate member names;</li>
 *   <li>header: {@code alg} must equal the one algorithm of the key named by {@code kid} ({@code none}
 *       never passes, nor HS256 against an RSA key); {@code jwk}, {@code jku}, {@code x5u},
 *       {@code x5c} and {@code crit} are refused; {@code typ} must be {@code at+jwt} or
 *       {@code application/at+jwt}; an unknown {@code kid} is refused without trying other keys;</li>
 *   <li>claims, after the signature is verified: {@code iss} exact, {@code aud} holding this resource
 *       server exactly, {@code sub jti client_id exp iat} present, {@code exp}, {@code nbf} and
 *       {@code iat} within the clock skew, {@code jti} not revoked.</li>
 * </ul>
 * Verified tokens are cached (bounded; each entry dies when its token expires); a hit still checks
 * {@code exp} and the revocation list, and a key rotation that drops a key re-verifies cached tokens.
 * Every failure is an {@link InvalidTokenException} subclass whose message says what was wrong without
 * echoing the token.
 *
 * <pre>{@code
 * AccessTokenVerifier verifier = AccessTokenVerifier.builder()
 *         .issuer("https://auth.example")
 *         .audience("https://api.example")
 *         .keys(keyManager)                       // or .keys(RemoteJwks.builder(url).build())
 *         .revocations(revocationList)
 *         .build();
 * VerifiedToken token = verifier.verify(bearer);
 * }</pre>
 *
 * <p>Immutable and thread-safe; build one and share it.
 */
public final class AccessTokenVerifier implements TokenVerifier {

    /** The largest clock skew a verifier accepts. */
    public static final Duration MAX_CLOCK_SKEW = Duration.ofMinutes(5);

    /** RFC 9068 section 4: {@code typ} is {@code at+jwt}, in either spelling; the key decides the alg. */
    private static final HeaderPolicy HEADERS = new HeaderPolicy(Set.of(), typ -> {
        if (!(typ instanceof String t) || !("at+jwt".equalsIgnoreCase(t) || "application/at+jwt".equalsIgnoreCase(t))) {
            throw new UnsupportedTokenException("typ must be 'at+jwt' (RFC 9068); this is not an access token");
        }
    });

    private final String issuer;
    private final String audience;
    private final KeySource keys;
    private final Clock clock;
    private final Duration skew;
    private final int maxTokenSize;
    private final Cache<TokenKey, CachedToken> cache; // null when disabled
    /**
     * The JWS layer, whose header cache (256 headers for a minute: a key source without versions, such
     * as a remote JWKS, is asked again soon) spares the cold path a header parse per token.
     */
    private final CompactJws jws;
    private final JwsKeys keyLookup = this::find;
    private final AccessTokenClaims claims;

    private AccessTokenVerifier(Builder b) {
        this.issuer = b.issuer;
        this.audience = b.audience;
        this.keys = b.keys;
        this.clock = b.clock;
        this.skew = b.skew;
        this.maxTokenSize = b.maxTokenSize;
        this.cache = b.cacheSize == 0 ? null : Caffeine.newBuilder()
                .maximumSize(b.cacheSize)
                .ticker(() -> clock.millis() * 1_000_000L)
                .executor(Runnable::run)
                .expireAfter(Expiry.<TokenKey, CachedToken>creating((k, v) -> untilExpiry(v.token)))
                .build();
        this.jws = new CompactJws(HEADERS, 256, clock);
        this.claims = new AccessTokenClaims(issuer, audience, clock, skew, b.revocations);
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
     * Verifies a compact JWS access token (without the {@code Bearer} prefix).
     *
     * @param token the compact serialization; null, empty or over {@code maxTokenSize} characters is
     *              refused as malformed before any parsing
     * @return the verified token
     * @throws InvalidTokenException (a subclass naming the failure) when the token is not acceptable
     */
    @Override
    public VerifiedToken verify(String token) {
        if (token == null || token.isEmpty()) {
            throw new MalformedTokenException("no token was given");
        }
        if (token.length() > maxTokenSize) {
            throw new MalformedTokenException("the token is " + token.length() + " characters long; the limit is "
                    + maxTokenSize);
        }
        Object version = keys.version();
        if (cache == null) {
            return verifyUncached(token, version);
        }
        TokenKey cacheKey = new TokenKey(token);
        CachedToken hit = cache.getIfPresent(cacheKey);
        if (hit != null && hit.keysVersion == version) {
            claims.checkStillValid(hit.token, clock.instant());
            return hit.token;
        }
        VerifiedToken verified = verifyUncached(token, version);
        cache.put(cacheKey, new CachedToken(verified, version));
        return verified;
    }

    /**
     * The issuer this verifier expects in {@code iss}.
     *
     * @return the issuer, compared exactly
     */
    public String issuer() {
        return issuer;
    }

    /**
     * The audience this verifier expects in {@code aud}.
     *
     * @return this resource server's identifier, which {@code aud} must hold exactly
     */
    public String audience() {
        return audience;
    }

    private VerifiedToken verifyUncached(String token, Object version) {
        return jws.verify(token, keyLookup, version, claims);
    }

    /** The issuer's keys, each chosen by the header's {@code kid}; the header's alg must be the key's one. */
    private SigningKey find(String kid, String alg) {
        if (kid == null) {
            throw new UnknownKeyException("the header has no 'kid'; every key is chosen by its id");
        }
        SigningKey key = keys.find(kid).orElseThrow(
                () -> new UnknownKeyException("the token's kid names no key this verifier trusts"));
        if (!key.algorithm().jwsName().equals(alg)) {
            throw new UnsupportedTokenException("the token's alg is not the algorithm of key " + key.kid()
                    + ", which verifies only " + key.algorithm().jwsName());
        }
        return key;
    }

    private Duration untilExpiry(VerifiedToken token) {
        Duration left = Duration.between(clock.instant(), token.expiresAt().plus(skew));
        return left.isNegative() ? Duration.ZERO : left;
    }

    private record CachedToken(VerifiedToken token, Object keysVersion) {
    }

    /** Builds an {@link AccessTokenVerifier}; each setting may be given once. */
    public static final class Builder {
        private String issuer;
        private String audience;
        private KeySource keys;
        private Clock clock;
        private Duration skew;
        private Integer maxTokenSize;
        private Integer cacheSize;
        private RevocationList revocations;

        private Builder() {
        }

        /**
         * The exact {@code iss} to accept. Required.
         *
         * @param issuer the issuer URL, compared character for character
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
         * This resource server's identifier, which {@code aud} must hold exactly. Required.
         *
         * @param audience the identifier, one of the values of a token's {@code aud}
         * @return this builder
         * @throws IllegalArgumentException when {@code audience} is null or blank
         * @throws IllegalStateException    when the audience was already set
         */
        public Builder audience(String audience) {
            requireUnset(this.audience, "audience");
            if (audience == null || audience.isBlank()) {
                throw new IllegalArgumentException("audience must not be blank");
            }
            this.audience = audience;
            return this;
        }

        /**
         * Verify with the keys of this manager's current ring, so that rotated keys are seen at once.
         *
         * @param manager the key manager to ask on each verification
         * @return this builder
         * @throws IllegalStateException when keys were already set
         */
        public Builder keys(KeyManager manager) {
            return keys(KeySource.of(manager));
        }

        /**
         * Verify with the keys of this fixed ring.
         *
         * @param ring the ring whose keys (active and retired) are accepted
         * @return this builder
         * @throws IllegalStateException when keys were already set
         */
        public Builder keys(KeyRing ring) {
            return keys(KeySource.of(ring));
        }

        /**
         * Verify with keys from this source, for example a {@link dev.lanyard.auth.key.RemoteJwks}.
         *
         * @param source the key source; not null
         * @return this builder
         * @throws IllegalStateException when keys were already set
         */
        public Builder keys(KeySource source) {
            requireUnset(this.keys, "keys");
            this.keys = Objects.requireNonNull(source, "source");
            return this;
        }

        /**
         * The clock for {@code exp}, {@code nbf}, {@code iat} and the cache; default the system UTC clock.
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
         * Tolerance for {@code exp}, {@code nbf} and {@code iat}; default 60 seconds.
         *
         * @param skew the tolerance, from zero to 5 minutes
         * @return this builder
         * @throws IllegalArgumentException when {@code skew} is null, negative or over 5 minutes
         * @throws IllegalStateException    when the skew was already set
         */
        public Builder clockSkew(Duration skew) {
            requireUnset(this.skew, "clockSkew");
            if (skew == null || skew.isNegative() || skew.compareTo(MAX_CLOCK_SKEW) > 0) {
                throw new IllegalArgumentException("clockSkew must be between 0 and " + MAX_CLOCK_SKEW + ", got " + skew);
            }
            this.skew = skew;
            return this;
        }

        /**
         * Tokens longer than this are refused unparsed; default 8192.
         *
         * @param characters the limit in characters, 1024 to 65536
         * @return this builder
         * @throws IllegalArgumentException when {@code characters} is outside 1024 to 65536
         * @throws IllegalStateException    when the limit was already set
         */
        public Builder maxTokenSize(int characters) {
            requireUnset(this.maxTokenSize, "maxTokenSize");
            if (characters < 1024 || characters > 65536) {
                throw new IllegalArgumentException("maxTokenSize must be between 1024 and 65536, got " + characters);
            }
            this.maxTokenSize = characters;
            return this;
        }

        /**
         * How many verified tokens to cache; default 10,000. A cached token is still checked for expiry
         * and revocation.
         *
         * @param entries the maximum number of cached tokens; 0 disables the cache
         * @return this builder
         * @throws IllegalArgumentException when {@code entries} is negative
         * @throws IllegalStateException    when the cache size was already set
         */
        public Builder cacheSize(int entries) {
            requireUnset(this.cacheSize, "cacheSize");
            if (entries < 0) {
                throw new IllegalArgumentException("cacheSize must not be negative");
            }
            this.cacheSize = entries;
            return this;
        }

        /**
         * The revocation list checked on every verification; default {@link RevocationList#none()}.
         *
         * @param revocations the list to ask by {@code jti}; not null
         * @return this builder
         * @throws IllegalStateException when a revocation list was already set
         */
        public Builder revocations(RevocationList revocations) {
            requireUnset(this.revocations, "revocations");
            this.revocations = Objects.requireNonNull(revocations, "revocations");
            return this;
        }

        /**
         * Builds the verifier, filling in the defaults.
         *
         * @return an immutable, thread-safe verifier
         * @throws IllegalStateException when issuer, audience or keys is missing
         */
        public AccessTokenVerifier build() {
            if (issuer == null) {
                throw new IllegalStateException("issuer(..) is required: the exact 'iss' to accept");
            }
            if (audience == null) {
                throw new IllegalStateException("audience(..) is required: this resource server's identifier");
            }
            if (keys == null) {
                throw new IllegalStateException("keys(..) is required: a KeyManager, KeyRing or RemoteJwks");
            }
            clock = clock == null ? Clock.systemUTC() : clock;
            skew = skew == null ? Duration.ofSeconds(60) : skew;
            maxTokenSize = maxTokenSize == null ? 8192 : maxTokenSize;
            cacheSize = cacheSize == null ? 10_000 : cacheSize;
            revocations = revocations == null ? RevocationList.none() : revocations;
            return new AccessTokenVerifier(this);
        }

        private static void requireUnset(Object current, String name) {
            if (current != null) {
                throw new IllegalStateException(name + " was already set");
            }
        }
    }
}
