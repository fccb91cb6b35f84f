package dev.lanyard.auth.internal.jws;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jose.util.JSONObjectUtils;
import dev.lanyard.auth.key.SigningKey;
import dev.lanyard.auth.token.InvalidSignatureException;
import dev.lanyard.auth.token.MalformedTokenException;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;

/**
 * The JWS layer of every JWT Lanyard verifies (access tokens, client assertions): the compact form
 * (exactly three parts, strict and canonical base64url, UTF-8 JSON objects), the {@link HeaderPolicy},
 * the key lookup and the signature check. What the claims must say is the caller's {@link Payload}
 * profile, run only after the signature verified.
 *
 * <p>Headers that passed may be cached by their base64url text (all tokens of one key share one
 * header, so the cold path parses and checks it once, not per token): bounded, short-lived, and
 * tied to the key lookup and the version of the keys it was checked under. Thread-safe.
 */
public final class CompactJws {

    /** What the claims of one kind of JWT must say; returns the verified result. */
    @FunctionalInterface
    public interface Payload<T> {
        /**
         * Checks the claims of a JWS whose signature verified.
         *
         * @param claims the payload's members
         * @param key    the key that verified the signature
         * @return the verified value
         */
        T check(Map<String, Object> claims, SigningKey key);
    }

    private final HeaderPolicy policy;
    private final Cache<String, CheckedHeader> headers; // null when off

    /**
     * A JWS layer.
     *
     * @param policy         the header rules
     * @param headerCacheSize how many checked headers to remember; 0 for none (when the key lookup
     *                        depends on more than the header, such as the client of an assertion)
     * @param clock          the clock of the header cache
     */
    public CompactJws(HeaderPolicy policy, int headerCacheSize, Clock clock) {
        this.policy = policy;
        this.headers = headerCacheSize == 0 ? null : Caffeine.newBuilder()
                .maximumSize(headerCacheSize)
                .expireAfterWrite(Duration.ofMinutes(1))
                .ticker(() -> clock.millis() * 1_000_000L)
                .executor(Runnable::run)
                .build();
    }

    /**
     * Verifies a compact JWS and hands its claims to the profile.
     *
     * @param token       the compact serialization, non-empty and already size-checked
     * @param keys        where the header's key is looked up
     * @param keysVersion the version of the keys (see {@code KeySource.version()}), for the header cache
     * @param payload     the claims profile
     * @param <T>         the profile's result
     * @return what the profile returned
     * @throws dev.lanyard.auth.token.InvalidTokenException naming the failure, without echoing the token
     */
    public <T> T verify(String token, JwsKeys keys, Object keysVersion, Payload<T> payload) {
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

        SigningKey key = header(token.substring(0, first), keys, keysVersion);
        if (second == token.length() - 1) {
            throw new InvalidSignatureException("the token has no signature");
        }
        verifySignature(token, key, second);
        return payload.check(parseJson(token.substring(first + 1, second), "payload"), key);
    }

    /**
     * The payload of a compact JWS, <b>unverified</b>: only for choosing whose keys must verify it (the
     * {@code sub} of a client assertion names the client), never for a decision of trust.
     *
     * @param token the compact serialization
     * @return the payload's members
     * @throws MalformedTokenException when it is not three base64url parts with a JSON payload
     */
    public static Map<String, Object> unverifiedPayload(String token) {
        int first = token.indexOf('.');
        int second = first < 0 ? -1 : token.indexOf('.', first + 1);
        if (first < 0 || second < 0 || token.indexOf('.', second + 1) >= 0) {
            throw new MalformedTokenException("a signed JWT has exactly three dot-separated parts "
                    + "(encrypted JWTs are not accepted)");
        }
        requireBase64Url(token, first + 1, second, "payload");
        return parseJson(token.substring(first + 1, second), "payload");
    }

    /** A header that passed the policy, with its key, as seen under one key lookup and version. */
    private record CheckedHeader(SigningKey key, JwsKeys keys, Object keysVersion) {
    }

    private SigningKey header(String headerPart, JwsKeys keys, Object version) {
        CheckedHeader cached = headers == null ? null : headers.getIfPresent(headerPart);
        if (cached != null && cached.keys() == keys && cached.keysVersion() == version) {
            return cached.key();
        }
        Map<String, Object> header = parseJson(headerPart, "header");
        SigningKey key = policy.check(header, keys);
        try {
            // Nimbus's own header rules (member types and the like) on top of ours; the object is not kept.
            JWSHeader.parse(header, new Base64URL(headerPart));
        } catch (ParseException e) {
            throw new MalformedTokenException("the header is not a valid JWS header: " + e.getMessage(), e);
        }
        if (headers != null) {
            headers.put(headerPart, new CheckedHeader(key, keys, version));
        }
        return key;
    }

    private static void verifySignature(String token, SigningKey key, int second) {
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
     * each past any deny-list or replay store kept by token string).
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
}
