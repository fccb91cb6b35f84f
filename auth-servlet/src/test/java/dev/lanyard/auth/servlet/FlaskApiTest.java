package dev.lanyard.auth.servlet;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lanyard.auth.AuthorizationRequest;
import dev.lanyard.auth.TokenService;
import dev.lanyard.auth.admin.ClientAdmin;
import dev.lanyard.auth.event.AuthEvents;
import dev.lanyard.auth.testing.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Set;

import static dev.lanyard.auth.servlet.EndpointsTest.assertError;
import static dev.lanyard.auth.servlet.EndpointsTest.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The flask API (004_03cf36993cbd6d4d.txt) reproduced by configuration alone: register a client, trade
 * its credentials for a code, the code for tokens (GET with a form body), refresh, ask who it is.
 */
class FlaskApiTest {

    static final String PASSWORD = "clientpassword";

    final MutableClock clock = MutableClock.at("2026-11-22T10:00:00Z");
    final Fixture fixture = new Fixture();
    final TokenService tokens = fixture.service(clock).accessTokenLifetime(Duration.ofHours(1)).build();
    final ClientAdmin admin = new ClientAdmin(fixture.clients, Fixture.HASHER, AuthEvents.none(), clock);
    final TestServer server = TestServer.start(ctx -> LanyardEndpoints.builder(tokens)
            .clientRegistration("/client/create", ClientRegistrationEndpoint.openRegistration(admin)
                    .idField("client_user").secretField("client_password")
                    .grants(Set.of("authorization_code", "refresh_token")).build())
            .clientCode("/authorization/connect", ClientCodeEndpoint.builder(tokens).codeField("Authorization Code").build())
            .tokenEndpoint("/authorization/token", flaskTokens().allowGet().grantType("authorization_code")
                    .codeIdentifiesClient().build())
            .tokenEndpoint("/token/refresh", flaskTokens().grantType("refresh_token").build())
            .whoami("/api/users", WhoamiEndpoint.builder().field("username", WhoamiEndpoint.Value.NAME).build())
            .build().register(ctx));

    static TokenEndpointConfig.Builder flaskTokens() {
        return TokenEndpointConfig.builder().responseField("token_type", "type").tokenTypeValue("bearer");
    }

    @AfterEach
    void stop() {
        server.close();
    }

    String registerAndConnect() {
        assertThat(server.postForm("/client/create", "client_user=app1&client_password=" + PASSWORD).statusCode())
                .isEqualTo(201);
        HttpResponse<String> connect = server.postForm("/authorization/connect", "",
                "Authorization", TestServer.basic("app1", PASSWORD));
        assertThat(connect.statusCode()).as(connect.body()).isEqualTo(200);
        return json(connect).path("Authorization Code").asText();
    }

