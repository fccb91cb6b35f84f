package dev.lanyard.auth.internal.grant;

import dev.lanyard.auth.AuthException;
import dev.lanyard.auth.AuthorizationRequest;
import dev.lanyard.auth.AuthorizationRequestException;
import dev.lanyard.auth.InvalidRequestException;
import dev.lanyard.auth.OAuthError;
import dev.lanyard.auth.TokenRequest;
import dev.lanyard.auth.TokenResponse;
import dev.lanyard.auth.UnauthorizedClientException;
import dev.lanyard.auth.UnsupportedGrantTypeException;
import dev.lanyard.auth.client.Client;
import dev.lanyard.auth.client.ClientStore;
import dev.lanyard.auth.grant.AuthorizationCode;
import dev.lanyard.auth.grant.AuthorizationCodeStore;
import dev.lanyard.auth.internal.Identifiers;
import dev.lanyard.auth.internal.Secrets;
import dev.lanyard.auth.user.User;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/**
 * The front channel of the code flow: checking an authorization request, issuing the code a user
 * approved, and client codes (issued to an authenticated client, redeemed by the code alone). The
 * redemption is {@link AuthorizationCodeGrant}'s.
 */
public final class AuthorizationCodes {

    private final AuthorizationCodeStore codes;
    private final ClientStore clients;
    private final Grants grants;
    private final AuthorizationCodeGrant grant;
    private final Duration lifetime;
    private final boolean pkcePlainAllowed;
    private final Clock clock;

    /** @param codes the code store, or null when the code grant is off */
    public AuthorizationCodes(AuthorizationCodeStore codes, ClientStore clients, Grants grants,
                              AuthorizationCodeGrant grant, Duration lifetime, boolean pkcePlainAllowed, Clock clock) {
        this.codes = codes;
        this.clients = clients;
        this.grants = grants;
        this.grant = grant;
        this.lifetime = lifetime;
        this.pkcePlainAllowed = pkcePlainAllowed;
        this.clock = clock;
    }

    /**
     * Checks an authorization request. The client and redirect URI come first: until both check out an
     * error must not be redirected ({@link AuthorizationRequestException#redirectable()} false).
     */
    public Client check(AuthorizationRequest request) {
        if (codes == null) {
            throw notRedirectable(OAuthError.UNSUPPORTED_GRANT_TYPE, "this service has no authorization codes");
        }
        if (request.clientId() == null || request.clientId().isEmpty()) {
            throw notRedirectable(OAuthError.INVALID_REQUEST, "client_id is required");
        }
        if (!Identifiers.isClean(request.clientId())) {
            throw notRedirectable(OAuthError.INVALID_REQUEST, "client_id must not contain control or invisible characters");
        }
        Client client = clients.findById(request.clientId()).filter(Client::enabled)
                .orElseThrow(() -> notRedirectable(OAuthError.INVALID_REQUEST, "unknown client_id"));
        // Required even for a client with a single registered URI (RFC 6749 3.1.2.3 would allow leaving it
        // out): the code is then always bound to a URI the client named, the token request always repeats
        // it (RFC 6749 4.1.3), and the code store keeps one redirect URI per code, never "none given".
        if (request.redirectUri() == null) {
            throw notRedirectable(OAuthError.INVALID_REQUEST, "redirect_uri is required");
        }
        if (!client.redirectUris().contains(request.redirectUri())) {
            throw notRedirectable(OAuthError.INVALID_REQUEST, "redirect_uri is not registered for this client");
        }
        // A client that may not use the code flow is told on a page, never at its redirect URI.
        boolean codeFlowClient = client.allowsGrant(TokenRequest.AUTHORIZATION_CODE);
        if (!"code".equals(request.responseType())) {
            throw new AuthorizationRequestException(OAuthError.UNSUPPORTED_GRANT_TYPE, codeFlowClient,
                    "response_type must be 'code'");
        }
        if (!codeFlowClient) {
            throw notRedirectable(OAuthError.UNAUTHORIZED_CLIENT, "this client may not use the authorization code flow");
        }
        Pkce.checkChallenge(request.codeChallenge(), request.codeChallengeMethod(), client, pkcePlainAllowed);
        scopes(request.scope(), client.scopes());
        return client;
    }

    /** Issues a single-use code for a checked request and the user who approved it. */
    public String issue(AuthorizationRequest request, User user, Instant authTime) {
        Client client = check(request);
        Set<String> scopes = scopes(request.scope(), Scopes.forUser(client.scopes(), user.scopes()));
        String code = Secrets.newToken();
        Instant now = clock.instant();
        codes.save(new AuthorizationCode(Secrets.digest(code), client.clientId(), user.id(), request.redirectUri(),
                scopes, request.codeChallenge(), request.codeChallenge() == null ? null
                : Optional.ofNullable(request.codeChallengeMethod()).orElse("plain"), authTime, now.plus(lifetime)));
        return code;
    }

    /** Issues a client code to an authenticated confidential client. */
    public String issueClientCode(Client client, String scope) {
        if (codes == null) {
            throw new UnsupportedGrantTypeException("this service has no authorization codes");
        }
        // A public client authenticates with nothing, so a code for it would go to anyone who names it.
        if (!client.confidential() || !client.enabled()) {
            throw new UnauthorizedClientException("only an enabled confidential client may get a client code");
        }
        if (!client.allowsGrant(TokenRequest.AUTHORIZATION_CODE)) {
            throw new UnauthorizedClientException("client " + client.clientId() + " may not use the authorization_code grant");
        }
        Set<String> scopes = Scopes.resolve(scope, client.scopes(), "client " + client.clientId());
        String code = Secrets.newToken();
        Instant now = clock.instant();
        codes.save(AuthorizationCode.forClient(Secrets.digest(code), client.clientId(), scopes, now, now.plus(lifetime)));
        return code;
    }

    /** Redeems a client code without client authentication. */
    public TokenResponse redeemClientCode(TokenRequest request) {
        if (request.credential().isPresent()) {
            throw new InvalidRequestException("a request with client credentials is a normal grant; use grant(..)");
        }
        if (codes == null) {
            throw new UnsupportedGrantTypeException("this service has no authorization codes");
        }
        if (!TokenRequest.AUTHORIZATION_CODE.equals(request.grantType())) {
            throw new UnsupportedGrantTypeException(
                    "only the authorization_code grant may be redeemed without client authentication");
        }
        return grant.handleByCode(grants.context(TokenRequest.AUTHORIZATION_CODE), request);
    }

    /** Scope errors come after the client and redirect URI checked out: they may be redirected. */
    private static Set<String> scopes(String requested, Set<String> allowed) {
        try {
            return Scopes.resolve(requested, allowed, "this client and user");
        } catch (AuthException e) {
            throw new AuthorizationRequestException(e.error(), true, e.getMessage());
        }
    }

    private static AuthorizationRequestException notRedirectable(OAuthError error, String message) {
        return new AuthorizationRequestException(error, false, message);
    }
}
