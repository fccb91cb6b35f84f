package dev.lanyard.auth.servlet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lanyard.auth.TokenService;
import dev.lanyard.auth.testing.MutableClock;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@link EndpointsTest} setup ({@code LanyardEndpoints ... protect("/api/*")}, registered from a
 * ServletContainerInitializer) in embedded Tomcat instead of Jetty: a smoke test that the endpoints
 * and the filter behave the same on Tomcat's request and response objects. Run twice, on Tomcat 10.1
 * and on Tomcat 11 (the surefire execution {@code tomcat11}, which selects the tag {@code tomcat}).
 */
@Tag("tomcat")
class TomcatSmokeTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String S = URLEncoder.encode(Fixture.SECRET, StandardCharsets.UTF_8);

    static TokenService tokens;
    static TomcatTestServer server;

    @BeforeAll
    static void start() {
        tokens = new Fixture().service(MutableClock.at("2026-11-22T10:00:00Z")).build();
        server = TomcatTestServer.start(ctx -> LanyardEndpoints.builder(tokens).protect("/api/*").build().register(ctx));
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    static JsonNode json(HttpResponse<String> r) {
        try {
            return JSON.readTree(r.body());
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + r.body(), e);
        }
    }

    static void assertError(HttpResponse<String> r, int status, String error) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(
                t -> assertThat(t).startsWithIgnoringCase("application/json"));
        assertThat(json(r).path("error").asText()).isEqualTo(error);
        assertThat(r.body()).doesNotContain("Exception").doesNotContain("\tat ").doesNotContain("Apache Tomcat");
    }

    static String machineToken() {
        HttpResponse<String> r = server.postForm("/oauth2/token", "grant_type=client_credentials&scope=orders%3Aread",
                "Authorization", TestServer.basic("machine", Fixture.SECRET));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return json(r).path("access_token").asText();
    }

    /**
     * The Tomcat this run means to test ({@value TomcatTestServer#EXPECTED_MAJOR}) is the one serving, and
     * the application sees that Tomcat's Servlet API (6.0 on Tomcat 10.1, 6.1 on Tomcat 11), not an older
     * API jar shadowing it.
     */
    @Test
    void runsOnTheTomcatThisExecutionIsFor() {
        String number = TomcatTestServer.serverNumber();
        System.out.println("TomcatSmokeTest: Tomcat " + number + ", expected major "
                + System.getProperty(TomcatTestServer.EXPECTED_MAJOR, "(any)"));
        ServletContext ctx = server.context().getServletContext();
        String servletVersion = number.startsWith("10.") ? "6.0" : "6.1";
        assertThat(ctx.getMajorVersion() + "." + ctx.getMinorVersion()).isEqualTo(servletVersion);
        boolean servlet61Api = Arrays.stream(ServletResponse.class.getMethods())
                .anyMatch(m -> m.getName().equals("setCharacterEncoding")
                        && Arrays.equals(m.getParameterTypes(), new Class<?>[] {Charset.class}));
        assertThat(servlet61Api).as("ServletResponse.setCharacterEncoding(Charset) from %s",
                ServletResponse.class.getProtectionDomain().getCodeSource()).isEqualTo(servletVersion.equals("6.1"));
    }

    @Test
    void clientCredentialsIssuesATokenThatIsNeverCached() {
        HttpResponse<String> r = server.postForm("/oauth2/token", "grant_type=client_credentials&scope=orders%3Aread",
                "Authorization", TestServer.basic("machine", Fixture.SECRET));

        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(r.headers().firstValue("Cache-Control")).contains("no-store");
        assertThat(r.headers().firstValue("Pragma")).contains("no-cache");
        JsonNode body = json(r);
        assertThat(body.path("token_type").asText()).isEqualTo("Bearer");
        assertThat(body.path("scope").asText()).isEqualTo("orders:read");
        assertThat(body.path("access_token").asText()).isNotEmpty();
    }

    @Test
    void passwordGrantWithClientSecretPost() {
        HttpResponse<String> r = server.postForm("/oauth2/token",
                "grant_type=password&username=alice&password=wonderland&client_id=web&client_secret=" + S);

        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(json(r).path("refresh_token").asText()).isNotEmpty();
    }

    @Test
    void whoamiWithTheTokenKnowsTheCaller() {
        HttpResponse<String> r = server.get("/api/whoami", "Authorization", "Bearer " + machineToken());

        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(r.headers().firstValue("Cache-Control")).contains("no-store");
        assertThat(json(r).path("sub").asText()).isEqualTo("machine");
        assertThat(json(r).path("scope").asText()).isEqualTo("orders:read");
    }

    @Test
    void whoamiWithoutATokenIs401WithABearerChallenge() {
        HttpResponse<String> r = server.get("/api/whoami");

        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(r.headers().firstValue("WWW-Authenticate")).contains("Bearer realm=\"lanyard\"");
    }

    @Test
    void aBadTokenIs401InvalidToken() {
        HttpResponse<String> r = server.get("/api/whoami", "Authorization", "Bearer not.a.token");

        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(r.headers().firstValue("WWW-Authenticate").orElseThrow())
                .startsWith("Bearer realm=\"lanyard\", error=\"invalid_token\"");
        assertThat(json(r).path("error").asText()).isEqualTo("invalid_token");
    }

    @Test
    void invalidClientAfterABasicHeaderIs401WithABasicChallenge() {
        HttpResponse<String> r = server.postForm("/oauth2/token", "grant_type=client_credentials",
                "Authorization", TestServer.basic("machine", "nope"));

        assertError(r, 401, "invalid_client");
        assertThat(r.headers().firstValue("WWW-Authenticate")).contains("Basic realm=\"lanyard\"");
        assertThat(r.headers().firstValue("Cache-Control")).contains("no-store");
    }

    @Test
    void anOversizedBodyIs413() {
        assertError(server.postForm("/oauth2/token", "grant_type=client_credentials&pad=" + "x".repeat(70_000)),
                413, "invalid_request");
    }

    @Test
    void aWrongContentTypeIs415() {
        assertError(server.post("/oauth2/token", "text/plain", "grant_type=client_credentials"), 415, "invalid_request");
    }

    /** OPTIONS lists what the endpoint serves and never TRACE, which is always refused, on any container. */
    @ParameterizedTest
    @ValueSource(strings = {"/oauth2/token", "/oauth2/revoke", "/oauth2/jwks"})
    void optionsNeverAdvertisesTrace(String path) {
        HttpResponse<String> options = server.send(HttpRequest.newBuilder(server.uri(path))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()));

        assertThat(options.statusCode()).isEqualTo(200);
        assertThat(options.headers().firstValue("Allow").orElseThrow()).contains("OPTIONS").doesNotContain("TRACE");
        assertThat(server.send(HttpRequest.newBuilder(server.uri(path)).method("TRACE", HttpRequest.BodyPublishers.noBody()))
                .statusCode()).isEqualTo(405);
    }

    @Test
    void jwksIsServed() {
        HttpResponse<String> r = server.get("/oauth2/jwks");

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(
                t -> assertThat(t).startsWith("application/jwk-set+json"));
        assertThat(json(r).path("keys").size()).isPositive();
        json(r).path("keys").forEach(k -> assertThat(k.has("d")).isFalse());
    }

    /** Tomcat's non-blocking reads and async timeout give the same 408 as Jetty's (issue 10, point 1). */
    @Test
    void tokenRequestWhenBodyTricklesPastTheDeadlineThenIs408() throws Exception {
        try (TomcatTestServer slow = TomcatTestServer.start(ctx -> LanyardEndpoints.builder(tokens)
                .bodyReadTimeout(java.time.Duration.ofSeconds(1)).build().register(ctx));
             java.net.Socket socket = new java.net.Socket(slow.uri("/").getHost(), slow.uri("/").getPort())) {
            socket.setSoTimeout(10_000);
            var out = socket.getOutputStream();
            var in = socket.getInputStream();
            out.write(("POST /oauth2/token HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/x-www-form-urlencoded"
                    + "\r\nContent-Length: 100\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            for (int i = 0; i < 40 && in.available() == 0; i++) {
                out.write('g');
                out.flush();
                Thread.sleep(100);
            }
            assertThat(SlowBodyTest.readResponse(in)).startsWith("HTTP/1.1 408")
                    .contains("\"error\":\"invalid_request\"").contains("did not arrive within 1 s");
        }
    }
}
