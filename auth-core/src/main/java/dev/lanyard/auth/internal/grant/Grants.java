package dev.lanyard.auth.internal.grant;

import dev.lanyard.auth.AuthException;
import dev.lanyard.auth.OAuthError;
import dev.lanyard.auth.TokenRequest;
import dev.lanyard.auth.TokenResponse;
import dev.lanyard.auth.client.Client;

import java.util.Map;
import java.util.Optional;

/**
 * Routes a token request to the handler of its grant, after the client has been authenticated.
 * One handler per grant; all of them mint through {@link Minting}.
 */
public final class Grants {

    /** One grant type's logic. */
    interface Handler {
        TokenResponse handle(TokenRequest request, Client client);
    }

    private final Map<String, Handler> handlers;

    public Grants(Minting minting) {
        this.handlers = Map.of(
                TokenRequest.CLIENT_CREDENTIALS, new ClientCredentialsGrant(minting),
                TokenRequest.PASSWORD, new PasswordGrant(minting),
                TokenRequest.REFRESH_TOKEN, new RefreshTokenGrant(minting),
                TokenRequest.AUTHORIZATION_CODE, new AuthorizationCodeGrant(minting));
    }

    /** Whether the grant type is one Lanyard implements. */
    public boolean supports(String grantType) {
        return grantType != null && handlers.containsKey(grantType);
    }

    /**
     * Runs the grant for an authenticated client.
     *
     * @throws AuthException {@code unsupported_grant_type}, {@code unauthorized_client}, or the grant's own errors
     */
    public TokenResponse handle(TokenRequest request, Client client) {
        Handler handler = Optional.ofNullable(request.grantType()).map(handlers::get).orElseThrow(() ->
                new AuthException(OAuthError.UNSUPPORTED_GRANT_TYPE, "grant_type must be one of " + handlers.keySet()));
        if (!client.allowsGrant(request.grantType())) {
            throw new AuthException(OAuthError.UNAUTHORIZED_CLIENT,
                    "client " + client.clientId() + " may not use the " + request.grantType() + " grant");
        }
        return handler.handle(request, client);
    }

    static String required(Optional<String> value, String name) {
        return value.filter(v -> !v.isEmpty()).orElseThrow(() ->
                new AuthException(OAuthError.INVALID_REQUEST, "the parameter '" + name + "' is required"));
    }
}
