package dev.lanyard.auth.servlet;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lanyard.auth.TokenService;
import dev.lanyard.auth.guard.LoginThrottle;
import dev.lanyard.auth.servlet.LoginEndpointConfig.Attribute;
import dev.lanyard.auth.servlet.LoginEndpointConfig.Channel;
import dev.lanyard.auth.servlet.LoginEndpointConfig.Output;
import dev.lanyard.auth.testing.MutableClock;
import dev.lanyard.auth.token.VerifiedToken;
import dev.lanyard.auth.user.User;
import jakarta.servlet.ServletContext;
import jakarta.servlet.http.HttpServletRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.lang.reflect.Proxy;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;

import static dev.lanyard.auth.servlet.EndpointsTest.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The first-party login endpoint over real HTTP: every credential channel, output format and refusal. */
class LoginEndpointTest {

    static final String BOB_PASSWORD = "tea+biscuits%20:1";

    final MutableClock clock = MutableClock.at("2026-11-22T10:00:00Z");
    final Fixture fixture = new Fixture();
    final User bob = User.builder("bob").passwordHash(Fixture.HASHER.hash(BOB_PASSWORD.toCharArray()))
            .roles(Set.of("user")).firstName("Bob").lastName("Marley").lang("ENU").email("bob@example.com").build();
    final TokenService tokens;
    final TestServer server;

    LoginEndpointTest() {
        fixture.clients.create(Fixture.client("login", Set.of("password"), Set.of()));
        fixture.users.create(bob);
        tokens = fixture.service(clock).build();
        server = TestServer.start(this::setup);
    }

    static LoginEndpointConfig simplicite() {
        return LoginEndpointConfig.builder("login")
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
                .tokenTypeValue("bearer")
                .allowRedirect("http://app.example/cb")
                .allowRedirectPrefix("https://app.example/pages/")
                .realm("simplicite")
                .build();
    }

    void setup(ServletContext ctx) {
        ctx.addServlet("login", new LoginEndpoint(tokens, fixture.users, simplicite())).addMapping("/api/login");
        ctx.addServlet("jlogin", new LoginEndpoint(tokens, fixture.users, LoginEndpointConfig.builder("login")
                .credentials(Channel.JSON).usernameField("login").passwordField("pwd").defaultOutput(Output.JSON)
                .build())).addMapping("/json/login");
        ctx.addServlet("whoami", new WhoamiEndpoint()).addMapping("/api/whoami");
        ctx.addFilter("bearer", new BearerTokenFilter(BearerFilterConfig.builder(tokens::verify).build()))
                .addMappingForUrlPatterns(null, false, "/api/whoami");
    }

    @AfterEach
    void stop() {
        server.close();
    }

    HttpResponse<String> login(String query, String... headers) {
        HttpResponse<String> r = server.get("/api/login" + query, headers);
        assertThat(r.headers().firstValue("Cache-Control")).as("Cache-Control of " + r.statusCode()).contains("no-store");
        return r;
    }

    static String basic(String user, String password) {
        return TestServer.basic(user, password);
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    void assertValidTokenFor(String token, User user) {
        VerifiedToken verified = tokens.verify(token);
        assertThat(verified.subject()).isEqualTo(user.id());
        assertThat(verified.clientId()).isEqualTo("login");
        assertThat(server.get("/api/whoami", "Authorization", "Bearer " + token).statusCode()).isEqualTo(200);
    }

    static void assertUnauthorized(HttpResponse<String> r) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(401);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
        assertThat(json(r).path("error").asText()).isNotEmpty();
        assertThat(r.headers().firstValue("Cache-Control")).contains("no-store");
    }

    @Test
    void basicLoginAnswersTheTokenAsPlainText() {
        HttpResponse<String> r = login("", "Authorization", basic("alice", "wonderland"));

        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("text/plain");
        assertThat(r.headers().firstValue("Pragma")).contains("no-cache");
        assertValidTokenFor(r.body(), fixture.alice);
    }

    @Test
    void basicPasswordsAreTakenAsTypedNotFormDecoded() {
        HttpResponse<String> r = login("", "Authorization", basic("bob", BOB_PASSWORD));

        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertValidTokenFor(r.body(), bob);
    }

    @Test
    void queryParametersLogIn() {
        HttpResponse<String> r = login("?username=bob&password=" + enc(BOB_PASSWORD));

        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertValidTokenFor(r.body(), bob);
    }

