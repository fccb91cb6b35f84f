package dev.lanyard.auth.internal.grant;

import dev.lanyard.auth.UnsupportedGrantTypeException;
import dev.lanyard.auth.TokenRequest;
import dev.lanyard.auth.TokenResponse;
import dev.lanyard.auth.AuthException;
import dev.lanyard.auth.OAuthError;
import dev.lanyard.auth.client.Client;
import dev.lanyard.auth.event.AuthEvent;
import dev.lanyard.auth.refresh.InvalidRefreshTokenException;
import dev.lanyard.auth.refresh.RefreshFamily;
import dev.lanyard.auth.refresh.RefreshTokens;
import dev.lanyard.auth.user.User;

import java.util.Set;

/**
 * RFC 6749 section 6: a refresh token is exchanged for a new pair (rotation). The requested scope may
 * narrow the family's, never widen it; a user who was disabled or deleted since login gets nothing.
 */
final class RefreshTokenGrant implements Grants.Handler {

    private final Minting minting;

    RefreshTokenGrant(Minting minting) {
        this.minting = minting;
    }

    @Override
    public TokenResponse handle(TokenRequest request, Client client) {
        RefreshTokens refresh = minting.refreshTokens();
        if (refresh == null) {
            throw new UnsupportedGrantTypeException("this service issues no refresh tokens");
        }
        String token = Grants.required(request.refreshToken(), "refresh_token");
        String requestedScope = request.scope().orElse(null);
        RefreshTokens.Rotated rotated = refresh.rotate(token, client.clientId(),
                family -> successor(client, family, requestedScope));
        return Minting.fromPayload(rotated.payload(), rotated.refreshToken());
    }

    private RefreshTokens.Successor successor(Client client, RefreshFamily family, String requestedScope) {
        Set<String> scopes = Scopes.resolve(requestedScope, family.scopes(), "this refresh token");
        User user = userOf(client, family);
        Minting.Access access = minting.mintAccess(client, family.subject(), user, scopes, family.id(), null);
        String idToken = user != null && minting.idTokens() != null
                ? minting.idTokens().issue(family.subject(), client.clientId(), family.authTime(),
                minting.accessLifetime(client)) : null;
        Long refreshIn = java.time.Duration.between(minting.clock().instant(), family.expiresAt()).toSeconds();
        TokenResponse response = minting.response(access, null, refreshIn, scopes, idToken, family.subject(), client);
        minting.events().publish(new AuthEvent.TokenIssued(minting.clock().instant(), TokenRequest.REFRESH_TOKEN,
                client.clientId(), family.subject(), access.id()));
        return new RefreshTokens.Successor(access.id(), access.expiresAt(), Minting.toPayload(response));
    }

    /** The family's user, still enabled; null for a client's own family. */
    private User userOf(Client client, RefreshFamily family) {
        if (family.subject().equals(client.clientId()) || minting.users() == null) {
            return null;
        }
        return minting.users().findById(family.subject()).filter(User::enabled).orElseThrow(() -> {
            minting.refreshTokens().revokeFamily(family.id());
            return new InvalidRefreshTokenException("the user of this refresh token is disabled or gone");
        });
    }
}
