package dev.lanyard.auth.token;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jose.util.JSONObjectUtils;
import dev.lanyard.auth.internal.Json;
import dev.lanyard.auth.internal.TokenKey;
import dev.lanyard.auth.key.KeyManager;
import dev.lanyard.auth.key.KeyRing;
import dev.lanyard.auth.key.KeySource;
import dev.lanyard.auth.key.SigningKey;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Verifies access tokens, strictly: the checks an attacker would probe are all on by default and none
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

    private static final Set<String> FORBIDDEN_HEADERS = Set.of("jwk", "jku", "x5u", "x5c");

    private final String issuer;
    private final String audience;
    private final KeySource keys;
    private final Clock clock;
    private final Duration skew;
    private final int maxTokenSize;
    private final RevocationList revocations;
    private final Cache<TokenKey, CachedToken> cache; // null when disabled
    /**
     * Headers that passed every check, by their base64url text: all tokens of one key share one header,
     * so the cold path parses and checks it once, not per token. Bounded, and short-lived so that a key
     * source without versions (a remote JWKS) is asked again soon.
     */
    private final Cache<String, CheckedHeader> headers;

    private AccessTokenVerifier(Builder b) {
        this.issuer = b.issuer;
        this.audience = b.audience;
        this.keys = b.keys;
        this.clock = b.clock;
        this.skew = b.skew;
        this.maxTokenSize = b.maxTokenSize;
        this.revocations = b.revocations;
        this.cache = b.cacheSize == 0 ? null : Caffeine.newBuilder()
                .maximumSize(b.cacheSize)
                .ticker(() -> clock.millis() * 1_000_000L)
                .executor(Runnable::run)
                .expireAfter(Expiry.<TokenKey, CachedToken>creating((k, v) -> untilExpiry(v.token)))
                .build();
        this.headers = Caffeine.newBuilder()
                .maximumSize(256)
                .expireAfterWrite(Duration.ofMinutes(1))
                .ticker(() -> clock.millis() * 1_000_000L)
                .executor(Runnable::run)
                .build();
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
            checkStillValid(hit.token, clock.instant());
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
        int first = token.indexOf('.');
        int second = first < 0 ? -1 : token.indexOf('.', first + 1);
        if (first < 0 || second < 0 || token.indexOf('.', second + 1) >= 0) {
            throw new MalformedTokenException("a signed JWT has exactly three dot-separated parts "
                    + "(encrypted JWTs are not accepted)");
        }
        requireBase64Url(token, 0, first, "header");
        requireBase64Url(token, first + 1, second, "payload");
        requireBase64Url(token, second + 1, token.length(), "signature");
        requireCanonicalEnding(token, second + 1, token.length());

        CheckedHeader header = header(token.substring(0, first), version);
        if (second == token.length() - 1) {
            throw new InvalidSignatureException("the token has no signature");
        }
        verifySignature(token, header, second);
        Map<String, Object> claims = parseJson(token.substring(first + 1, second), "payload");
        return checkClaims(claims, header.key().kid());
    }

    /** A header that passed {@link #checkHeader}, with the key it names, as seen under one key-source version. */
    private record CheckedHeader(SigningKey key, Object keysVersion) {
    }

    private CheckedHeader header(String headerPart, Object version) {
        CheckedHeader cached = headers.getIfPresent(headerPart);
        if (cached != null && cached.keysVersion() == version) {
            return cached;
        }
        Map<String, Object> header = parseJson(headerPart, "header");
        SigningKey key = checkHeader(header);
        try {
            // Nimbus's own header rules (member types and the like) on top of ours; the object is not kept.
            JWSHeader.parse(header, new Base64URL(headerPart));
        } catch (ParseException e) {
            throw new MalformedTokenException("the header is not a valid JWS header: " + e.getMessage(), e);
        }
        CheckedHeader checked = new CheckedHeader(key, version);
        headers.put(headerPart, checked);
        return checked;
    }

    private SigningKey checkHeader(Map<String, Object> header) {
        Object alg = header.get("alg");
        if (!(alg instanceof String algName)) {
            throw new MalformedTokenException("the header has no 'alg' string");
        }
        if ("none".equalsIgnoreCase(algName.trim())) {
            throw new UnsupportedTokenException("alg 'none' (an unsigned token) is never accepted");
        }
        for (String name : FORBIDDEN_HEADERS) {
            if (header.containsKey(name)) {
                throw new UnsupportedTokenException("the header carries '" + name
                        + "'; keys are never taken from a token or fetched from where it points");
            }
        }
        if (header.containsKey("crit")) {
            throw new UnsupportedTokenException("the header has a 'crit' extension this verifier does not support");
        }
        Object typ = header.get("typ");
        if (!(typ instanceof String t) || !("at+jwt".equalsIgnoreCase(t) || "application/at+jwt".equalsIgnoreCase(t))) {
            throw new UnsupportedTokenException("typ must be 'at+jwt' (RFC 9068); this is not an access token");
        }
        Object kid = header.get("kid");
        if (!(kid instanceof String kidName)) {
            throw new UnknownKeyException("the header has no 'kid'; every key is chosen by its id");
        }
        SigningKey key = keys.find(kidName).orElseThrow(
                () -> new UnknownKeyException("the token's kid names no key this verifier trusts"));
        if (!key.algorithm().jwsName().equals(algName)) {
            throw new UnsupportedTokenException("the token's alg is not the algorithm of key " + key.kid()
                    + ", which verifies only " + key.algorithm().jwsName());
        }
        return key;
    }

    private void verifySignature(String token, CheckedHeader header, int second) {
        SigningKey key = header.key();
        byte[] signingInput = token.substring(0, second).getBytes(StandardCharsets.US_ASCII);
        byte[] signature;
        try {
            signature = Base64.getUrlDecoder().decode(token.substring(second + 1));
        } catch (IllegalArgumentException e) {
            throw new MalformedTokenException("the signature is not base64url", e);
        }
        if (!key.verifySignature(signingInput, signature)) {
            throw new InvalidSignatureException("the signature does not verify with key " + key.kid());
        }
    }

    private VerifiedToken checkClaims(Map<String, Object> claims, String kid) {
        String iss = requireString(claims, "iss");
        if (!issuer.equals(iss)) {
            throw new InvalidClaimException("iss is not the expected issuer " + issuer);
        }
        List<String> aud = audienceOf(claims);
        if (!aud.contains(audience)) {
            throw new InvalidClaimException("aud does not include this resource server, " + audience);
        }
        String sub = requireString(claims, "sub");
        String jti = requireString(claims, "jti");
        String clientId = requireString(claims, "client_id");
        Instant exp = requireTime(claims, "exp");
        Instant iat = requireTime(claims, "iat");
        Instant nbf = claims.containsKey("nbf") ? requireTime(claims, "nbf") : null;
        Object scope = claims.get("scope");
        if (scope != null && !(scope instanceof String)) {
            throw new MalformedTokenException("the claim 'scope' must be a space-separated string");
        }
        Instant now = clock.instant();
        if (nbf != null && nbf.minus(skew).isAfter(now)) {
            throw new PrematureTokenException("the token is not valid before " + nbf + " (nbf)");
        }
        if (iat.minus(skew).isAfter(now)) {
            throw new PrematureTokenException("the token claims to be issued in the future (iat " + iat + ")");
        }
        VerifiedToken token = new VerifiedToken(sub, clientId, iss, aud, Scopes.parse((String) scope), jti, iat, exp,
                kid, Json.freeze(claims));
        checkStillValid(token, now);
        return token;
    }

    private void checkStillValid(VerifiedToken token, Instant now) {
        if (!now.isBefore(token.expiresAt().plus(skew))) {
            throw new ExpiredTokenException("the token expired at " + token.expiresAt());
        }
        if (revocations.isRevoked(token.jti())) {
            throw new RevokedTokenException("the token " + token.jti() + " was revoked");
        }
    }

    private Duration untilExpiry(VerifiedToken token) {
        Duration left = Duration.between(clock.instant(), token.expiresAt().plus(skew));
        return left.isNegative() ? Duration.ZERO : left;
    }

    private static void requireBase64Url(String s, int from, int to, String part) {
        if (from == to && !"signature".equals(part)) {
            throw new MalformedTokenException("the " + part + " part is empty");
        }
        if ((to - from) % 4 == 1) {
            throw new MalformedTokenException("the " + part + " part has an impossible base64url length");
        }
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            boolean ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-'
                    || c == '_';
            if (!ok) {
                throw new MalformedTokenException("the " + part + " part holds a character outside base64url "
                        + "(padding is not allowed)");
            }
        }
    }

    /**
     * The unused low bits of a base64url string's last character must be zero: otherwise one signature
     * has several spellings, and a token several strings that all verify (each its own cache entry,
     * each past any deny-list kept by token string).
     */
    private static void requireCanonicalEnding(String s, int from, int to) {
        int rest = (to - from) % 4;
        if (rest == 0 || to == from) {
            return;
        }
        char c = s.charAt(to - 1);
        int v = c >= 'A' && c <= 'Z' ? c - 'A' : c >= 'a' && c <= 'z' ? c - 'a' + 26 : c >= '0' && c <= '9' ? c - '0' + 52
                : c == '-' ? 62 : 63;
        int unusedBits = rest == 2 ? 4 : 2;
        if ((v & ((1 << unusedBits) - 1)) != 0) {
            throw new MalformedTokenException("the signature part is not canonical base64url");
        }
    }

    private static Map<String, Object> parseJson(String part, String name) {
        String json;
        try {
            byte[] bytes = Base64.getUrlDecoder().decode(part);
            json = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (IllegalArgumentException | CharacterCodingException e) {
            throw new MalformedTokenException("the " + name + " is not base64url-encoded UTF-8", e);
        }
        try {
            Map<String, Object> object = JSONObjectUtils.parse(json);
            if (object == null) {
                throw new ParseException("not an object", 0);
            }
            return object;
        } catch (ParseException | RuntimeException e) {
            throw new MalformedTokenException("the " + name + " is not a valid JSON object: " + e.getMessage(), e);
        }
    }

    private static String requireString(Map<String, Object> claims, String name) {
        Object value = claims.get(name);
        if (!(value instanceof String s) || s.isEmpty()) {
            throw new MalformedTokenException("the required claim '" + name + "' is missing or not a string");
        }
        return s;
    }

    private static Instant requireTime(Map<String, Object> claims, String name) {
        Object value = claims.get(name);
        if (!(value instanceof Number n)) {
            throw new MalformedTokenException("the required claim '" + name + "' is missing or not a NumericDate");
        }
        try {
            double seconds = n.doubleValue();
            if (Double.isNaN(seconds) || Double.isInfinite(seconds)) {
                throw new DateTimeException("not finite");
            }
            return n instanceof Long || n instanceof Integer
                    ? Instant.ofEpochSecond(n.longValue())
                    : Instant.ofEpochMilli(Math.round(seconds * 1000));
        } catch (DateTimeException | ArithmeticException e) {
            throw new MalformedTokenException("the claim '" + name + "' is out of range", e);
        }
    }

    private static List<String> audienceOf(Map<String, Object> claims) {
        Object aud = claims.get("aud");
        if (aud instanceof String s) {
            return List.of(s);
        }
        if (aud instanceof List<?> list && !list.isEmpty()) {
            List<String> out = new ArrayList<>(list.size());
            for (Object o : list) {
                if (!(o instanceof String s)) {
                    throw new MalformedTokenException("the claim 'aud' must hold only strings");
                }
                out.add(s);
            }
            return out;
        }
        throw new InvalidClaimException("the token has no 'aud'; RFC 9068 requires one");
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
