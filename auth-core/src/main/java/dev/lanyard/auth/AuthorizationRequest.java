package dev.lanyard.auth;

/**
 * The parameters of an authorization request (RFC 6749 section 4.1.1 with PKCE), as the authorize
 * endpoint received them. Validated by {@link TokenService#checkAuthorizationRequest} before the user
 * is asked to log in, and turned into a code by {@link TokenService#issueAuthorizationCode} after.
 *
 * <pre>{@code
 * AuthorizationRequest req = new AuthorizationRequest("code", "spa", "https://app.example/cb",
 *         "openid orders:read", state, challenge, "S256");
 * Client client = tokenService.checkAuthorizationRequest(req);
 * }</pre>
 *
 * @param responseType        must be {@code code}
 * @param clientId            the client
 * @param redirectUri         must equal one of the client's registered URIs exactly
 * @param scope               the requested scopes, space-separated, or null
 * @param state               opaque value returned to the client, or null
 * @param codeChallenge       the PKCE challenge, or null (confidential clients only)
 * @param codeChallengeMethod {@code S256}, or null
 */
public record AuthorizationRequest(String responseType, String clientId, String redirectUri, String scope, String state,
                                   String codeChallenge, String codeChallengeMethod) {
}