    @Test
    void formParametersLogIn() {
        HttpResponse<String> r = server.postForm("/api/login", "username=alice&password=wonderland");

        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(r.headers().firstValue("Cache-Control")).contains("no-store");
        assertValidTokenFor(r.body(), fixture.alice);
    }

    @Test
    void jsonBodyWithCustomFieldNamesLogsIn() {
        HttpResponse<String> r = server.post("/json/login", "application/json",
                "{\"login\":\"bob\",\"pwd\":\"" + BOB_PASSWORD + "\",\"ts\":12}");

        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode body = json(r);
        assertValidTokenFor(body.path("access_token").asText(), bob);
        assertThat(body.path("sub").asText()).isEqualTo(bob.id());
        assertThat(body.path("username").asText()).isEqualTo("bob");
        assertThat(body.path("firstName").asText()).isEqualTo("Bob");
        assertThat(r.body()).doesNotContain(BOB_PASSWORD);
    }

    @ParameterizedTest
    @ValueSource(strings = {"?_json=true", "?_output=json", "?_json=TRUE"})
    void jsonOutputHoldsTheProfileUnderTheConfiguredNames(String query) {
        HttpResponse<String> r = login(query, "Authorization", basic("bob", BOB_PASSWORD));

        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
        JsonNode body = json(r);
        assertThat(body.fieldNames()).toIterable()
                .containsExactly("authtoken", "sessionid", "login", "firstname", "lastname", "lang");
        VerifiedToken token = tokens.verify(body.path("authtoken").asText());
        assertThat(body.path("sessionid").asText()).isEqualTo(token.jti());
        assertThat(body.path("login").asText()).isEqualTo("bob");
        assertThat(body.path("firstname").asText()).isEqualTo("Bob");
        assertThat(body.path("lastname").asText()).isEqualTo("Marley");
        assertThat(body.path("lang").asText()).isEqualTo("ENU");
    }

    @Test
    void jsonOutputHasNullsForProfileValuesTheUserLacks() {
        JsonNode body = json(login("?_json=true", "Authorization", basic("alice", "wonderland")));

        assertThat(body.path("firstname").isNull()).isTrue();
        assertThat(body.path("login").asText()).isEqualTo("alice");
    }

    @ParameterizedTest
    @ValueSource(strings = {"?_oauth2=true", "?_output=oauth2"})
    void oauth2OutputIsATokenResponseAndLoopbackMayHaveIt(String query) {
        HttpResponse<String> r = login(query, "Authorization", basic("alice", "wonderland"));

        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode body = json(r);
        assertThat(body.path("token_type").asText()).isEqualTo("bearer");
        assertThat(body.path("expires_in").asLong()).isEqualTo(900);
        assertThat(body.has("scope")).isTrue();
        assertThat(body.get("scope").isNull()).isTrue();
        assertValidTokenFor(body.path("access_token").asText(), fixture.alice);
    }

    @Test
    void oauth2OutputNeedsHttpsOrLoopbackUnlessAllowed() {
        LoginEndpointConfig strict = simplicite();
        LoginEndpointConfig relaxed = LoginEndpointConfig.builder("login").allowOAuth2OverPlainHttp().build();

        assertThat(strict.oauth2Permitted(request(false, "203.0.113.7"))).isFalse();
        assertThat(strict.oauth2Permitted(request(false, "10.0.0.1"))).isFalse();
        assertThat(strict.oauth2Permitted(request(true, "203.0.113.7"))).isTrue();
        assertThat(strict.oauth2Permitted(request(false, "127.0.0.1"))).isTrue();
        assertThat(strict.oauth2Permitted(request(false, "0:0:0:0:0:0:0:1"))).isTrue();
        assertThat(relaxed.oauth2Permitted(request(false, "203.0.113.7"))).isTrue();
    }

