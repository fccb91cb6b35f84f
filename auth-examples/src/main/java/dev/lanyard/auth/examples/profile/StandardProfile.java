package dev.lanyard.auth.examples.profile;

import dev.lanyard.auth.IntrospectionPolicy;
import dev.lanyard.auth.TokenService;
import dev.lanyard.auth.client.Client;
import dev.lanyard.auth.servlet.LanyardEndpoints;
import jakarta.servlet.ServletContext;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Lanyard's own OAuth 2.0 authorization server: the RFC 6749 token endpoint (client credentials,
 * refresh, authorization code with PKCE, password where a client allows it), the authorization
 * endpoint with its login page, RFC 7009 revocation, RFC 7662 introspection, the JWKS and RFC 8414
 * metadata, and a protected {@code /api/whoami}.
 */
public final class StandardProfile implements Profile {

    @Override
    public String name() {
        return "standard";
    }

    @Override
    public String summary() {
        return "OAuth 2.0 server: /oauth2/token, /oauth2/authorize, revoke, introspect, jwks, RFC 8414 metadata";
    }

    @Override
    public String whoamiPath() {
        return "/api/whoami";
    }

    @Override
    public void configure(TokenService.Builder tokens, ProfileContext ctx) {
        tokens.authorizationCodes(ctx.data().codes());
    }

    @Override
    public void register(ServletContext servlets, ProfileContext ctx) {
        LanyardEndpoints.builder(ctx.tokens())
                .authorize("/oauth2/authorize")
                .whoamiPath(whoamiPath())
                .scopes(requestableScopes(ctx))
                .build()
                .register(servlets);
    }

    /**
     * The metadata's scopes_supported: what the clients present at start may request. The introspection
     * permission is a client's right, not something to ask a user for, so it is left out.
     */
    private static Set<String> requestableScopes(ProfileContext ctx) {
        Set<String> scopes = new TreeSet<>();
        int page = 100;
        for (int offset = 0; ; offset += page) {
            List<Client> clients = ctx.data().clients().list(offset, page);
            clients.forEach(c -> scopes.addAll(c.scopes()));
            if (clients.size() < page) {
                break;
            }
        }
        scopes.remove(IntrospectionPolicy.PERMISSION);
        return scopes;
    }

    @Override
    public List<String> endpoints() {
        return List.of(
                "POST /oauth2/token           grant_type=client_credentials|refresh_token|authorization_code|password",
                "GET  /oauth2/authorize       login page of the authorization-code flow (PKCE S256)",
                "POST /oauth2/revoke          RFC 7009",
                "POST /oauth2/introspect      RFC 7662",
                "GET  /oauth2/jwks            public keys",
                "GET  /.well-known/oauth-authorization-server",
                "GET  /api/whoami             Authorization: Bearer <token>");
    }
}
