package dev.lanyard.auth.examples.profile;

import dev.lanyard.auth.OAuthError;
import dev.lanyard.auth.TokenService;
import dev.lanyard.auth.client.Client;
import dev.lanyard.auth.servlet.AdminEndpoint;
import dev.lanyard.auth.servlet.AdminEndpointConfig;
import dev.lanyard.auth.servlet.TokenEndpointConfig;
import jakarta.servlet.ServletContext;

import java.util.List;

/**
 * The SERMAS platform API ({@code 000_196c8f3de57c5373.txt}): JSON token endpoints for clients
 * ({@code /api/platform/token/*}, {@code {appId, clientId, clientSecret}}) and users
 * ({@code /api/auth/login}, {@code /api/auth/refresh}), Keycloak-shaped token responses with
 * {@code refresh_expires_in}, and admin endpoints that create app clients and users for a caller whose
 * token carries the {@code admin} role.
 */
public final class SermasProfile implements Profile {

    static final String CLIENT = "sermas-login";

    @Override
    public String name() {
        return "sermas";
    }

    @Override
    public String summary() {
        return "JSON /api/platform/token/{access_token,refresh_token}, /api/auth/{login,refresh}, admin endpoints";
    }

    @Override
    public String whoamiPath() {
        return "/api/auth/whoami";
    }

    @Override
    public void configure(TokenService.Builder tokens, ProfileContext ctx) {
        tokens.refreshTokensForClientCredentials(); // the client flow documents a refresh_token endpoint
    }

    @Override
    public List<Client> serverClients() {
        return List.of(Wiring.firstParty(name(), CLIENT, true));
    }

    @Override
    public void register(ServletContext servlets, ProfileContext ctx) {
        TokenService tokens = ctx.tokens();
        Wiring.token(servlets, "/api/platform/token/access_token", tokens, json("client_credentials")
                .requestField("clientId", "client_id")
                .requestField("clientSecret", "client_secret")
                .build());
        Wiring.token(servlets, "/api/platform/token/refresh_token", tokens, json("refresh_token")
                .requestField("clientId", "client_id")
                .requestField("clientSecret", "client_secret")
                .requestField("refreshToken", "refresh_token")
                .build());
        Wiring.token(servlets, "/api/auth/login", tokens, json("password")
                .firstPartyClient(CLIENT)
                .statusFor(OAuthError.INVALID_GRANT, 401)
                .build());
        Wiring.token(servlets, "/api/auth/refresh", tokens, json("refresh_token")
                .firstPartyClient(CLIENT)
                .requestField("refreshToken", "refresh_token")
                .build());

        AdminEndpointConfig admin = AdminEndpointConfig.builder()
                .createUser("/api/auth/admin/user")
                .importUsers("/api/auth/admin/import")
                .createClient("/api/platform/app/{appId}/client")
                .setPassword("/api/auth/admin/user/{userId}/password")
                .disableUser("/api/auth/admin/user/{userId}/disable")
                .enableUser("/api/auth/admin/user/{userId}/enable")
                .deleteUser("/api/auth/admin/user/{userId}")
                .deleteClient("/api/platform/client/{clientId}")
                .adminRole("admin")
                .globalAdminRole("global-admin") // an admin with an appId acts within it, unless it holds this
                .build();
        var adminServlet = servlets.addServlet("sermas-admin",
                new AdminEndpoint(tokens, ctx.userAdmin(), ctx.clientAdmin(), ctx.sessions(), admin));
        adminServlet.setAsyncSupported(true); // bodies read without holding a thread, as Wiring.servlet
        adminServlet.addMapping(admin.urlPatterns());

        Wiring.whoami(servlets, tokens, "Authorization", whoamiPath());
        Wiring.jwks(servlets, tokens);
    }

    private static TokenEndpointConfig.Builder json(String grant) {
        return TokenEndpointConfig.builder().json().grantType(grant).refreshExpiresIn().alwaysScope();
    }

    @Override
    public List<String> endpoints() {
        return List.of(
                "POST /api/platform/token/access_token    JSON {appId, clientId, clientSecret}",
                "POST /api/platform/token/refresh_token   JSON {clientId, clientSecret, refreshToken}",
                "POST /api/auth/login                     JSON {appId, ts, username, password}",
                "POST /api/auth/refresh                   JSON {appId, refreshToken}",
                "GET  /api/auth/whoami                    Authorization: Bearer <access_token>",
                "POST /api/platform/app/{appId}/client    admin token; JSON {clientId?, secret?, permissions}",
                "POST /api/auth/admin/user                admin token; JSON {username, password, email, ...}",
                "POST /api/auth/admin/import              admin token; JSON list of users");
    }
}
