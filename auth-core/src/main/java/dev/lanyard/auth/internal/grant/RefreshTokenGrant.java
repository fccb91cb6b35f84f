package dev.lanyard.auth.internal.grant;

import dev.lanyard.auth.TokenRequest;
import dev.lanyard.auth.TokenResponse;
import dev.lanyard.auth.UnsupportedGrantTypeException;
import dev.lanyard.auth.client.Client;
import dev.lanyard.auth.grant.GrantContext;
import dev.lanyard.auth.grant.GrantHandler;
import dev.lanyard.auth.refresh.InvalidRefreshTokenException;
import dev.lanyard.auth.refresh.RefreshFamily;
import dev.lanyard.auth.refresh.RefreshTokens;
import dev.lanyard.auth.user.User;
import dev.lanyard.auth.user.UserStore;

import java.time.Duration;
import java.util.Set;

/**
 * RFC 6749 section 6: a refresh token is exchanged for a new pair (rotation). The requested scope may
 * narrow the family's, never widen it; a user who was disabled or deleted since login gets nothing.
 *
 * <p>The successor's access token is prepared while the rotation is decided, but stored (a reference
 * token's row) and announced ({@code TokenIssued}) only once the store's compare-and-set has chosen this
 * request: a request that loses the race to another node leaves nothing behind.
 */
public final class RefreshTokenGrant implements GrantHandler {

    private final RefreshTokens refreshTokens;
    private final Minter minter;
    private final UserStore users;

    /**
     * @param refreshTokens the rotation, or null when the service issues no refresh tokens
     * @param users         the users, or null
     */
    public RefreshTokenGrant(RefreshTokens refreshTokens, Minter minter, UserStore users) {
        this.refreshTokens = refreshTokens;
        this.minter = minter;
        this.users = users;
    }

    @Override
    public String grantType() {
        return TokenRequest.REFRESH_TOKEN;
    }

    @Override
    public TokenResponse handle(GrantContext context, TokenRequest request, Client client) {
        if (refreshTokens == null) {
            throw new UnsupportedGrantTypeException("this service issues no refresh tokens");
        }
        String token = Grants.required(request.refreshToken(), "refresh_token");
        String requestedScope = request.scope().orElse(null);
        Prepared[] prepared = new Prepared[1];
        RefreshTokens.Rotated rotated = refreshTokens.rotate(token, client.clientId(), family -> {
            prepared[0] = prepare(client, family, requestedScope);
            return new RefreshTokens.Successor(prepared[0].access().id(), prepared[0].access().expiresAt(),
                    Minter.toPayload(prepared[0].response()));
        });
        if (!rotated.replay()) {
            // This request's rotation won: only now is its access token stored and announced.
            minter.commit(prepared[0].access());
            minter.published(TokenRequest.REFRESH_TOKEN, client, rotated.family().subject(), prepared[0].access());
        }
        return Minter.fromPayload(rotated.payload(), rotated.refreshToken());
    }

    private record Prepared(Minter.Access access, TokenResponse response) {
    }

    private Prepared prepare(Client client, RefreshFamily family, String requestedScope) {
        Set<String> scopes = Scopes.resolve(requestedScope, family.scopes(), "this refresh token");
        User user = userOf(client, family);
        Minter.Access access = minter.prepare(client, user, scopes, family.id(), null, minter.accessLifetime(client));
        String idToken = minter.idToken(user, client, family.authTime());
        Long refreshIn = Duration.between(minter.clock().instant(), family.expiresAt()).toSeconds();
        return new Prepared(access, minter.response(access, null, refreshIn, scopes, idToken, family.subject(), client));
    }

    /** The family's user, still enabled; null for a client's own family. */
    private User userOf(Client client, RefreshFamily family) {
        if (family.subject().equals(client.clientId()) || users == null) {
            return null;
        }
        return users.findById(family.subject()).filter(User::enabled).orElseThrow(() -> {
            refreshTokens.revokeFamily(family.id());
            return new InvalidRefreshTokenException("the user of this refresh token is disabled or gone");
        });
    }
}
