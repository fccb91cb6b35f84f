package dev.lanyard.auth.servlet;

import dev.lanyard.auth.TemporarilyUnavailableException;
import dev.lanyard.auth.TokenRequest;
import dev.lanyard.auth.TokenService;
import dev.lanyard.auth.testing.MutableClock;
import dev.lanyard.auth.token.AccessTokenIssuer;
import dev.lanyard.auth.token.AccessTokenRequest;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.EnumSet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The RFC 6750 matrix, over real HTTP against embedded Jetty. */
class BearerTokenFilterTest {

    final MutableClock clock = MutableClock.at("2026-11-22T10:00:00Z");
    final Fixture fixture = new Fixture();
    final TokenService tokens = fixture.service(clock).build();
    TestServer server;

    /** Echoes what the wrapped request says about its user. */
    static final class Hello extends HttpServlet {
        private static final long serialVersionUID = 1L;

        @Override
        protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            resp.setContentType("text/plain");
            resp.getWriter().print("user=" + req.getRemoteUser() + " admin=" + req.isUserInRole("admin")
                    + " orders=" + req.isUserInRole("orders:read") + " auth=" + req.getAuthType()
                    + " token=" + (req.getAttribute(BearerTokenFilter.TOKEN_ATTRIBUTE) != null));
        }
    }

    TestServer start(BearerFilterConfig config) {
        server = TestServer.start(ctx -> {
            ctx.addServlet("hello", new Hello()).addMapping("/*");
            ctx.addFilter("bearer", new BearerTokenFilter(config))
                    .addMappingForUrlPatterns(EnumSet.of(jakarta.servlet.DispatcherType.REQUEST), false, "/*");
        });
        return server;
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    String machineToken() {
        return tokens.grant(TokenRequest.clientCredentials("machine", Fixture.SECRET).scope("orders:read").build())
                .accessToken();
    }

    String aliceToken() {
        return tokens.grant(TokenRequest.password("web", Fixture.SECRET, "alice", "wonderland".toCharArray()).build())
                .accessToken();
    }

    BearerFilterConfig.Builder config() {
        return BearerFilterConfig.builder(tokens::verify).realm("test");
    }

    @Test
    void validTokenPassesAndTheRequestKnowsItsUser() {
        start(config().build());

        HttpResponse<String> r = server.get("/api/hello", "Authorization", "Bearer " + aliceToken());

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("user=alice admin=true orders=true auth=Bearer token=true");
    }

    @Test
    void scopesCountAsRolesToo() {
        start(config().build());

        assertThat(server.get("/x", "Authorization", "Bearer " + machineToken()).body())
                .isEqualTo("user=machine admin=false orders=true auth=Bearer token=true");
    }

    @Test
    void aVerifierThatThrowsOnACraftedTokenIsAGeneric500NotTheContainersErrorPage() {
        start(BearerFilterConfig.builder(token -> {
            throw new IllegalArgumentException("an app's own verifier choking on " + token);
        }).realm("test").build());

        HttpResponse<String> r = server.get("/api/hello", "Authorization", "Bearer crafted.token.value");

        assertThat(r.statusCode()).isEqualTo(500);
        assertThat(r.body()).contains("\"error\":\"server_error\"", "correlation id")
                .doesNotContain("crafted", "IllegalArgumentException", "at dev.lanyard");
    }

    @Test
    void aVerifierThatIsTemporarilyUnavailableIs503WithRetryAfter() {
        start(BearerFilterConfig.builder(token -> {
            throw new TemporarilyUnavailableException("the app's token cache is warming up");
        }).realm("test").build());

        HttpResponse<String> r = server.get("/api/hello", "Authorization", "Bearer " + aliceToken());

        assertThat(r.statusCode()).isEqualTo(503);
        assertThat(r.headers().firstValue("Retry-After")).contains("5");
        assertThat(r.body()).contains("\"error\":\"temporarily_unavailable\"").doesNotContain("warming");
    }

    @Test
    void noCredentialsIs401WithAChallengeAndNoErrorCode() {
        start(config().build());

        HttpResponse<String> r = server.get("/api/hello");

        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(r.headers().firstValue("WWW-Authenticate")).contains("Bearer realm=\"test\"");
    }

    @Test
    void anotherSchemeIsTreatedAsNoCredentials() {
        start(config().build());

        HttpResponse<String> r = server.get("/api/hello", "Authorization", TestServer.basic("a", "b"));

        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(r.headers().firstValue("WWW-Authenticate")).contains("Bearer realm=\"test\"");
    }

    @Test
    void malformedHeaderIs400InvalidRequest() {
        start(config().build());

        for (String header : new String[] {"Bearer", "Bearer a b", "Bearer \"quoted\""}) {
            HttpResponse<String> r = server.get("/api/hello", "Authorization", header);
            assertThat(r.statusCode()).as(header).isEqualTo(400);
            assertThat(r.headers().firstValue("WWW-Authenticate").orElseThrow()).contains("error=\"invalid_request\"");
            assertThat(r.body()).contains("\"error\":\"invalid_request\"");
        }
    }

    @Test
    void forgedTokenIs401InvalidTokenAndTheDescriptionNeverEchoesIt() {
        start(config().build());
        String token = aliceToken();
        String forged = token.substring(0, token.length() - 4) + "AAAA";

        HttpResponse<String> r = server.get("/api/hello", "Authorization", "Bearer " + forged);

        assertThat(r.statusCode()).isEqualTo(401);
        String challenge = r.headers().firstValue("WWW-Authenticate").orElseThrow();
        assertThat(challenge).startsWith("Bearer realm=\"test\", error=\"invalid_token\", error_description=\"");
        assertThat(challenge + r.body()).doesNotContain(forged).doesNotContain(forged.substring(forged.lastIndexOf('.') + 1));
    }

    @Test
    void expiredTokenIs401InvalidToken() {
        start(config().build());
        String token = aliceToken();
        clock.advance(Duration.ofMinutes(17));

        HttpResponse<String> r = server.get("/api/hello", "Authorization", "Bearer " + token);

        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(r.headers().firstValue("WWW-Authenticate").orElseThrow()).contains("error=\"invalid_token\"")
                .contains("expired");
    }

    @Test
    void tokenForAnotherAudienceIs401InvalidToken() {
        start(config().build());
        String other = AccessTokenIssuer.builder().issuer(Fixture.ISSUER).audience("https://other-api.example")
                .keys(Fixture.KEYS).clock(clock).build().issue(AccessTokenRequest.builder("alice", "web").build()).value();

        HttpResponse<String> r = server.get("/api/hello", "Authorization", "Bearer " + other);

        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(r.headers().firstValue("WWW-Authenticate").orElseThrow()).contains("invalid_token").contains("aud");
    }

    @Test
    void missingScopeIs403InsufficientScopeNamingTheScope() {
        start(config().requireScopes("/orders/*", "orders:write").build());

        HttpResponse<String> r = server.get("/orders/1", "Authorization", "Bearer " + machineToken());

        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(r.headers().firstValue("WWW-Authenticate").orElseThrow())
                .contains("error=\"insufficient_scope\"").contains("scope=\"orders:write\"");
        assertThat(server.get("/other", "Authorization", "Bearer " + machineToken()).statusCode()).isEqualTo(200);
    }

    TestServer startOnApi(BearerFilterConfig config) {
        server = TestServer.start(ctx -> {
            ctx.addServlet("hello", new Hello()).addMapping("/*");
            ctx.addFilter("bearer", new BearerTokenFilter(config))
                    .addMappingForUrlPatterns(EnumSet.of(jakarta.servlet.DispatcherType.REQUEST), false, "/api/*");
        });
        return server;
    }

    @Test
    void aScopeRuleIsMatchedAgainstThePathInsideTheContextMappingIncluded() {
        startOnApi(config().requireScopes("/api/orders/*", "orders:write").build());

        assertThat(server.get("/api/orders/1", "Authorization", "Bearer " + machineToken()).statusCode()).isEqualTo(403);
        assertThat(server.get("/api/other", "Authorization", "Bearer " + machineToken()).statusCode()).isEqualTo(200);
    }

    @Test
    void startWhenAScopeRuleCanNeverMatchTheFiltersMappingThenFailsNamingTheRule() {
        BearerFilterConfig config = config().requireScopes("/orders/*", "orders:write").build();

        assertThatThrownBy(() -> startOnApi(config)).hasStackTraceContaining("BearerTokenFilter 'bearer': the "
                + "required-scopes rule '/orders/*' can never match: the filter is mapped to [/api/*]")
                .hasStackTraceContaining("did you mean '/api/orders/*'?");
    }

    @Test
    void aRoleSatisfiesAScopeRuleOfTheSameName() {
        start(config().requireScopes("/admin/*", "admin").build());

        assertThat(server.get("/admin/users", "Authorization", "Bearer " + aliceToken()).statusCode()).isEqualTo(200);
        assertThat(server.get("/admin/users", "Authorization", "Bearer " + machineToken()).statusCode()).isEqualTo(403);
    }

    @Test
    void optionalPathsLetAnonymousRequestsThroughButStillRejectBadTokens() {
        start(config().optional("/public/*").build());

        assertThat(server.get("/public/page").body()).startsWith("user=null");
        assertThat(server.get("/public/page", "Authorization", "Bearer " + aliceToken()).body()).startsWith("user=alice");
        assertThat(server.get("/public/page", "Authorization", "Bearer nonsense").statusCode()).isEqualTo(401);
    }

    @Test
    void customHeaderAndScheme() {
        start(config().header("X-Simplicite-Authorization").build());

        assertThat(server.get("/x", "X-Simplicite-Authorization", "Bearer " + aliceToken()).statusCode()).isEqualTo(200);
        assertThat(server.get("/x", "Authorization", "Bearer " + aliceToken()).statusCode()).isEqualTo(401);
    }

    @Test
    void queryParameterOnlyWhenEnabledThenPrivateAndNeverTwoWaysAtOnce() {
        start(config().build());
        String token = aliceToken();
        assertThat(server.get("/x?access_token=" + token).statusCode()).isEqualTo(401);
        server.close();

        start(config().allowQueryParameter().build());
        HttpResponse<String> ok = server.get("/x?access_token=" + token);
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(ok.headers().firstValue("Cache-Control")).contains("private");
        HttpResponse<String> both = server.get("/x?access_token=" + token, "Authorization", "Bearer " + token);
        assertThat(both.statusCode()).isEqualTo(400);
        assertThat(both.body()).contains("invalid_request");
    }

    @Test
    void revokedTokenIsRefused() {
        start(config().build());
        String token = aliceToken();
        tokens.logout(token);

        assertThat(server.get("/x", "Authorization", "Bearer " + token).statusCode()).isEqualTo(401);
    }

    @Test
    void anUnreachableJwksBeforeAnyKeyIsKnownIs503NotInvalidToken() throws Exception {
        int closedPort;
        try (java.net.ServerSocket probe = new java.net.ServerSocket(0)) {
            closedPort = probe.getLocalPort();
        }
        dev.lanyard.auth.token.AccessTokenVerifier remote = dev.lanyard.auth.token.AccessTokenVerifier.builder()
                .issuer(tokens.issuer()).audience(tokens.issuer())
                .keys(dev.lanyard.auth.key.RemoteJwks.builder(
                        java.net.URI.create("http://127.0.0.1:" + closedPort + "/jwks").toURL()).build())
                .build();
        start(BearerFilterConfig.builder(remote::verify).build());

        HttpResponse<String> r = server.get("/api/hello", "Authorization", "Bearer " + machineToken());

        assertThat(r.statusCode()).as(r.body()).isEqualTo(503);
        assertThat(r.body()).contains("\"temporarily_unavailable\"").doesNotContain("127.0.0.1");
        assertThat(r.headers().firstValue("WWW-Authenticate")).isEmpty();
    }

    @Test
    void aJwksOutageIsLoggedOnceNotPerRequestAndEvery503CarriesRetryAfter() throws Exception {
        int closedPort;
        try (java.net.ServerSocket probe = new java.net.ServerSocket(0)) {
            closedPort = probe.getLocalPort();
        }
        dev.lanyard.auth.token.AccessTokenVerifier remote = dev.lanyard.auth.token.AccessTokenVerifier.builder()
                .issuer(tokens.issuer()).audience(tokens.issuer())
                .keys(dev.lanyard.auth.key.RemoteJwks.builder(
                        java.net.URI.create("http://127.0.0.1:" + closedPort + "/jwks").toURL())
                        .minRefetchInterval(Duration.ofSeconds(20)).build())
                .build();
        start(BearerFilterConfig.builder(remote::verify).build());
        String token = machineToken();
        java.io.PrintStream originalErr = System.err;
        java.io.ByteArrayOutputStream captured = new java.io.ByteArrayOutputStream();
        System.setErr(new java.io.PrintStream(captured, true, java.nio.charset.StandardCharsets.UTF_8));
        try {
            for (int i = 0; i < 5; i++) {
                HttpResponse<String> r = server.get("/api/hello", "Authorization", "Bearer " + token);
                assertThat(r.statusCode()).as(r.body()).isEqualTo(503);
                assertThat(r.headers().firstValue("Retry-After")).as("the refetch interval").contains("20");
            }
        } finally {
            System.setErr(originalErr);
        }

        // slf4j-simple writes to the current System.err
        String log = captured.toString(java.nio.charset.StandardCharsets.UTF_8);
        assertThat(log.lines().filter(l -> l.contains("WARN") || l.contains("ERROR")))
                .singleElement().asString().contains("cannot fetch the JWKS from").doesNotContain(token);
        assertThat(log).as("no stack trace").doesNotContain("\tat ");
    }
}
