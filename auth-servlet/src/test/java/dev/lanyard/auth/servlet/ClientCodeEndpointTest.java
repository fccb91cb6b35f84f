package dev.lanyard.auth.servlet;

import dev.lanyard.auth.TokenRequest;
import dev.lanyard.auth.TokenResponse;
import dev.lanyard.auth.TokenService;
import dev.lanyard.auth.guard.LoginThrottle;
import dev.lanyard.auth.testing.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Duration;

import static dev.lanyard.auth.servlet.EndpointsTest.assertError;
import static dev.lanyard.auth.servlet.EndpointsTest.json;
import static org.assertj.core.api.Assertions.assertThat;

/** The client-code endpoint over real HTTP, configured as the flask API's {@code POST /authorization/connect}. */
class ClientCodeEndpointTest {

    final MutableClock clock = MutableClock.at("2026-11-22T10:00:00Z");
    final Fixture fixture = new Fixture();
    final TokenService tokens = fixture.service(clock)
            .throttle(LoginThrottle.builder().maxAddressFailures(3).clock(clock).build()).build();
    final TestServer server = TestServer.start(ctx -> ctx.addServlet("connect", ClientCodeEndpoint.builder(tokens)
            .codeField("Authorization Code").realm("flask").build()).addMapping("/authorization/connect"));

    @AfterEach
    void stop() {
        server.close();
    }

    HttpResponse<String> connect(String form, String... headers) {
        return server.postForm("/authorization/connect", form, headers);
    }

    @Test
    void connectThen200WithASingleUseCodeUnderTheConfiguredName() {
        HttpResponse<String> r = connect("", "Authorization", TestServer.basic("web", Fixture.SECRET));

        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(r.headers().firstValue("Cache-Control")).contains("no-store");
        String code = json(r).path("Authorization Code").asText();
        assertThat(code).hasSize(43);
        TokenResponse t = tokens.grant(TokenRequest.authorizationCode("web", Fixture.SECRET, code, null, null).build());
        assertThat(tokens.verify(t.accessToken()).subject()).isEqualTo("web");
    }

    @Test
    void connectWithAScopeNarrowsTheCodeAndAScopeOutsideTheClientsIsInvalidScope() {
        String code = json(connect("scope=profile", "Authorization", TestServer.basic("web", Fixture.SECRET)))
                .path("Authorization Code").asText();

        assertThat(tokens.redeemClientCode(TokenRequest.builder(TokenRequest.AUTHORIZATION_CODE).code(code).build())
                .scopes()).containsExactly("profile");
        assertError(connect("scope=admin", "Authorization", TestServer.basic("web", Fixture.SECRET)), 400, "invalid_scope");
    }

    @Test
    void connectWithoutCredentialsThen401WithABasicChallenge() {
        HttpResponse<String> r = connect("");

        assertError(r, 401, "invalid_client");
        assertThat(r.headers().firstValue("WWW-Authenticate")).contains("Basic realm=\"flask\"");
        assertError(connect("", "Authorization", "Bearer abc"), 401, "invalid_client");
    }

    @Test
    void connectWhenTheSecretIsWrongThen401WithoutEchoingIt() {
        HttpResponse<String> r = connect("", "Authorization", TestServer.basic("web", "not-the-secret"));

        assertError(r, 401, "invalid_client");
        assertThat(r.headers().firstValue("WWW-Authenticate")).contains("Basic realm=\"flask\"");
        assertThat(r.body()).doesNotContain("not-the-secret");
        assertError(connect("", "Authorization", TestServer.basic("ghost", Fixture.SECRET)), 401, "invalid_client");
    }

    @Test
    void connectWhenAPublicClientNamesItselfThen401() {
        assertError(connect("", "Authorization", TestServer.basic("spa", "")), 401, "invalid_client");
    }

    @Test
    void connectWhenTheClientMayNotUseTheCodeGrantThen400UnauthorizedClient() {
        assertError(connect("", "Authorization", TestServer.basic("machine", Fixture.SECRET)), 400, "unauthorized_client");
    }

    @Test
    void connectWhenTheAddressKeepsFailingThen429WithRetryAfterEvenForTheRightSecret() {
        for (int i = 0; i < 3; i++) {
            connect("", "Authorization", TestServer.basic("web", "wrong-" + i));
        }

        HttpResponse<String> r = connect("", "Authorization", TestServer.basic("web", Fixture.SECRET));
        assertError(r, 429, "invalid_client");
        assertThat(r.headers().firstValue("Retry-After")).isPresent();
        clock.advance(Duration.ofMinutes(2));
        assertThat(connect("", "Authorization", TestServer.basic("web", Fixture.SECRET)).statusCode()).isEqualTo(200);
    }

    @Test
    void connectWhenTheRequestIsMalformedThen4xxWithAJsonError() {
        String basic = TestServer.basic("web", Fixture.SECRET);
        assertError(server.post("/authorization/connect", "application/json", "{}", "Authorization", basic), 415,
                "invalid_request");
        assertError(connect("scope=a&scope=b", "Authorization", basic), 400, "invalid_request");
        assertError(connect("pad=" + "x".repeat(9000), "Authorization", basic), 413, "invalid_request");
        assertError(connect("", "Authorization", "Basic %%%"), 400, "invalid_request");
        HttpResponse<String> get = server.get("/authorization/connect", "Authorization", basic);
        assertError(get, 405, "invalid_request");
        assertThat(get.headers().firstValue("Allow")).contains("POST");
    }
}
