package dev.lanyard.auth.examples.profile;

import dev.lanyard.auth.OAuthError;
import dev.lanyard.auth.TokenService;
import dev.lanyard.auth.servlet.ClientCodeEndpoint;
import dev.lanyard.auth.servlet.ClientRegistrationEndpoint;
import dev.lanyard.auth.servlet.TokenEndpointConfig;
import dev.lanyard.auth.servlet.WhoamiEndpoint;
import jakarta.servlet.ServletContext;

import java.time.Duration;
import java.util.List;

/**
 * The Flask "Restful-API" ({@code 004_03cf36993cbd6d4d.txt}): anyone registers a client with a form
 * {@code POST /client/create}; the client trades its HTTP Basic credentials for a single-use code at
 * {@code /authorization/connect}, the code for tokens at {@code /authorization/token}, and rotates its
 * refresh token at {@code /token/refresh}. {@code GET /api/users} tells the token's holder.
 *
 * <p>Open registration is what the API documents; the endpoint limits it per address and in all (10 and
 * 1000 attempts an hour by default). The code goes straight back to the authenticated client (never through a browser), so redeeming it
 * without client credentials, as the document does, proves possession of a 256-bit single-use secret.
 */
public final class FlaskProfile implements Profile {

    @Override
    public String name() {
        return "flask";
    }

    @Override
    public String summary() {
        return "POST /client/create, /authorization/connect -> code, /authorization/token, /token/refresh, /api/users";
    }

    @Override
    public String whoamiPath() {
        return "/api/whoami";
    }

    @Override
    public Duration defaultAccessTokenLifetime() {
        return Duration.ofHours(1);
    }

    @Override
    public void configure(TokenService.Builder tokens, ProfileContext ctx) {
        tokens.authorizationCodes(ctx.data().codes());
    }

    @Override
    public void register(ServletContext servlets, ProfileContext ctx) {
        TokenService tokens = ctx.tokens();
        ClientRegistrationEndpoint.Builder registration = ClientRegistrationEndpoint.openRegistration(ctx.clientAdmin())
                .idField("client_user")
                .secretField("client_password")
                .grants(List.of("authorization_code", "refresh_token"));
        // nodes on one --jdbc-url share the registration limits too
        ctx.data().sharedThrottle().ifPresent(registration::windowCounter);
        Wiring.servlet(servlets, "/client/create", registration.build());
        Wiring.servlet(servlets, "/authorization/connect", ClientCodeEndpoint.builder(tokens)
                .codeField("Authorization Code")
                .build());
        Wiring.token(servlets, "/authorization/token", tokens, flaskShaped("authorization_code")
                .allowGet()
                .codeIdentifiesClient()
                .build());
        // a dead or unknown refresh token is a bad credential: 401, as for the client's own
        Wiring.token(servlets, "/token/refresh", tokens, flaskShaped("refresh_token")
                .statusFor(OAuthError.INVALID_GRANT, 401)
                .build());

        Wiring.protect(servlets, tokens, "Authorization", "/api/users");
        Wiring.servlet(servlets, "/api/users", WhoamiEndpoint.builder()
                .field("username", WhoamiEndpoint.Value.NAME)
                .build());
        Wiring.whoami(servlets, tokens, "Authorization", whoamiPath());
        Wiring.jwks(servlets, tokens);
    }

    /** {@code {access_token, refresh_token, type: "bearer", expires_in}}. */
    private static TokenEndpointConfig.Builder flaskShaped(String grant) {
        return TokenEndpointConfig.builder()
                .grantType(grant)
                .responseField("token_type", "type")
                .tokenTypeValue("bearer");
    }

    @Override
    public List<String> endpoints() {
        return List.of(
                "POST     /client/create            form client_user, client_password -> 201 {client_user}",
                "POST     /authorization/connect    Basic client_user:client_password -> {\"Authorization Code\": ..}",
                "GET|POST /authorization/token      form grant=grant, code=<code> -> access and refresh tokens",
                "POST     /token/refresh            Basic auth; form grant=grant, refresh_token=<token>",
                "GET      /api/users                Authorization: Bearer <access_token> -> {username}",
                "GET      /api/whoami               Authorization: Bearer <access_token>");
    }
}
