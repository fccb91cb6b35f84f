package dev.lanyard.auth.internal.grant;

import dev.lanyard.auth.UnauthorizedClientException;
import dev.lanyard.auth.AuthException;
import dev.lanyard.auth.OAuthError;
import dev.lanyard.auth.TokenRequest;
import dev.lanyard.auth.TokenResponse;
import dev.lanyard.auth.client.Client;

import java.util.Set;

/** RFC 6749 section 4.4: a confidential client obtains a token about itself. */
final class ClientCredentialsGrant implements Grants.Handler {

    private final Minting minting;

    ClientCredentialsGrant(Minting minting) {
        this.minting = minting;
    }

    @Override
    public TokenResponse handle(TokenRequest request, Client client) {
        if (!client.confidential()) {
            throw new UnauthorizedClientException("a public client cannot use client_credentials");
        }
        Set<String> scopes = Scopes.resolve(request.scope().orElse(null), client.scopes(), "client " + client.clientId());
        // RFC 6749 4.4.3: no refresh token, unless the service was told that its API issues one.
        return minting.issue(TokenRequest.CLIENT_CREDENTIALS, client, client.clientId(), null, scopes,
                minting.clock().instant(), minting.refreshForClients(), null, null);
    }
}
