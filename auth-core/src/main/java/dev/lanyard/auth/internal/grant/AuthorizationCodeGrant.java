package dev.lanyard.auth.internal.grant;

import dev.lanyard.auth.InvalidClientException;
import dev.lanyard.auth.InvalidGrantException;
import dev.lanyard.auth.InvalidRequestException;
import dev.lanyard.auth.UnauthorizedClientException;
import dev.lanyard.auth.UnsupportedGrantTypeException;
import dev.lanyard.auth.AuthException;
import dev.lanyard.auth.OAuthError;
import dev.lanyard.auth.TokenRequest;
import dev.lanyard.auth.TokenResponse;
import dev.lanyard.auth.client.Client;
import dev.lanyard.auth.client.ClientStore;
import dev.lanyard.auth.grant.AuthorizationCode;
import dev.lanyard.auth.grant.AuthorizationCodeStore;
import dev.lanyard.auth.internal.Secrets;
import dev.lanyard.auth.refresh.RefreshTokens;
import dev.lanyard.auth.user.User;

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
final class AuthorizationCodeGrant implements Grants.Handler {

    private final Minting minting;
    private final ClientStore clients;

    AuthorizationCodeGrant(Minting minting, ClientStore clients) {
        this.minting = minting;
        this.clients = clients;
    }

    @Override
    public TokenResponse handle(TokenRequest request, Client client) {
        return redeem(request, client);
    }

    /** Redeems a client code for the client it was issued to, without client authentication. */
    TokenResponse handleByCode(TokenRequest request) {
        return redeem(request, null);
    }

    /** @param authenticated the authenticated client, or null when the code is to name its client */
    private TokenResponse redeem(TokenRequest request, Client authenticated) {
        if (minting.codes() == null || minting.users() == null) {
            throw new UnsupportedGrantTypeException("this service has no authorization codes");
        }
        String code = Grants.required(request.code(), "code");
        String redirectUri = request.redirectUri().filter(r -> !r.isEmpty()).orElse(null);
        String verifier = request.codeVerifier().orElse(null);
        String familyId = RefreshTokens.newFamilyId();
        String jti = Secrets.newId();
        // Without an authenticated client its own lifetime is unknown until the code is read; the token is
        // then held to at most the service's default, so that a replay's revocation outlives it.
        Duration lifetime = authenticated == null ? minting.accessLifetime() : minting.accessLifetime(authenticated);
        Instant accessExpiry = minting.clock().instant().plus(lifetime);
        AuthorizationCodeStore.Redemption redemption = minting.codes()
                .redeem(Secrets.digest(code), new AuthorizationCodeStore.Issued(familyId, jti, accessExpiry))
                .orElseThrow(() -> invalid("the authorization code is unknown or expired"));
        AuthorizationCode stored = redemption.code();
        if (!redemption.firstUse()) {
            revokeWhatItIssued(redemption.issued());
            throw invalid("the authorization code was already used; the tokens it issued are revoked");
        }
        Client client = authenticated != null ? authenticated : clientOf(stored);
        if (!stored.clientId().equals(client.clientId())) {
            throw invalid("the authorization code was issued to another client");
        }
        if (!minting.clock().instant().isBefore(stored.expiresAt())) {
            throw invalid("the authorization code expired");
        }
        if (stored.isClientCode()) {
            Duration own = minting.accessLifetime(client);
            return redeemClientCode(stored, client, redirectUri, verifier, familyId, jti,
                    own.compareTo(lifetime) < 0 ? own : lifetime);
        }
        if (redirectUri == null) {
            throw new InvalidRequestException("the parameter 'redirect_uri' is required");
        }
        if (!stored.redirectUri().equals(redirectUri)) {
            throw invalid("redirect_uri does not match the authorization request");
        }
        Pkce.check(stored.codeChallenge(), stored.challengeMethod(), verifier, client);
        User user = minting.users().findById(stored.subject()).filter(User::enabled)
                .orElseThrow(() -> invalid("the user who authorized this code is disabled or gone"));
        return minting.issue(TokenRequest.AUTHORIZATION_CODE, client, user.id(), user, stored.scopes(),
                stored.authTime(), true, familyId, jti);
    }

    private TokenResponse redeemClientCode(AuthorizationCode stored, Client client, String redirectUri, String verifier,
                                           String familyId, String jti, Duration lifetime) {
        if (redirectUri != null) {
            throw invalid("redirect_uri sent for a code issued without one");
        }
        // No challenge was made: a verifier is refused (a downgrade attempt), and the client must be confidential.
        Pkce.check(null, null, verifier, client);
        return minting.issue(TokenRequest.AUTHORIZATION_CODE, client, client.clientId(), null, stored.scopes(),
                stored.authTime(), true, familyId, jti, lifetime);
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
                .orElseThrow(() -> invalid("the client of this authorization code is disabled or gone"));
        if (!client.allowsGrant(TokenRequest.AUTHORIZATION_CODE)) {
            throw new UnauthorizedClientException("client " + client.clientId() + " may not use the authorization_code grant");
        }
        return client;
    }

    private void revokeWhatItIssued(AuthorizationCodeStore.Issued issued) {
        if (issued.familyId() != null && minting.refreshTokens() != null) {
            minting.refreshTokens().revokeFamily(issued.familyId());
        }
        if (issued.accessTokenId() != null && minting.revocations() != null) {
            minting.revocations().revoke(issued.accessTokenId(), issued.accessExpiresAt());
        }
    }

    private static AuthException invalid(String message) {
        return new InvalidGrantException(message);
    }
}
