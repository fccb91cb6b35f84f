package dev.lanyard.auth.examples.profile;

import dev.lanyard.auth.OAuthError;
import dev.lanyard.auth.TokenService;
import dev.lanyard.auth.client.Client;
import dev.lanyard.auth.servlet.TokenEndpointConfig;
import jakarta.servlet.ServletContext;

import java.time.Duration;
import java.util.List;

/**
 * Simacan's Auth API ({@code 002_a5444f4608a03182.txt}): a form {@code POST /api/v1/auth/password}
 * with a username and password answers an access token, a refresh token and an id token; {@code POST
 * /api/v1/auth/refresh} rotates the refresh token. Every refusal of a credential is a 401, so the
 * documented client loop (401 from the API, refresh; 401 from refresh, log in again) works.
 */
public final class SimacanProfile implements Profile {

    static final String CLIENT = "simacan-login";

    @Override
    public String name() {
        return "simacan";
    }

    @Override
    public String summary() {
        return "POST /api/v1/auth/password and /api/v1/auth/refresh (form) -> access, refresh and id tokens";
    }

    @Override
    public String whoamiPath() {
        return "/api/v1/whoami";
    }

    @Override
    public Duration defaultAccessTokenLifetime() {
        return Duration.ofHours(1);
    }

    @Override
    public void configure(TokenService.Builder tokens, ProfileContext ctx) {
        tokens.idTokens();
    }

    @Override
    public List<Client> serverClients() {
        return List.of(Wiring.firstParty(name(), CLIENT, true));
    }

    @Override
    public void register(ServletContext servlets, ProfileContext ctx) {
        Wiring.token(servlets, "/api/v1/auth/password", ctx.tokens(), firstParty("password"));
        Wiring.token(servlets, "/api/v1/auth/refresh", ctx.tokens(), firstParty("refresh_token"));
        Wiring.whoami(servlets, ctx.tokens(), "Authorization", whoamiPath());
        Wiring.jwks(servlets, ctx.tokens());
    }

    private static TokenEndpointConfig firstParty(String grant) {
        return TokenEndpointConfig.builder()
                .grantType(grant)
                .firstPartyClient(CLIENT)
                .tokenTypeValue("bearer")
                .statusFor(OAuthError.INVALID_GRANT, 401)
                .build();
    }

    @Override
    public List<String> endpoints() {
        return List.of(
                "POST /api/v1/auth/password   form username, password -> access_token, refresh_token, id_token",
                "POST /api/v1/auth/refresh    form refresh_token -> a new pair; the old one is dead",
                "GET  /api/v1/whoami          Authorization: Bearer <access_token>",
                "GET  /oauth2/jwks            keys to check the id_token");
    }
}
