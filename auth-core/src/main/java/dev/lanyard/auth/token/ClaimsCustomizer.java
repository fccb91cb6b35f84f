package dev.lanyard.auth.token;

import java.util.Map;

/**
 * Adds claims to every access token an issuer mints, for example the user's roles or tenant.
 * Registered claims ({@code iss sub aud exp nbf iat jti client_id scope}) cannot be replaced: the
 * issuer refuses a customizer that returns one.
 *
 * <pre>{@code
 * ClaimsCustomizer roles = request -> Map.of("roles", userRoles(request.subject()));
 * }</pre>
 */
@FunctionalInterface
public interface ClaimsCustomizer {

    /**
     * The extra claims for the token {@code request} describes; never null (return an empty map).
     *
     * @param request the request the token is minted for
     * @return claim names and values; a registered claim name makes the mint fail
     */
    Map<String, ?> extraClaims(AccessTokenRequest request);

    /**
     * A customizer that adds nothing.
     *
     * @return the customizer that returns an empty map
     */
    static ClaimsCustomizer none() {
        return request -> Map.of();
    }
}
