package dev.lanyard.auth.internal.grant;

import dev.lanyard.auth.InvalidRequestException;
import dev.lanyard.auth.TokenRequest;
import dev.lanyard.auth.TokenResponse;
import dev.lanyard.auth.UnsupportedGrantTypeException;
import dev.lanyard.auth.client.Client;
import dev.lanyard.auth.grant.GrantContext;
import dev.lanyard.auth.grant.GrantHandler;
import dev.lanyard.auth.user.User;
import dev.lanyard.auth.user.UserAuthenticator;

import java.util.Arrays;

/**
 * RFC 6749 section 4.3, the resource owner password grant. RFC 9700 advises against it (the client
 * sees the user's password); it is off unless a client lists it, and public clients never can.
 */
public final class PasswordGrant implements GrantHandler {

    @Override
    public String grantType() {
        return TokenRequest.PASSWORD;
    }

    @Override
    public TokenResponse handle(GrantContext context, TokenRequest request, Client client) {
        UserAuthenticator users = context.userAuthenticator()
                .orElseThrow(() -> new UnsupportedGrantTypeException("this service has no user store"));
        String username = Grants.required(request.username(), "username");
        char[] password = request.password().filter(p -> p.length > 0).orElseThrow(() ->
                new InvalidRequestException("the parameter 'password' is required"));
        User user;
        try {
            user = users.authenticate(username, password, request.remoteAddress().orElse(null));
        } finally {
            Arrays.fill(password, '\0');
        }
        return context.issue(client)
                .user(user)
                .scopes(context.scopes(request.scope().orElse(null), context.scopesForUser(client.scopes(), user.scopes())))
                .refreshToken(true)
                .issue();
    }
}
