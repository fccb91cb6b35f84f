package dev.lanyard.auth;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The answer of RFC 7662 token introspection. An inactive token (unknown, expired, revoked, malformed)
 * reveals nothing but {@code active: false}.
 *
 * <pre>{@code
 * Introspection i = tokenService.introspect(token, "resource-server", secret, null);
 * Map<String, Object> body = i.toJson(); // {"active":true,"sub":"...","scope":"...",...} or {"active":false}
 * }</pre>
 *
 * @param active whether the token is usable now
 * @param fields the RFC 7662 members of an active token ({@code scope client_id username token_type exp iat sub aud iss jti})
 */
public record Introspection(boolean active, Map<String, Object> fields) {

    private static final Introspection INACTIVE = new Introspection(false, Map.of());

    /**
     * Copies the fields, so that the answer stays as it was built.
     *
     * @param active whether the token is usable now
     * @param fields the RFC 7662 members of an active token ({@code scope client_id username token_type exp iat sub aud iss jti})
     * @throws NullPointerException when {@code fields} is null or holds a null
     */
    public Introspection {
        fields = Map.copyOf(fields);
    }

    /**
     * The answer for a token that is unknown, expired, revoked, malformed or not the caller's to see.
     *
     * @return the shared {@code active: false} answer
     */
    public static Introspection inactive() {
        return INACTIVE;
    }

    /**
     * The JSON body: {@code active} first, then the fields of an active token.
     *
     * @return a new map, the fields sorted by name
     */
    public Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("active", active);
        if (active) {
            json.putAll(new java.util.TreeMap<>(fields));
        }
        return json;
    }
}
