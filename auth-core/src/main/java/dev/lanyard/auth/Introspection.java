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

    public Introspection {
        fields = Map.copyOf(fields);
    }

    public static Introspection inactive() {
        return INACTIVE;
    }

    /** The JSON body: {@code active} first, then the fields of an active token. */
    public Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("active", active);
        if (active) {
            json.putAll(new java.util.TreeMap<>(fields));
        }
        return json;
    }
}
