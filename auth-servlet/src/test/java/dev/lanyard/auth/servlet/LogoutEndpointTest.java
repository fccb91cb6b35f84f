package dev.lanyard.auth.servlet;

import dev.lanyard.auth.AuthException;
import dev.lanyard.auth.TokenRequest;
import dev.lanyard.auth.TokenResponse;
import dev.lanyard.auth.TokenService;
import dev.lanyard.auth.reference.InMemoryReferenceTokenStore;
import dev.lanyard.auth.testing.MutableClock;
import dev.lanyard.auth.token.InvalidTokenException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import static dev.lanyard.auth.servlet.EndpointsTest.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The logout endpoint over real HTTP: the token is dead everywhere from then on. */
class LogoutEndpointTest {

    static final String SIMPLICITE = "X-Simplicite-Authorization";

    final MutableClock clock = MutableClock.at("2026-11-22T10:00:00Z");
    final Fixture fixture = new Fixture();
    final TokenService tokens = fixture.service(clock).build();
    final TestServer server = TestServer.start(ctx -> {
        ctx.addServlet("logout", LogoutEndpoint.builder(tokens).build()).addMapping("/api/logout");
        ctx.addServlet("whoami", new WhoamiEndpoint()).addMapping("/api/whoami");
        ctx.addFilter("bearer", new BearerTokenFilter(BearerFilterConfig.builder(tokens::verify).build()))
                .addMappingForUrlPatterns(null, false, "/api/whoami");
    });

    @AfterEach
    void stop() {
        server.close();
    }

    TokenResponse passwordLogin(TokenService service) {
        return service.grant(TokenRequest.password("web", Fixture.SECRET, "alice", "wonderland".toCharArray()).build());
    }

    @Test
    void logoutKillsTheTokenForProtectedEndpointsAndForVerify() {
        TokenResponse login = passwordLogin(tokens);
        String bearer = "Bearer " + login.accessToken();
        assertThat(server.get("/api/whoami", "Authorization", bearer).statusCode()).isEqualTo(200);

        HttpResponse<String> r = server.post("/api/logout", "application/json", "", "Authorization", bearer);

        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(r.body()).isEmpty();
        assertThat(r.headers().firstValue("Cache-Control")).contains("no-store");
        assertThat(server.get("/api/whoami", "Authorization", bearer).statusCode()).isEqualTo(401);
        assertThatThrownBy(() -> tokens.verify(login.accessToken())).isInstanceOf(InvalidTokenException.class);
    }

    @Test
    void logoutAlsoEndsTheRefreshFamily() {
        TokenResponse login = passwordLogin(tokens);

        server.post("/api/logout", "text/plain", "", "Authorization", "Bearer " + login.accessToken());

        assertThatThrownBy(() -> tokens.grant(TokenRequest.refreshToken("web", Fixture.SECRET,
                login.refreshToken()).build())).isInstanceOf(AuthException.class);
    }

    @Test
    void aSecondLogoutWithTheSameTokenIs401InvalidToken() {
        String bearer = "Bearer " + passwordLogin(tokens).accessToken();
        server.post("/api/logout", "application/json", "", "Authorization", bearer);

        HttpResponse<String> again = server.post("/api/logout", "application/json", "", "Authorization", bearer);

        assertThat(again.statusCode()).isEqualTo(401);
        assertThat(again.headers().firstValue("WWW-Authenticate").orElse(""))
                .startsWith("Bearer realm=\"lanyard\", error=\"invalid_token\"");
        assertThat(json(again).path("error").asText()).isEqualTo("invalid_token");
    }

    @Test
    void noTokenIs401WithABareChallenge() {
        HttpResponse<String> r = server.post("/api/logout", "application/json", "");

        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(r.headers().firstValue("WWW-Authenticate")).contains("Bearer realm=\"lanyard\"");
        assertThat(r.headers().firstValue("Cache-Control")).contains("no-store");
    }

    @Test
    void aForgedTokenIs401AndAMalformedHeader400() {
        assertThat(server.post("/api/logout", "application/json", "", "Authorization", "Bearer abc.def.ghi").statusCode())
                .isEqualTo(401);
        HttpResponse<String> malformed = server.post("/api/logout", "application/json", "", "Authorization", "Bearer a b");
        assertThat(malformed.statusCode()).isEqualTo(400);
        assertThat(json(malformed).path("error").asText()).isEqualTo("invalid_request");
    }

    @Test
    void getIsRefusedUnlessConfigured() {
        HttpResponse<String> r = server.get("/api/logout", "Authorization", "Bearer " + passwordLogin(tokens).accessToken());

        assertThat(r.statusCode()).isEqualTo(405);
        assertThat(r.headers().firstValue("Allow")).contains("POST");
    }

    @Test
    void aSessionStyleLogoutWithACustomHeaderKillsAnOpaqueToken() {
        TokenService sessions = fixture.service(clock)
                .referenceTokens(new InMemoryReferenceTokenStore(), Duration.ofMinutes(5)).build();
        LogoutEndpoint logout = LogoutEndpoint.builder(sessions)
                .credentials(BearerCredentialsSpec.builder().header(SIMPLICITE).realm("simplicite").build())
                .methods("GET", "POST").jsonBody(Map.of("result", "logged out")).build();
        try (TestServer s = TestServer.start(ctx -> {
            ctx.addServlet("logout", logout).addMapping("/api/logout");
            ctx.addServlet("whoami", new WhoamiEndpoint()).addMapping("/api/whoami");
            ctx.addFilter("bearer", new BearerTokenFilter(BearerFilterConfig.builder(sessions::verify).header(SIMPLICITE)
                    .build())).addMappingForUrlPatterns(null, false, "/api/whoami");
        })) {
            String token = passwordLogin(sessions).accessToken();
            assertThat(token).doesNotContain(".");
            assertThat(s.get("/api/whoami", SIMPLICITE, "Bearer " + token).statusCode()).isEqualTo(200);
            assertThat(s.get("/api/logout", "Authorization", "Bearer " + token).statusCode())
                    .as("the standard header is not read").isEqualTo(401);

            HttpResponse<String> r = s.get("/api/logout", SIMPLICITE, "Bearer " + token);

            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            assertThat(json(r).path("result").asText()).isEqualTo("logged out");
            assertThat(s.get("/api/whoami", SIMPLICITE, "Bearer " + token).statusCode()).isEqualTo(401);
            assertThatThrownBy(() -> sessions.verify(token)).isInstanceOf(InvalidTokenException.class);
            assertThat(s.get("/api/logout", SIMPLICITE, "Bearer " + token).headers().firstValue("WWW-Authenticate")
                    .orElse("")).startsWith("Bearer realm=\"simplicite\", error=\"invalid_token\"");
        }
    }

    @Test
    void theBuilderChecksEverySettingAtOnce() {
        BearerCredentialsSpec.Builder spec = BearerCredentialsSpec.builder().header(SIMPLICITE);
        assertThatThrownBy(() -> spec.header("Authorization")).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> BearerCredentialsSpec.builder().header("Bad Header"))
                .isInstanceOf(IllegalArgumentException.class);
        LogoutEndpoint.Builder b = LogoutEndpoint.builder(tokens).credentials(spec.build());
        assertThatThrownBy(() -> b.credentials(BearerCredentialsSpec.standard())).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> LogoutEndpoint.builder(tokens).methods("DELETE"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> BearerCredentialsSpec.builder().realm("a\"b")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> LogoutEndpoint.builder(tokens).jsonBody(Map.of("x", new Object())))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
