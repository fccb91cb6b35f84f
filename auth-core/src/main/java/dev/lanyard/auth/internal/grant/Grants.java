package dev.lanyard.auth.internal.grant;

import dev.lanyard.auth.InvalidRequestException;
import dev.lanyard.auth.UnauthorizedClientException;
import dev.lanyard.auth.UnsupportedGrantTypeException;
import dev.lanyard.auth.AuthException;
import dev.lanyard.auth.OAuthError;
import dev.lanyard.auth.TokenRequest;
import dev.lanyard.auth.TokenResponse;
import dev.lanyard.auth.client.Client;
import dev.lanyard.auth.client.ClientStore;

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
    private final AuthorizationCodeGrant codes;

    public Grants(Minting minting, ClientStore clients) {
        this.codes = new AuthorizationCodeGrant(minting, clients);
        Map<String, Handler> map = new java.util.LinkedHashMap<>();
        map.put(TokenRequest.CLIENT_CREDENTIALS, new ClientCredentialsGrant(minting));
        map.put(TokenRequest.PASSWORD, new PasswordGrant(minting));
        map.put(TokenRequest.REFRESH_TOKEN, new RefreshTokenGrant(minting));
        map.put(TokenRequest.AUTHORIZATION_CODE, codes);
        this.handlers = java.util.Collections.unmodifiableMap(map);
    }

    /** The grant types, in the order they were registered. */
    public java.util.Set<String> types() {
        return handlers.keySet();
    }

    /**
     * Redeems a client code without client authentication: the code names its client.
     *
     * @throws AuthException {@code invalid_grant}, {@code invalid_client} for a code of the browser flow,
     *                       {@code unauthorized_client}, or the grant's own errors
     */
    public TokenResponse handleByCode(TokenRequest request) {
        if (!TokenRequest.AUTHORIZATION_CODE.equals(request.grantType())) {
            throw new UnsupportedGrantTypeException("only the authorization_code grant may be redeemed without client authentication");
        }
        return codes.handleByCode(request);
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
                new UnsupportedGrantTypeException("grant_type must be one of " + handlers.keySet()));
        if (!client.allowsGrant(request.grantType())) {
            throw new UnauthorizedClientException("client " + client.clientId() + " may not use the " + request.grantType() + " grant");
        }
        return handler.handle(request, client);
    }

    static String required(Optional<String> value, String name) {
        return value.filter(v -> !v.isEmpty()).orElseThrow(() ->
                new InvalidRequestException("the parameter '" + name + "' is required"));
    }
}
