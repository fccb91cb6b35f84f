package dev.lanyard.auth.examples.profile;

import dev.lanyard.auth.OAuthError;
import dev.lanyard.auth.servlet.TokenEndpointConfig;
import jakarta.servlet.ServletContext;

import java.time.Duration;
import java.util.List;

/**
 * Nextome's app API ({@code 001_989b490ecd06669d.txt}): {@code POST /apps/auth} with a JSON
 * {@code {clientId, clientSecret}} answers {@code {accessToken, expiresIn, tokenType}}, an hour-long
 * token for {@code Authorization: Bearer}.
 */
public final class NextomeProfile implements Profile {

    @Override
    public String name() {
        return "nextome";
    }

    @Override
    public String summary() {
        return "POST /apps/auth {clientId, clientSecret} -> {accessToken, expiresIn, tokenType}";
    }

    @Override
    public String whoamiPath() {
        return "/apps/whoami";
    }

    @Override
    public Duration defaultAccessTokenLifetime() {
        return Duration.ofHours(1);
    }

    @Override
    public void register(ServletContext servlets, ProfileContext ctx) {
        Wiring.token(servlets, "/apps/auth", ctx.tokens(), TokenEndpointConfig.builder()
                .json()
                .grantType("client_credentials")
                .requestField("clientId", "client_id")
                .requestField("clientSecret", "client_secret")
                .responseField("access_token", "accessToken")
                .responseField("expires_in", "expiresIn")
                .responseField("token_type", "tokenType")
                .statusFor(OAuthError.INVALID_CLIENT, 401)
                .build());
        Wiring.whoami(servlets, ctx.tokens(), "Authorization", whoamiPath());
        Wiring.jwks(servlets, ctx.tokens());
    }

    @Override
    public List<String> endpoints() {
        return List.of(
                "POST /apps/auth      JSON {clientId, clientSecret} -> {accessToken, expiresIn, tokenType}",
                "GET  /apps/whoami    Authorization: Bearer <accessToken>");
    }
}
