package dev.lanyard.auth.internal.grant;

import dev.lanyard.auth.AuthException;
import dev.lanyard.auth.OAuthError;
import dev.lanyard.auth.TokenRequest;
import dev.lanyard.auth.TokenResponse;
import dev.lanyard.auth.client.Client;
import dev.lanyard.auth.grant.AuthorizationCode;
import dev.lanyard.auth.grant.AuthorizationCodeStore;
import dev.lanyard.auth.internal.Secrets;
import dev.lanyard.auth.refresh.RefreshTokens;
import dev.lanyard.auth.user.User;

import java.time.Instant;

/**
 * RFC 6749 section 4.1 with PKCE (RFC 7636): a single-use code is exchanged for tokens by the client it
 * was issued to, with the exact redirect URI of the authorization request and the PKCE verifier. A code
 * presented a second time revokes everything its first use issued.
 */
final class AuthorizationCodeGrant implements Grants.Handler {

    private final Minting minting;

    AuthorizationCodeGrant(Minting minting) {
        this.minting = minting;
    }

    @Override
    public TokenResponse handle(TokenRequest request, Client client) {
        if (minting.codes() == null || minting.users() == null) {
            throw new AuthException(OAuthError.UNSUPPORTED_GRANT_TYPE, "this service has no authorization codes");
        }
        String code = Grants.required(request.code(), "code");
        String redirectUri = Grants.required(request.redirectUri(), "redirect_uri");
        String verifier = request.codeVerifier().orElse(null);
        String familyId = RefreshTokens.newFamilyId();
        String jti = Secrets.newId();
        Instant accessExpiry = minting.clock().instant().plus(minting.accessLifetime(client));
        AuthorizationCodeStore.Redemption redemption = minting.codes()
                .redeem(Secrets.digest(code), new AuthorizationCodeStore.Issued(familyId, jti, accessExpiry))
                .orElseThrow(() -> invalid("the authorization code is unknown or expired"));
        AuthorizationCode stored = redemption.code();
        if (!redemption.firstUse()) {
            revokeWhatItIssued(redemption.issued());
            throw invalid("the authorization code was already used; the tokens it issued are revoked");
        }
        if (!stored.clientId().equals(client.clientId())) {
            throw invalid("the authorization code was issued to another client");
        }
        if (!minting.clock().instant().isBefore(stored.expiresAt())) {
            throw invalid("the authorization code expired");
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

    private void revokeWhatItIssued(AuthorizationCodeStore.Issued issued) {
        if (issued.familyId() != null && minting.refreshTokens() != null) {
            minting.refreshTokens().revokeFamily(issued.familyId());
        }
        if (issued.accessTokenId() != null && minting.revocations() != null) {
            minting.revocations().revoke(issued.accessTokenId(), issued.accessExpiresAt());
        }
    }

    private static AuthException invalid(String message) {
        return new AuthException(OAuthError.INVALID_GRANT, message);
    }
}
