package dev.lanyard.auth.examples.profile;

import dev.lanyard.auth.TokenService;
import dev.lanyard.auth.client.Client;
import dev.lanyard.auth.servlet.BearerCredentialsSpec;
import dev.lanyard.auth.servlet.LoginEndpoint;
import dev.lanyard.auth.servlet.LoginEndpointConfig;
import dev.lanyard.auth.servlet.LoginEndpointConfig.Attribute;
import dev.lanyard.auth.servlet.LoginEndpointConfig.Channel;
import dev.lanyard.auth.servlet.LoginEndpointConfig.Output;
import dev.lanyard.auth.servlet.LogoutEndpoint;
import jakarta.servlet.ServletContext;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Simplicité's services authentication ({@code 003_ba1a5f992898e3b1.txt}): {@code /api/login} with HTTP
 * Basic or parameters answers an opaque session token (plain text, JSON or an OAuth 2 body on request,
 * or a redirect to an allow-listed page), which calls carry in {@code X-Simplicite-Authorization:
 * Bearer}; each use extends its idle timeout ({@code --session-timeout}), and {@code /api/logout} ends it.
 */
public final class SimpliciteProfile implements Profile {

    static final String CLIENT = "simplicite-login";
    static final String HEADER = "X-Simplicite-Authorization";

    @Override
    public String name() {
        return "simplicite";
    }

    @Override
    public String summary() {
        return "GET|POST /api/login -> opaque session token for X-Simplicite-Authorization; /api/logout";
    }

    @Override
    public String whoamiPath() {
        return "/api/whoami";
    }

    /** The absolute cap of a session, however busy; the idle timeout usually ends it first. */
    @Override
    public Duration defaultAccessTokenLifetime() {
        return Duration.ofHours(1);
    }

    @Override
    public void configure(TokenService.Builder tokens, ProfileContext ctx) {
        tokens.referenceTokens(ctx.data().referenceTokens(), ctx.sessionTimeout());
    }

    @Override
    public List<Client> serverClients() {
        return List.of(Wiring.firstParty(name(), CLIENT, false));
    }

    @Override
    public void register(ServletContext servlets, ProfileContext ctx) {
        LoginEndpointConfig.Builder login = LoginEndpointConfig.builder(CLIENT)
                .methods("GET", "POST")
                .credentials(Channel.BASIC, Channel.QUERY, Channel.FORM)
                .outputSwitch("_json", "true", Output.JSON)
                .outputSwitch("_output", "json", Output.JSON)
                .outputSwitch("_oauth2", "true", Output.OAUTH2)
                .outputSwitch("_output", "oauth2", Output.OAUTH2)
                .jsonField("authtoken", Attribute.ACCESS_TOKEN)
                .jsonField("sessionid", Attribute.SESSION_ID)
                .jsonField("login", Attribute.USERNAME)
                .jsonField("firstname", Attribute.FIRST_NAME)
                .jsonField("lastname", Attribute.LAST_NAME)
                .jsonField("lang", Attribute.LANG)
                .tokenTypeValue("bearer");
        ctx.allowedRedirects().forEach(login::allowRedirect);
        Wiring.servlet(servlets, "/api/login", new LoginEndpoint(ctx.tokens(), ctx.users(), login.build()));
        Wiring.servlet(servlets, "/api/logout", LogoutEndpoint.builder(ctx.tokens())
                .credentials(BearerCredentialsSpec.builder().header(HEADER).build())
                .methods("GET", "POST")
                .jsonBody(Map.of("result", "logged out"))
                .build());
        Wiring.whoami(servlets, ctx.tokens(), HEADER, whoamiPath());
        Wiring.jwks(servlets, ctx.tokens());
    }

    @Override
    public List<String> endpoints() {
        return List.of(
                "GET|POST /api/login     Basic auth, or username & password parameters; ?_json=true, ?_oauth2=true,",
                "                        ?redirect_uri=<allow-listed URI>",
                "GET      /api/whoami    X-Simplicite-Authorization: Bearer <token>",
                "GET|POST /api/logout    X-Simplicite-Authorization: Bearer <token>");
    }
}
