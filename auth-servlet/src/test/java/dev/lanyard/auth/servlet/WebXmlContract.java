package dev.lanyard.auth.servlet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lanyard.auth.TokenService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A {@link BearerTokenFilter} configured by nothing but {@code web.xml} init parameters, loaded by a
 * real container (Tomcat or Jetty, see the subclasses), in resource-server mode: tokens come from a
 * second server (embedded Jetty with {@link LanyardEndpoints}) and are checked against that server's
 * {@code /oauth2/jwks}. And the misconfigurations: each must stop the application with a message
 * naming the parameter, never leave a filter that silently works differently.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class WebXmlContract {

    static final ObjectMapper JSON = new ObjectMapper();

    Path apps;
    TestServer issuer;
    WebXmlServer app;
    String readToken;
    String writeToken;
    String aliceToken;

    /** Deploys the directory (holding {@code WEB-INF/web.xml}) as the root application of a new container. */
    abstract WebXmlServer deploy(Path docBase);

    /** What the container answers for a root application that failed to start. */
    abstract int unavailableStatus();

    @BeforeAll
    void start() throws IOException {
        apps = Files.createTempDirectory("lanyard-webxml");
        // Resource-server mode verifies with the system clock, so the issuer must issue with it too.
        TokenService tokens = new Fixture().service(Clock.systemUTC()).build();
        issuer = TestServer.start(ctx -> LanyardEndpoints.builder(tokens).build().register(ctx));
        app = deploy(WebXmlApps.deploy("resource-server", apps,
                Map.of("JWKS_URL", issuer.uri("/oauth2/jwks").toString())));
        assertThat(app.available()).as("the resource server started: %s", app.startupFailure()).isTrue();

        readToken = token("grant_type=client_credentials&scope=orders%3Aread", TestServer.basic("machine", Fixture.SECRET));
        writeToken = token("grant_type=client_credentials&scope=orders%3Aread%20orders%3Awrite",
                TestServer.basic("machine", Fixture.SECRET));
        aliceToken = token("grant_type=password&username=alice&password=wonderland",
                TestServer.basic("web", Fixture.SECRET));
    }

    @AfterAll
    void stop() {
        try {
            if (app != null) {
                app.close();
            }
        } finally {
            try {
                if (issuer != null) {
                    issuer.close();
                }
            } finally {
                if (apps != null) {
                    TomcatTestServer.deleteTree(apps);
                }
            }
        }
    }

    String token(String form, String basic) {
        HttpResponse<String> r = issuer.postForm("/oauth2/token", form, "Authorization", basic);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return json(r).path("access_token").asText();
    }

    static JsonNode json(HttpResponse<String> r) {
        try {
            return JSON.readTree(r.body());
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON: " + r.body(), e);
        }
    }

    static String bearer(String token) {
        return "Bearer " + token;
    }

    @Test
    void aTokenFromTheIssuingServerPassesAndTheServletSeesItsUser() {
        HttpResponse<String> r = app.get("/api/orders", "Authorization", bearer(readToken));

        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("user=machine auth=Bearer path=/api/orders");
    }

    @Test
    void noTokenIs401WithTheRealmFromWebXml() {
        HttpResponse<String> r = app.get("/api/orders");

        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(r.headers().firstValue("WWW-Authenticate")).contains("Bearer realm=\"orders-api\"");
    }

    @Test
    void aTamperedTokenIs401InvalidToken() {
        String forged = readToken.substring(0, readToken.length() - 4) + "AAAA";

        HttpResponse<String> r = app.get("/api/orders", "Authorization", bearer(forged));

        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(r.headers().firstValue("WWW-Authenticate").orElseThrow())
                .startsWith("Bearer realm=\"orders-api\", error=\"invalid_token\"");
    }

    @Test
    void aTokenWithoutTheRequiredScopeIs403InsufficientScope() {
        HttpResponse<String> r = app.get("/orders/1", "Authorization", bearer(readToken));

        assertThat(r.statusCode()).as(r.body()).isEqualTo(403);
        assertThat(r.headers().firstValue("WWW-Authenticate").orElseThrow())
                .contains("error=\"insufficient_scope\"").contains("scope=\"orders:write\"");
        assertThat(json(r).path("error").asText()).isEqualTo("insufficient_scope");

        HttpResponse<String> ok = app.get("/orders/1", "Authorization", bearer(writeToken));
        assertThat(ok.statusCode()).as(ok.body()).isEqualTo(200);
        assertThat(ok.body()).isEqualTo("user=machine auth=Bearer path=/orders/1");
    }

    @Test
    void theSecondScopeRuleOfAMultiLineParameterAppliesToo() {
        assertThat(app.get("/admin/users", "Authorization", bearer(aliceToken)).body())
                .isEqualTo("user=alice auth=Bearer path=/admin/users");
        assertThat(app.get("/admin/users", "Authorization", bearer(writeToken)).statusCode()).isEqualTo(403);
    }

    @Test
    void optionalPathsLetAnonymousRequestsThrough() {
        assertThat(app.get("/public/info").body()).isEqualTo("user=null auth=null path=/public/info");
        assertThat(app.get("/health").body()).isEqualTo("user=null auth=null path=/health");
        assertThat(app.get("/public/info", "Authorization", bearer(aliceToken)).body()).startsWith("user=alice ");
    }

    /** A GET whose path is sent exactly as written: no client-side normalization of dot segments. */
    HttpResponse<String> rawGet(String rawPath, String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(app.uri("/") + rawPath.substring(1))).GET();
        if (headers.length > 0) {
            b.headers(headers);
        }
        return app.send(b);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"/public/../api/orders", "/public/%2e%2e/api/orders", "/public/..;/api/orders"})
    void anOptionalPathIsNoWayAroundTheFilter(String rawPath) {
        HttpResponse<String> r = rawGet(rawPath);

        assertThat(r.body()).doesNotContain("user=null");
        assertThat(r.statusCode()).isIn(400, 401);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"/%6Frders/1", "/orders;x=y/1", "//orders/1", "/api/../orders/1"})
    void aScopeRuleHoldsForEverySpellingOfThePath(String rawPath) {
        HttpResponse<String> r = rawGet(rawPath, "Authorization", bearer(readToken));

        assertThat(r.body()).doesNotContain("path=/orders/1");
        assertThat(r.statusCode()).isIn(400, 403);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            bad-required-scopes       | required-scopes needs 'pattern=scope ...' rules separated by ';', got 'nonsense'
            bad-allow-query-parameter | allow-query-parameter must be true or false
            jwks-url-without-issuer   | jwks-url needs the init parameter 'issuer'
            bad-jwks-url              | jwks-url is not a valid URL
            insecure-jwks-url         | jwks-url 'http://auth.example/oauth2/jwks' uses plain http to a host that is not loopback
            unreachable-required-scopes | the required-scopes rule '/orders/*' can never match: the filter is mapped to [/api/*]
            """)
    void aMisconfiguredFilterStopsTheApplicationWithAMessageNamingTheParameter(String scenario, String message) {
        try (WebXmlServer broken = deploy(WebXmlApps.deploy(scenario, apps, Map.of()))) {
            assertThat(broken.available()).isFalse();
            assertThat(broken.startupFailure()).hasValueSatisfying(
                    e -> assertThat(messages(e)).contains("BearerTokenFilter 'bearer': " + message));
            // Never a filter that lets requests through: the container answers for an absent application.
            HttpResponse<String> anonymous = broken.get("/api/orders");
            HttpResponse<String> withToken = broken.get("/orders/1", "Authorization", bearer(writeToken));
            assertThat(anonymous.statusCode()).as(anonymous.body()).isEqualTo(unavailableStatus());
            assertThat(withToken.statusCode()).as(withToken.body()).isEqualTo(unavailableStatus());
            assertThat(anonymous.body() + withToken.body()).doesNotContain("user=");
        }
    }

    @Test
    void theReadmesWebXmlSampleProtectsItsPathWith403WithoutTheScope() throws IOException {
        try (WebXmlServer sample = deploy(readmeSample())) {
            assertThat(sample.available()).as("the README's sample started: %s", sample.startupFailure()).isTrue();

            HttpResponse<String> r = sample.get("/api/orders/1", "Authorization", bearer(readToken));
            assertThat(r.statusCode()).as(r.body()).isEqualTo(403);
            assertThat(r.headers().firstValue("WWW-Authenticate").orElseThrow()).contains("scope=\"orders:write\"");
            HttpResponse<String> ok = sample.get("/api/orders/1", "Authorization", bearer(writeToken));
            assertThat(ok.statusCode()).as(ok.body()).isEqualTo(200);
            assertThat(sample.get("/api/orders/1").statusCode()).isEqualTo(401);
        }
    }

    /**
     * The {@code web.xml} sample of the README, as written there (the tests run in the module directory),
     * with its JWKS URL pointed at the test issuer and the echo servlet behind it.
     */
    Path readmeSample() throws IOException {
        String readme = Files.readString(Path.of("..", "README.md"));
        int start = readme.indexOf("```xml\n<filter>");
        assertThat(start).as("the README has a web.xml sample").isNotNegative();
        String sample = readme.substring(start + "```xml\n".length(), readme.indexOf("```", start + 6));
        assertThat(sample).contains("https://auth.example/oauth2/jwks");
        String xml = """
                <?xml version="1.0" encoding="UTF-8"?>
                <web-app xmlns="https://jakarta.ee/xml/ns/jakartaee" version="6.0" metadata-complete="true">
                %s
                  <servlet><servlet-name>hello</servlet-name>
                    <servlet-class>dev.lanyard.auth.servlet.WebXmlHelloServlet</servlet-class></servlet>
                  <servlet-mapping><servlet-name>hello</servlet-name><url-pattern>/*</url-pattern></servlet-mapping>
                </web-app>
                """.formatted(sample.replace("https://auth.example/oauth2/jwks", issuer.uri("/oauth2/jwks").toString()));
        Path docBase = apps.resolve("readme-sample");
        Files.createDirectories(docBase.resolve("WEB-INF"));
        Files.writeString(docBase.resolve("WEB-INF/web.xml"), xml);
        return docBase;
    }

    /** The messages of a throwable and its causes, one per line. */
    static String messages(Throwable e) {
        StringBuilder out = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            out.append(t.getClass().getName()).append(": ").append(t.getMessage()).append('\n');
        }
        return out.toString();
    }
}