    HttpResponse<String> getWithForm(String path, String form) {
        return server.send(HttpRequest.newBuilder(server.uri(path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .method("GET", HttpRequest.BodyPublishers.ofString(form)));
    }

    @Test
    void registerConnectExchangeRefreshAndUsersWorkEndToEndWithoutEchoingASecret() {
        String code = registerAndConnect();

        HttpResponse<String> exchange = getWithForm("/authorization/token", "grant=grant&code=" + code);
        assertThat(exchange.statusCode()).as(exchange.body()).isEqualTo(200);
        assertThat(exchange.headers().firstValue("Cache-Control")).contains("no-store");
        JsonNode pair = json(exchange);
        assertThat(pair.path("type").asText()).isEqualTo("bearer");
        assertThat(pair.path("expires_in").asLong()).isEqualTo(3600);
        assertThat(pair.path("refresh_token").asText()).isNotEmpty();
        String access = pair.path("access_token").asText();

        HttpResponse<String> users = server.get("/api/users", "Authorization", "Bearer " + access);
        assertThat(users.statusCode()).isEqualTo(200);
        assertThat(users.body()).isEqualTo("{\"username\":\"app1\"}");
        assertThat(json(server.get("/api/whoami", "Authorization", "Bearer " + access)).path("sub").asText())
                .isEqualTo("app1");

        String refresh = pair.path("refresh_token").asText();
        HttpResponse<String> next = server.postForm("/token/refresh", "grant=grant&refresh_token=" + refresh,
                "Authorization", TestServer.basic("app1", PASSWORD));
        assertThat(next.statusCode()).as(next.body()).isEqualTo(200);
        assertThat(json(next).path("type").asText()).isEqualTo("bearer");
        assertThat(json(next).path("refresh_token").asText()).isNotEqualTo(refresh);
        clock.advance(Duration.ofSeconds(6)); // past the default grace window of 5 s: a replay is reuse
        assertError(server.postForm("/token/refresh", "grant=grant&refresh_token=" + refresh,
                "Authorization", TestServer.basic("app1", PASSWORD)), 400, "invalid_grant");

        for (HttpResponse<String> r : java.util.List.of(exchange, users, next)) {
            assertThat(r.body()).doesNotContain(PASSWORD);
        }
    }

    @Test
    void exchangeWithPostWorksToo() {
        HttpResponse<String> r = server.postForm("/authorization/token", "grant=grant&code=" + registerAndConnect());

        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    }

    @Test
    void exchangeWhenTheCodeIsUsedTwiceThen400AndWhatTheFirstUseIssuedIsRevoked() {
        String code = registerAndConnect();
        JsonNode first = json(getWithForm("/authorization/token", "grant=grant&code=" + code));

        assertError(getWithForm("/authorization/token", "grant=grant&code=" + code), 400, "invalid_grant");

        assertThat(server.get("/api/users", "Authorization", "Bearer " + first.path("access_token").asText())
                .statusCode()).isEqualTo(401);
        assertError(server.postForm("/token/refresh", "refresh_token=" + first.path("refresh_token").asText(),
                "Authorization", TestServer.basic("app1", PASSWORD)), 400, "invalid_grant");
    }

    @Test
    void exchangeWhenTheCodeIsUnknownMissingOrExpiredThen400() {
        assertError(getWithForm("/authorization/token", "grant=grant&code=nope"), 400, "invalid_grant");
        assertError(getWithForm("/authorization/token", "grant=grant"), 400, "invalid_request");
        String code = registerAndConnect();
        clock.advance(Duration.ofMinutes(1));
        assertError(getWithForm("/authorization/token", "code=" + code), 400, "invalid_grant");
    }

    @Test
    void exchangeWhenABrowserFlowCodeComesWithoutClientAuthThen401InvalidClient() {
        String code = tokens.issueAuthorizationCode(new AuthorizationRequest("code", "web", "http://127.0.0.1/cb", null,
                null, null, null), fixture.alice, clock.instant());

        assertError(getWithForm("/authorization/token", "code=" + code + "&redirect_uri=http%3A%2F%2F127.0.0.1%2Fcb"),
                401, "invalid_client");
    }

    @Test
    void exchangeWithClientAuthStillWorksForBrowserFlowCodesWithTheirRedirectUri() {
        String code = tokens.issueAuthorizationCode(new AuthorizationRequest("code", "web", "http://127.0.0.1/cb", null,
                null, null, null), fixture.alice, clock.instant());

        HttpResponse<String> r = server.postForm("/authorization/token", "code=" + code
                + "&redirect_uri=http%3A%2F%2F127.0.0.1%2Fcb", "Authorization", TestServer.basic("web", Fixture.SECRET));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    }

    @Test
    void connectWhenTheRegisteredPasswordIsWrongThen401() {
        registerAndConnect();

        assertError(server.postForm("/authorization/connect", "", "Authorization", TestServer.basic("app1", "wrong-pass")),
                401, "invalid_client");
    }

    @Test
    void buildWhenCodeIdentifiesClientWithQueryParametersThenRefusedNamingBoth() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> TokenEndpointConfig.builder().codeIdentifiesClient()
                .grantType("authorization_code").queryParameters().build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("codeIdentifiesClient()").hasMessageContaining("queryParameters()");
    }

    @Test
    void buildWhenCodeIdentifiesClientWithoutTheFixedCodeGrantThenRefused() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> TokenEndpointConfig.builder().codeIdentifiesClient()
                .build()).isInstanceOf(IllegalStateException.class).hasMessageContaining("authorization_code");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> TokenEndpointConfig.builder().codeIdentifiesClient()
                .grantType("authorization_code").firstPartyClient("web").build())
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void registerLanyardEndpointsWhenProtectCoversAnOpenFlaskPathThenRefused() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> LanyardEndpoints.builder(tokens).protect("/client/*")
                .clientRegistration("/client/create", ClientRegistrationEndpoint.openRegistration(admin).build()).build())
                .isInstanceOf(IllegalStateException.class);
    }
}
