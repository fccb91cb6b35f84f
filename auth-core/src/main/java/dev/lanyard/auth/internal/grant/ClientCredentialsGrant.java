package dev.lanyard.auth.internal.grant;

import dev.lanyard.auth.TokenRequest;
import dev.lanyard.auth.TokenResponse;
import dev.lanyard.auth.UnauthorizedClientException;
import dev.lanyard.auth.client.Client;
import dev.lanyard.auth.grant.GrantContext;
import dev.lanyard.auth.grant.GrantHandler;

/** RFC 6749 section 4.4: a confidential client obtains a token about itself. */
public final class ClientCredentialsGrant implements GrantHandler {

    private final boolean refreshForClients;

    /** @param refreshForClients whether the service was told that its API issues a refresh token here */
    public ClientCredentialsGrant(boolean refreshForClients) {
        this.refreshForClients = refreshForClients;
    }

    @Override
    public String grantType() {
        return TokenRequest.CLIENT_CREDENTIALS;
    }

    @Override
    public TokenResponse handle(GrantContext context, TokenRequest request, Client client) {
        if (!client.confidential()) {
            throw new UnauthorizedClientException("a public client cannot use client_credentials");
        }
        // RFC 6749 4.4.3: no refresh token, unless the service was told that its API issues one.
        return context.issue(client)
                .scopes(Scopes.resolve(request.scope().orElse(null), client.scopes(), "client " + client.clientId()))
                .refreshToken(refreshForClients)
                .issue();
    }
}
