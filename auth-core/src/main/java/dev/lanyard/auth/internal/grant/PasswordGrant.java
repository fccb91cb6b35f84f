package dev.lanyard.auth.internal.grant;

import dev.lanyard.auth.InvalidRequestException;
import dev.lanyard.auth.UnsupportedGrantTypeException;
import dev.lanyard.auth.AuthException;
import dev.lanyard.auth.OAuthError;
import dev.lanyard.auth.TokenRequest;
import dev.lanyard.auth.TokenResponse;
import dev.lanyard.auth.client.Client;
import dev.lanyard.auth.user.User;

import java.util.Arrays;
import java.util.Set;

/**
 * RFC 6749 section 4.3, the resource owner password grant. RFC 9700 advises against it (the client
 * sees the user's password); it is off unless a client lists it, and public clients never can.
 */
final class PasswordGrant implements Grants.Handler {

    private final Minting minting;

    PasswordGrant(Minting minting) {
        this.minting = minting;
    }

    @Override
    public TokenResponse handle(TokenRequest request, Client client) {
        if (minting.userAuthenticator() == null) {
            throw new UnsupportedGrantTypeException("this service has no user store");
        }
        String username = Grants.required(request.username(), "username");
        char[] password = request.password().filter(p -> p.length > 0).orElseThrow(() ->
                new InvalidRequestException("the parameter 'password' is required"));
        User user;
        try {
            user = minting.userAuthenticator().authenticate(username, password, request.remoteAddress().orElse(null));
        } finally {
            Arrays.fill(password, '\0');
        }
        Set<String> scopes = Scopes.resolve(request.scope().orElse(null),
                Scopes.forUser(client.scopes(), user.scopes()), "this client and user");
        return minting.issue(TokenRequest.PASSWORD, client, user.id(), user, scopes, minting.clock().instant(), true,
                null, null);
    }
}
