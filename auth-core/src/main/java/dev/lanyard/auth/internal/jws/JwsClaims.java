package dev.lanyard.auth.internal.jws;

import dev.lanyard.auth.token.InvalidClaimException;
import dev.lanyard.auth.token.MalformedTokenException;

import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Typed reads of registered claims (RFC 7519 section 4.1), shared by the claims profiles. */
public final class JwsClaims {

    private JwsClaims() {
    }

    /** A required non-empty string claim. */
    public static String requireString(Map<String, Object> claims, String name) {
        Object value = claims.get(name);
        if (!(value instanceof String s) || s.isEmpty()) {
            throw new MalformedTokenException("the required claim '" + name + "' is missing or not a string");
        }
        return s;
    }

    /** A required NumericDate claim. */
    public static Instant requireTime(Map<String, Object> claims, String name) {
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

    /** An optional NumericDate claim; null when absent. */
    public static Instant optionalTime(Map<String, Object> claims, String name) {
        return claims.containsKey(name) ? requireTime(claims, name) : null;
    }

    /**
     * The {@code aud} claim as a list: one string or a non-empty array of strings.
     *
     * @param missing the message when there is none
     */
    public static List<String> audience(Map<String, Object> claims, String missing) {
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
        throw new InvalidClaimException(missing);
    }
}