    static HttpServletRequest request(boolean secure, String remoteAddress) {
        return (HttpServletRequest) Proxy.newProxyInstance(LoginEndpointTest.class.getClassLoader(),
                new Class<?>[] {HttpServletRequest.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "isSecure" -> secure;
                    case "getRemoteAddr" -> remoteAddress;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    @Test
    void wrongPasswordIs401WithAJsonErrorAndABasicChallengeWhenBasicWasUsed() {
        HttpResponse<String> r = login("", "Authorization", basic("alice", "not-her-password"));

        assertUnauthorized(r);
        assertThat(r.headers().firstValue("WWW-Authenticate")).contains("Basic realm=\"simplicite\", charset=\"UTF-8\"");
        assertThat(r.body()).doesNotContain("not-her-password");
    }

    @Test
    void wrongPasswordInAFormIs401WithoutABasicChallenge() {
        HttpResponse<String> r = server.postForm("/api/login", "username=alice&password=not-her-password");

        assertUnauthorized(r);
        assertThat(r.headers().firstValue("WWW-Authenticate")).isEmpty();
        assertThat(r.body()).doesNotContain("not-her-password");
    }

    @Test
    void unknownUserAndWrongPasswordLookTheSame() {
        HttpResponse<String> unknown = login("", "Authorization", basic("nobody", "x"));
        HttpResponse<String> wrong = login("", "Authorization", basic("alice", "x"));

        assertUnauthorized(unknown);
        assertThat(unknown.body()).isEqualTo(wrong.body());
    }

    @Test
    void wrongJsonCredentialsAre401() {
        HttpResponse<String> r = server.post("/json/login", "application/json", "{\"login\":\"bob\",\"pwd\":\"nope\"}");

        assertUnauthorized(r);
        assertThat(r.headers().firstValue("WWW-Authenticate")).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "?username=alice", "?password=wonderland", "?username=&password=", "?_json=true"})
    void missingCredentialsAre401WithABasicChallenge(String query) {
        HttpResponse<String> r = login(query);

        assertUnauthorized(r);
        assertThat(r.headers().firstValue("WWW-Authenticate")).contains("Basic realm=\"simplicite\", charset=\"UTF-8\"");
    }

    @Test
    void missingJsonCredentialsAre401() {
        assertUnauthorized(server.post("/json/login", "application/json", "{\"login\":\"bob\"}"));
    }

    @Test
    void lockoutIs429WithRetryAfterAndEndsWithTime() {
        TokenService throttled = fixture.service(clock)
                .throttle(LoginThrottle.builder().maxFailures(2).clock(clock).build()).build();
        try (TestServer s = TestServer.start(ctx -> ctx.addServlet("login",
                new LoginEndpoint(throttled, fixture.users, simplicite())).addMapping("/api/login"))) {
            assertUnauthorized(s.get("/api/login", "Authorization", basic("alice", "guess1")));
            assertUnauthorized(s.get("/api/login", "Authorization", basic("alice", "guess2")));

            HttpResponse<String> locked = s.get("/api/login", "Authorization", basic("alice", "wonderland"));
            assertThat(locked.statusCode()).as(locked.body()).isEqualTo(429);
            assertThat(locked.headers().firstValue("Retry-After")).contains("60");
            assertThat(locked.headers().firstValue("Cache-Control")).contains("no-store");
            assertThat(json(locked).path("error").asText()).isEqualTo("invalid_grant");

            clock.advance(Duration.ofSeconds(61));
            assertThat(s.get("/api/login", "Authorization", basic("alice", "wonderland")).statusCode()).isEqualTo(200);
        }
    }

    @Test
    void tooManyPasswordChecksForOnePrincipalAre429WithRetryAfterEvenWhenTheyAllSucceed() {
        TokenService capped = fixture.service(clock)
                .throttle(LoginThrottle.builder().maxChecksPerMinute(2, 100).clock(clock).build()).build();
        try (TestServer s = TestServer.start(ctx -> ctx.addServlet("login",
                new LoginEndpoint(capped, fixture.users, simplicite())).addMapping("/api/login"))) {
            assertThat(s.get("/api/login", "Authorization", basic("alice", "wonderland")).statusCode()).isEqualTo(200);
            clock.advance(Duration.ofSeconds(15));
            assertThat(s.get("/api/login", "Authorization", basic("alice", "wonderland")).statusCode()).isEqualTo(200);

            HttpResponse<String> limited = s.get("/api/login", "Authorization", basic("alice", "wonderland"));
            assertThat(limited.statusCode()).as(limited.body()).isEqualTo(429);
            assertThat(limited.headers().firstValue("Retry-After")).contains("45");
            assertThat(json(limited).path("error").asText()).isEqualTo("invalid_grant");
            assertThat(json(limited).path("error_description").asText()).contains("too many password checks");
            assertThat(s.get("/api/login", "Authorization", basic("bob", BOB_PASSWORD)).statusCode())
                    .as("another principal is not concerned").isEqualTo(200);

            clock.advance(Duration.ofSeconds(45));
            assertThat(s.get("/api/login", "Authorization", basic("alice", "wonderland")).statusCode()).isEqualTo(200);
        }
    }

    @Test
    void anAllowedRedirectGetsTheTokenInItsQuery() {
        HttpResponse<String> r = login("?redirect_uri=" + enc("http://app.example/cb"), "Authorization",
                basic("alice", "wonderland"));

        assertThat(r.statusCode()).as(r.body()).isEqualTo(302);
        URI location = URI.create(r.headers().firstValue("Location").orElseThrow());
        assertThat(location.getScheme() + "://" + location.getAuthority() + location.getPath()).isEqualTo("http://app.example/cb");
        assertThat(location.getRawQuery()).startsWith("access_token=");
        assertValidTokenFor(location.getRawQuery().substring("access_token=".length()), fixture.alice);
        assertThat(r.headers().firstValue("Cache-Control")).contains("no-store");
    }

    @Test
    void aRedirectUnderAnAllowedPrefixKeepsItsQuery() {
        HttpResponse<String> r = login("?redirect_uri=" + enc("https://app.example/pages/home?tab=1") + "&username=alice"
                + "&password=wonderland");

        assertThat(r.statusCode()).as(r.body()).isEqualTo(302);
        assertThat(r.headers().firstValue("Location").orElseThrow()).startsWith("https://app.example/pages/home?tab=1&access_token=");
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://evil.example/cb", "http://app.example/cb/more", "http://app.example/cb#x",
            "https://app.example/pages/../admin", "https://app.example/pages/%2e%2e/admin", "https://app.example.evil.test/pages/",
            "https://app.example/pagesX", "//evil.example/pages/", "javascript:alert(1)", "",
            "https://app.example/pages/x?access_token=planted"})
    void aRedirectNotOnTheAllowListIs400AndNeverARedirect(String target) {
        HttpResponse<String> r = login("?redirect_uri=" + enc(target), "Authorization", basic("alice", "wonderland"));

        assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
        assertThat(r.headers().firstValue("Location")).isEmpty();
        assertThat(json(r).path("error").asText()).isEqualTo("invalid_request");
    }

    @Test
    void credentialsSentTwoWaysAre400() {
        HttpResponse<String> r = login("?username=alice&password=wonderland", "Authorization", basic("alice", "wonderland"));

        assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
        assertThat(r.body()).doesNotContain("wonderland");
    }

    @Test
    void credentialsInTheQueryAreRefusedWhereTheQueryIsNotAChannel() {
        HttpResponse<String> r = server.post("/json/login?pwd=wonderland", "application/json", "{\"login\":\"alice\"}");

        assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
        assertThat(r.body()).doesNotContain("wonderland");
    }

    @Test
    void contradictoryOrUnknownOutputSwitchesAre400() {
        assertThat(login("?_json=true&_oauth2=true", "Authorization", basic("alice", "wonderland")).statusCode())
                .isEqualTo(400);
        HttpResponse<String> unknown = login("?_output=xml", "Authorization", basic("alice", "wonderland"));
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(json(unknown).path("error_description").asText()).contains("_output").contains("json").contains("oauth2");
    }

    /** What {@code curl --form "username=.." --form "password=.."} sends (003_ba1a5f992898e3b1.txt). */
    static String multipart(String boundary, String... fields) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < fields.length; i += 2) {
            b.append("--").append(boundary).append("\r\nContent-Disposition: form-data; name=\"").append(fields[i])
                    .append("\"\r\n\r\n").append(fields[i + 1]).append("\r\n");
        }
        return b.append("--").append(boundary).append("--\r\n").toString();
    }

    @Test
    void formLoginWhenMultipartLikeCurlFormThenLogsIn() {
        HttpResponse<String> r = server.post("/api/login", "multipart/form-data; boundary=------------------------x1y2",
                multipart("------------------------x1y2", "username", "bob", "password", BOB_PASSWORD));

        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertValidTokenFor(r.body(), bob);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            a file part             | Content-Disposition: form-data; name="password"; filename="p.txt" | file parts are not accepted
            a part without a name   | Content-Disposition: form-data                                    | has no Content-Disposition
            """)
    void formLoginWhenMultipartPartIsRefusedThenIs400(String name, String disposition, String message) {
        String body = "--b\r\nContent-Disposition: form-data; name=\"username\"\r\n\r\nbob\r\n--b\r\n" + disposition
                + "\r\n\r\nx\r\n--b--\r\n";
        HttpResponse<String> r = server.post("/api/login", "multipart/form-data; boundary=b", body);

        assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
        assertThat(json(r).path("error").asText()).isEqualTo("invalid_request");
        assertThat(json(r).path("error_description").asText()).contains(message);
    }

    @Test
    void formLoginWhenMultipartRepeatsANameOrHasTooManyPartsThenIs400() {
        HttpResponse<String> twice = server.post("/api/login", "multipart/form-data; boundary=b",
                multipart("b", "username", "bob", "username", "alice", "password", "x"));
        assertThat(twice.statusCode()).isEqualTo(400);
        assertThat(json(twice).path("error_description").asText()).contains("'username' is given more than once");

        String[] many = new String[2 * 33];
        for (int i = 0; i < 33; i++) {
            many[2 * i] = "f" + i;
            many[2 * i + 1] = "v";
        }
        HttpResponse<String> tooMany = server.post("/api/login", "multipart/form-data; boundary=b", multipart("b", many));
        assertThat(tooMany.statusCode()).isEqualTo(400);
        assertThat(json(tooMany).path("error_description").asText()).contains("more than 32 parts");

        HttpResponse<String> noBoundary = server.post("/api/login", "multipart/form-data", multipart("b", "username", "bob"));
        assertThat(noBoundary.statusCode()).isEqualTo(400);
        assertThat(json(noBoundary).path("error_description").asText()).contains("boundary");
    }

    @Test
    void wrongBodyTypeIs415AndWrongMethodIs405() {
        assertThat(server.post("/api/login", "application/json", "{\"username\":\"alice\"}").statusCode()).isEqualTo(415);
        assertThat(server.post("/json/login", "application/x-www-form-urlencoded", "login=alice&pwd=x").statusCode())
                .isEqualTo(415);

        HttpResponse<String> get = server.get("/json/login");
        assertThat(get.statusCode()).isEqualTo(405);
        assertThat(get.headers().firstValue("Allow")).contains("POST");
        assertThat(get.headers().firstValue("Cache-Control")).contains("no-store");
        assertThat(server.send(HttpRequest.newBuilder(server.uri("/api/login"))
                .method("TRACE", HttpRequest.BodyPublishers.noBody())
                .header("Authorization", basic("alice", "wonderland"))).statusCode()).isEqualTo(405);
    }

    @Test
    void oversizedBodyIs413() {
        assertThat(server.postForm("/api/login", "username=alice&password=" + "x".repeat(70_000)).statusCode())
                .isEqualTo(413);
    }

    @Test
    void aMissingFirstPartyClientIsAServerErrorThatNamesNothing() {
        try (TestServer s = TestServer.start(ctx -> ctx.addServlet("login", new LoginEndpoint(tokens, fixture.users,
                LoginEndpointConfig.builder("ghost").build())).addMapping("/l"))) {
            HttpResponse<String> r = s.postForm("/l", "username=alice&password=wonderland");

            assertThat(r.statusCode()).isEqualTo(500);
            assertThat(r.body()).contains("correlation id").doesNotContain("ghost");
            assertThat(r.headers().firstValue("Cache-Control")).contains("no-store");
        }
    }

    @Test
    void theBuilderChecksEverySettingAtOnce() {
        LoginEndpointConfig.Builder b = LoginEndpointConfig.builder("login").methods("GET");
        assertThatThrownBy(() -> b.methods("POST")).isInstanceOf(IllegalStateException.class).hasMessageContaining("methods");
        assertThatThrownBy(() -> LoginEndpointConfig.builder("login").methods("PUT"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> LoginEndpointConfig.builder(" ")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> LoginEndpointConfig.builder("login").allowRedirectPrefix("https://app.example"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("end with '/'");
        assertThatThrownBy(() -> LoginEndpointConfig.builder("login").allowRedirect("/relative"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> LoginEndpointConfig.builder("login").allowRedirect("https://a.example/cb#frag"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> LoginEndpointConfig.builder("login").outputSwitch("_json", "true", Output.JSON)
                .outputSwitch("_json", "TRUE", Output.OAUTH2)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> LoginEndpointConfig.builder("login").usernameField("u").passwordField("u").build())
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> LoginEndpointConfig.builder("login").methods("GET").build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("POST");
        assertThatThrownBy(() -> LoginEndpointConfig.builder("login").maxBodyBytes(0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> LoginEndpointConfig.builder("login").credentials())
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(LoginEndpointConfig.builder("login").methods("GET").credentials(Channel.BASIC).build()
                .accepts(Channel.BASIC)).isTrue();
    }
}
