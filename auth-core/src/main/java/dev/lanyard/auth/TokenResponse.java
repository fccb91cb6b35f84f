package dev.lanyard.auth;

import dev.lanyard.auth.token.Scopes;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A successful token response (RFC 6749 section 5.1), plus the facts a caller may want without parsing
 * the token. {@link #toJson()} gives the standard field names; the servlet layer can rename them for
 * APIs that use others.
 *
 * <pre>{@code
 * TokenResponse r = tokenService.grant(request);
 * Map<String, Object> body = r.toJson(); // access_token, token_type, expires_in, refresh_token, scope, id_token
 * }</pre>
 *
 * <p>{@link #toString()} never shows a token.
 *
 * @param accessToken      the access token (a JWT, or an opaque reference token)
 * @param tokenType        always {@code Bearer}
 * @param expiresIn        seconds until the access token expires
 * @param refreshToken     the refresh token, when one was issued
 * @param refreshExpiresIn seconds until the refresh token's session ends, when one was issued
 * @param scopes           the granted scopes ({@link #toJson()} writes them as {@link Scopes#join} does: sorted)
 * @param idToken          the OpenID-style id_token, when one was issued
 * @param subject          whom the tokens are about (a user id, or the client id)
 * @param clientId         the client they were issued to
 * @param accessTokenId    the access token's jti (or reference id), safe to log
 */
public record TokenResponse(String accessToken, String tokenType, long expiresIn, String refreshToken,
                            Long refreshExpiresIn, Set<String> scopes, String idToken, String subject, String clientId,
                            String accessTokenId) {

    /**
     * Checks the required components and copies the scopes.
     *
     * @param accessToken      the access token (a JWT, or an opaque reference token)
     * @param tokenType        always {@code Bearer}
     * @param expiresIn        seconds until the access token expires
     * @param refreshToken     the refresh token, when one was issued
     * @param refreshExpiresIn seconds until the refresh token's session ends, when one was issued
     * @param scopes           the granted scopes ({@link #toJson()} writes them as {@link Scopes#join} does: sorted)
     * @param idToken          the OpenID-style id_token, when one was issued
     * @param subject          whom the tokens are about (a user id, or the client id)
     * @param clientId         the client they were issued to
     * @param accessTokenId    the access token's jti (or reference id), safe to log
     * @throws NullPointerException when the access token, token type, scopes, subject or client id is null
     */
    public TokenResponse {
        Objects.requireNonNull(accessToken, "accessToken");
        Objects.requireNonNull(tokenType, "tokenType");
        scopes = Collections.unmodifiableSet(new LinkedHashSet<>(Objects.requireNonNull(scopes, "scopes")));
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(clientId, "clientId");
    }

    /**
     * The refresh token, as an {@code Optional}.
     *
     * @return the refresh token; empty when none was issued
     */
    public Optional<String> refreshTokenValue() {
        return Optional.ofNullable(refreshToken);
    }

    /**
     * The id token, as an {@code Optional}.
     *
     * @return the id_token; empty when none was issued
     */
    public Optional<String> idTokenValue() {
        return Optional.ofNullable(idToken);
    }

    /**
     * The RFC 6749 JSON body: {@code access_token token_type expires_in} and the optional fields present.
     *
     * @return a new map in that order; {@code scope} is left out when no scope was granted
     */
    public Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("access_token", accessToken);
        json.put("token_type", tokenType);
        json.put("expires_in", expiresIn);
        if (refreshToken != null) {
            json.put("refresh_token", refreshToken);
        }
        if (!scopes.isEmpty()) {
            json.put("scope", Scopes.join(scopes));
        }
        if (idToken != null) {
            json.put("id_token", idToken);
        }
        return json;
    }

    @Override
    public String toString() {
        return "TokenResponse[jti=" + accessTokenId + ", sub=" + subject + ", client_id=" + clientId + ", expires_in="
                + expiresIn + ", refresh=" + (refreshToken != null) + "]";
    }
}
