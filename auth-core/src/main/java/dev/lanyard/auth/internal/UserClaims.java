package dev.lanyard.auth.internal;

import dev.lanyard.auth.user.User;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The claims a token about a user carries beyond RFC 9068's: JWTs hold them, reference tokens look them up. */
public final class UserClaims {

    private UserClaims() {
    }

    /** {@code username}, {@code roles} (when any) and {@code appId} (when set). */
    public static Map<String, Object> of(User user) {
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("username", user.username());
        if (!user.roles().isEmpty()) {
            claims.put("roles", List.copyOf(user.roles()));
        }
        user.appId().ifPresent(a -> claims.put("appId", a));
        return claims;
    }
}
