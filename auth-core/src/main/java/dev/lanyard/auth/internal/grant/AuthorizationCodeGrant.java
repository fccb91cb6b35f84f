package dev.lanyard.auth.internal.grant;

import dev.lanyard.auth.CodeReplayedException;
import dev.lanyard.auth.InvalidClientException;
import dev.lanyard.auth.InvalidGrantException;
import dev.lanyard.auth.InvalidRequestException;
import dev.lanyard.auth.RedirectUriMismatchException;
import dev.lanyard.auth.TokenRequest;
import dev.lanyard.auth.TokenResponse;
import dev.lanyard.auth.UnauthorizedClientException;
import dev.lanyard.auth.UnsupportedGrantTypeException;
import dev.lanyard.auth.client.Client;
import dev.lanyard.auth.client.ClientStore;
import dev.lanyard.auth.grant.AuthorizationCode;
import dev.lanyard.auth.grant.AuthorizationCodeStore;
import dev.lanyard.auth.grant.GrantContext;
import dev.lanyard.auth.grant.GrantHandler;
import dev.lanyard.auth.grant.Issuance;
import dev.lanyard.auth.internal.Secrets;
import dev.lanyard.auth.refresh.RefreshTokens;
import dev.lanyard.auth.token.RevocationList;
import dev.lanyard.auth.user.User;
import dev.lanyard.auth.user.UserStore;

import java.time.Duration;
import java.time.Instant;

/**
 * RFC 6749 section 4.1 with PKCE (RFC 7636): a single-use code is exchanged for tokens by the client it
 * was issued to, with the exact redirect URI of the authorization request and the PKCE verifier. A code
 * presented a second time revokes everything its first use issued.
 *
 * <p>A client code ({@link AuthorizationCode#isClientCode()}) has no redirect URI and no PKCE: it went
 * straight to the authenticated client in a response body, never through a browser. Its tokens are about
 * the client. Only a client code may be redeemed without client authentication ({@link #handleByCode}),
 * its client then being the one it was issued to.
 */
public final class AuthorizationCodeGrant implements GrantHandler {

    private final AuthorizationCodeStore codes;
    private final ClientStore clients;
    private final UserStore users;
    private final RefreshTokens refreshTokens;
    private final RevocationList revocations;
    private final Duration defaultLifetime;

    /**
     * @param codes         the code store, or null when the code grant is off
     * @param users         the users, or null (then the code grant is off)
     * @param refreshTokens   refresh rotation, or null
     * @param defaultLifetime the service's access-token lifetime, the most a code redeemed without
     *                        client authentication gets
     */
    public AuthorizationCodeGrant(AuthorizationCodeStore codes, ClientStore clients, UserStore users,
                                  RefreshTokens refreshTokens, RevocationList revocations, Duration defaultLifetime) {
        this.defaultLifetime = defaultLifetime;
        this.codes = codes;
        this.clients = clients;
        this.users = users;
        this.refreshTokens = refreshTokens;
        this.revocations = revocations;
    }

    @Override
    public String grantType() {
        return TokenRequest.AUTHORIZATION_CODE;
    }

    @Override
    public TokenResponse handle(GrantContext context, TokenRequest request, Client client) {
        return redeem(context, request, client);
    }

    /** Redeems a client code for the client it was issued to, without client authentication. */
    public TokenResponse handleByCode(GrantContext context, TokenRequest request) {
        return redeem(context, request, null);
    }

    /** @param authenticated the authenticated client, or null when the code is to name its client */
    private TokenResponse redeem(GrantContext context, TokenRequest request, Client authenticated) {
        if (codes == null || users == null) {
            throw new UnsupportedGrantTypeException("this service has no authorization codes");
        }
        String code = Grants.required(request.code(), "code");
        String redirectUri = request.redirectUri().filter(r -> !r.isEmpty()).orElse(null);
        String verifier = request.codeVerifier().orElse(null);
        String familyId = RefreshTokens.newFamilyId();
        String jti = Secrets.newId();
        Instant now = context.clock().instant();
        // Without an authenticated client its own lifetime is unknown until the code is read; the token is
        // then held to at most the service's default, so that a replay's revocation outlives it.
        Duration lifetime = authenticated == null ? defaultLifetime : context.accessTokenLifetime(authenticated);
        AuthorizationCodeStore.Redemption redemption = codes
                .redeem(Secrets.digest(code), new AuthorizationCodeStore.Issued(familyId, jti, now.plus(lifetime)))
                .orElseThrow(() -> new InvalidGrantException("the authorization code is unknown or expired"));
        AuthorizationCode stored = redemption.code();
        if (!redemption.firstUse()) {
            revokeWhatItIssued(redemption.issued());
            throw new CodeReplayedException("the authorization code was already used; the tokens it issued are revoked");
        }
        Client client = authenticated != null ? authenticated : clientOf(stored);
        if (!stored.clientId().equals(client.clientId())) {
            throw new InvalidGrantException("the authorization code was issued to another client");
        }
        if (!context.clock().instant().isBefore(stored.expiresAt())) {
            throw new InvalidGrantException("the authorization code expired");
        }
        Issuance issuance = context.issue(client).scopes(stored.scopes()).authTime(stored.authTime())
                .refreshToken(true).ids(familyId, jti);
        if (stored.isClientCode()) {
            if (redirectUri != null) {
                throw new InvalidGrantException("redirect_uri sent for a code issued without one");
            }
            // No challenge was made: a verifier is refused (a downgrade attempt), and the client must be confidential.
            Pkce.check(null, null, verifier, client);
            Duration own = context.accessTokenLifetime(client);
            return issuance.lifetime(own.compareTo(lifetime) < 0 ? own : lifetime).issue();
        }
        if (redirectUri == null) {
            throw new InvalidRequestException("the parameter 'redirect_uri' is required");
        }
        if (!stored.redirectUri().equals(redirectUri)) {
            throw new RedirectUriMismatchException("redirect_uri does not match the authorization request");
        }
        Pkce.check(stored.codeChallenge(), stored.challengeMethod(), verifier, client);
        User user = users.findById(stored.subject()).filter(User::enabled)
                .orElseThrow(() -> new InvalidGrantException("the user who authorized this code is disabled or gone"));
        return issuance.user(user).issue();
    }

    /**
     * The client a code names, when no client authenticated: only for client codes, and only while that
     * client is enabled, confidential and still allowed the grant.
     */
    private Client clientOf(AuthorizationCode stored) {
        if (!stored.isClientCode()) {
            throw new InvalidClientException("this authorization code must be redeemed with client authentication");
        }
        Client client = clients.findById(stored.clientId()).filter(Client::enabled).filter(Client::confidential)
                .orElseThrow(() -> new InvalidGrantException("the client of this authorization code is disabled or gone"));
        if (!client.allowsGrant(TokenRequest.AUTHORIZATION_CODE)) {
            throw new UnauthorizedClientException("client " + client.clientId() + " may not use the authorization_code grant");
        }
        return client;
    }

    private void revokeWhatItIssued(AuthorizationCodeStore.Issued issued) {
        if (issued.familyId() != null && refreshTokens != null) {
            refreshTokens.revokeFamily(issued.familyId());
        }
        if (issued.accessTokenId() != null && revocations != null) {
            revocations.revoke(issued.accessTokenId(), issued.accessExpiresAt());
        }
    }
}
