package dev.lanyard.auth.servlet;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lanyard.auth.TokenRequest;
import dev.lanyard.auth.TokenResponse;
import dev.lanyard.auth.TokenService;
import dev.lanyard.auth.admin.ClientAdmin;
import dev.lanyard.auth.admin.Sessions;
import dev.lanyard.auth.admin.UserAdmin;
import dev.lanyard.auth.event.AuthEvents;
import dev.lanyard.auth.reference.InMemoryReferenceTokenStore;
import dev.lanyard.auth.refresh.InMemoryRefreshTokenStore;
import dev.lanyard.auth.testing.MutableClock;
import dev.lanyard.auth.token.InMemoryRevocationList;
import dev.lanyard.auth.user.User;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Set;

import static dev.lanyard.auth.servlet.AdminEndpointTest.assertError;
import static dev.lanyard.auth.servlet.AdminEndpointTest.enc;
import static dev.lanyard.auth.servlet.EndpointsTest.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The admin operations that end sessions, over real HTTP: set a password, disable, enable and delete a
 * user, delete a client; what they revoke is refused at once by the real token and resource endpoints.
 */
class AdminLifecycleTest {

    final MutableClock clock = MutableClock.at("2026-11-22T10:00:00Z");
    final Fixture fixture = new Fixture();
    final InMemoryRefreshTokenStore refreshTokens = new InMemoryRefreshTokenStore();
    final InMemoryReferenceTokenStore referenceTokens = new InMemoryReferenceTokenStore();
    final InMemoryRevocationList revocations = new InMemoryRevocationList(clock);
    final TokenService tokens;
    final UserAdmin userAdmin = new UserAdmin(fixture.users, Fixture.HASHER, AuthEvents.none(), clock);
    final ClientAdmin clientAdmin = new ClientAdmin(fixture.clients, Fixture.HASHER, AuthEvents.none(), clock);
    final Sessions sessions = new Sessions(refreshTokens, referenceTokens, revocations, AuthEvents.none(), clock);
    final AdminEndpointConfig config = AdminEndpointConfig.builder()
            .setPassword("/admin/user/{userId}/password")
            .disableUser("/admin/user/{userId}/disable")
            .enableUser("/admin/user/{userId}/enable")
            .deleteUser("/admin/user/{userId}")
            .deleteClient("/admin/client/{clientId}")
            .globalAdminRole("global-admin")
            .build();
    final User dora;
    final TestServer server;

    AdminLifecycleTest() {
        dora = User.builder("dora").passwordHash(Fixture.HASHER.hash("explorer".toCharArray()))
                .roles(Set.of("user")).appId("my_app").build();
        fixture.users.create(dora);
        fixture.users.create(User.builder("carl").passwordHash(Fixture.HASHER.hash("my-app-admin".toCharArray()))
                .roles(Set.of("admin")).appId("my_app").build());
        fixture.users.create(User.builder("olga").passwordHash(Fixture.HASHER.hash("other-app".toCharArray()))
                .roles(Set.of("user")).appId("other_app").build());
        tokens = fixture.service(clock).refreshTokens(refreshTokens).revocations(revocations).build();
        server = TestServer.start(ctx -> {
            ctx.addServlet("admin", new AdminEndpoint(tokens, userAdmin, clientAdmin, sessions, config))
                    .addMapping(config.urlPatterns());
            ctx.addServlet("token", new TokenEndpoint(tokens, TokenEndpointConfig.standard())).addMapping("/oauth2/token");
            ctx.addServlet("whoami", new WhoamiEndpoint()).addMapping("/api/whoami");
            ctx.addFilter("bearer", new BearerTokenFilter(BearerFilterConfig.builder(tokens::verify).build()))
                    .addMappingForUrlPatterns(null, false, "/api/whoami");
        });
    }

    @AfterEach
    void stop() {
        server.close();
    }

    TokenResponse login(String username, String password) {
        return tokens.grant(TokenRequest.password("web", Fixture.SECRET, username, password.toCharArray()).build());
    }

    String admin() {
        return "Bearer " + login("alice", "wonderland").accessToken();
    }

    HttpResponse<String> post(String path, String body, String bearer) {
        return server.post(path, "application/json", body, "Authorization", bearer);
    }

    HttpResponse<String> delete(String path, String bearer) {
        return server.send(HttpRequest.newBuilder(server.uri(path)).DELETE().header("Authorization", bearer));
    }

    int passwordLogin(String username, String password) {
        return server.postForm("/oauth2/token", "grant_type=password&username=" + enc(username) + "&password="
                + enc(password), "Authorization", TestServer.basic("web", Fixture.SECRET)).statusCode();
    }

    int refresh(String refreshToken) {
        return server.postForm("/oauth2/token", "grant_type=refresh_token&refresh_token=" + enc(refreshToken),
                "Authorization", TestServer.basic("web", Fixture.SECRET)).statusCode();
    }

    int whoami(String accessToken) {
        return server.get("/api/whoami", "Authorization", "Bearer " + accessToken).statusCode();
    }

    @Test
    void disableRefusesHerRefreshAndAccessTokensAtOnceAndHerLoginThenEnableLetsHerLogInAgain() {
        TokenResponse session = login("dora", "explorer");
        assertThat(whoami(session.accessToken())).isEqualTo(200);

        HttpResponse<String> r = post("/admin/user/" + dora.id() + "/disable", "", admin());

        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode body = json(r);
        assertThat(body.path("username").asText()).isEqualTo("dora");
        assertThat(body.path("enabled").asBoolean(true)).isFalse();
        assertThat(body.path("revoked").path("accessTokens").asInt()).isEqualTo(1);
        assertThat(whoami(session.accessToken())).isEqualTo(401);
        assertThat(refresh(session.refreshToken())).isNotEqualTo(200);
        assertThat(passwordLogin("dora", "explorer")).isEqualTo(400);

        HttpResponse<String> enabled = post("/admin/user/" + dora.id() + "/enable", "", admin());

        assertThat(enabled.statusCode()).as(enabled.body()).isEqualTo(200);
        assertThat(json(enabled).path("enabled").asBoolean()).isTrue();
        assertThat(json(enabled).has("revoked")).isFalse();
        assertThat(passwordLogin("dora", "explorer")).isEqualTo(200);
        assertThat(refresh(session.refreshToken())).as("sessions ended by the disable stay ended").isNotEqualTo(200);
    }

    @Test
    void setPasswordMakesTheOldOneFailTheNewOneWorkAndEndsHerSessions() {
        TokenResponse session = login("dora", "explorer");

        HttpResponse<String> r = post("/admin/user/" + dora.id() + "/password",
                "{\"password\":\"a-brand-new-password\"}", admin());

        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(r.body()).doesNotContain("a-brand-new-password").doesNotContain("$argon2");
        assertThat(json(r).path("revoked").path("accessTokens").asInt()).isEqualTo(1);
        assertThat(passwordLogin("dora", "explorer")).isEqualTo(400);
        assertThat(passwordLogin("dora", "a-brand-new-password")).isEqualTo(200);
        assertThat(whoami(session.accessToken())).isEqualTo(401);
        assertThat(refresh(session.refreshToken())).isNotEqualTo(200);
    }

    @Test
    void setPasswordRefusesABadBodyWithoutEchoingThePassword() {
        String path = "/admin/user/" + dora.id() + "/password";

        assertError(post(path, "{}", admin()), 400, "invalid_request");
        assertError(post(path, "{\"password\":\"x\",\"extra\":1}", admin()), 400, "invalid_request");
        assertError(post(path, "{\"password\":", admin()), 400, "invalid_request");
        assertError(post(path, "{\"password\":\"x\",\"userId\":\"someone-else\"}", admin()), 400, "invalid_request");
        HttpResponse<String> weak = post(path, "{\"password\":\"short-7\"}", admin());
        assertError(weak, 400, "invalid_request");
        assertThat(weak.body()).doesNotContain("short-7");
        assertError(server.post(path, "text/plain", "password", "Authorization", admin()), 415, "invalid_request");
        assertThat(passwordLogin("dora", "explorer")).as("nothing changed").isEqualTo(200);
    }

    @Test
    void deleteUserEndsHerSessionsAndAnUnknownIdIs404() {
        TokenResponse session = login("dora", "explorer");

        HttpResponse<String> r = delete("/admin/user/" + dora.id(), admin());

        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(json(r).path("deleted").asBoolean()).isTrue();
        assertThat(json(r).path("revoked").path("accessTokens").asInt()).isEqualTo(1);
        assertThat(fixture.users.findById(dora.id())).isEmpty();
        assertThat(whoami(session.accessToken())).isEqualTo(401);
        assertThat(refresh(session.refreshToken())).isNotEqualTo(200);
        assertThat(passwordLogin("dora", "explorer")).isEqualTo(400);

        assertError(delete("/admin/user/" + dora.id(), admin()), 404, "invalid_request");
        assertError(delete("/admin/user/no-such-user", admin()), 404, "invalid_request");
        assertError(post("/admin/user/no-such-user/disable", "", admin()), 404, "invalid_request");
        assertError(post("/admin/user/no-such-user/password", "{\"password\":\"a-brand-new-password\"}", admin()),
                404, "invalid_request");
        assertError(delete("/admin/client/no-such-client", admin()), 404, "invalid_request");
    }

    @Test
    void deleteClientEndsItsRefreshFamiliesAndItsAccessTokens() {
        TokenResponse session = login("dora", "explorer");

        HttpResponse<String> r = delete("/admin/client/web", admin());

        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(json(r).path("clientId").asText()).isEqualTo("web");
        assertThat(json(r).path("revoked").path("accessTokens").asInt()).isEqualTo(2); // dora's and alice's
        assertThat(fixture.clients.findById("web")).isEmpty();
        assertThat(whoami(session.accessToken())).isEqualTo(401);
        assertThat(refresh(session.refreshToken())).isNotEqualTo(200);
    }

    @Test
    void anAppsAdminCannotActOnAnotherAppsUserNorAGlobalAdmin() {
        String carl = "Bearer " + login("carl", "my-app-admin").accessToken();
        User olga = fixture.users.findByUsername("olga").orElseThrow();
        User gina = User.builder("gina").passwordHash(Fixture.HASHER.hash("global".toCharArray()))
                .roles(Set.of("admin", "global-admin")).appId("my_app").build();
        fixture.users.create(gina);
        TokenResponse olgaSession = login("olga", "other-app");

        assertError(post("/admin/user/" + olga.id() + "/disable", "", carl), 404, "invalid_request");
        assertError(delete("/admin/user/" + olga.id(), carl), 404, "invalid_request");
        assertError(post("/admin/user/" + olga.id() + "/password", "{\"password\":\"a-brand-new-password\"}", carl),
                404, "invalid_request");
        assertError(post("/admin/user/" + gina.id() + "/disable", "", carl), 403, "insufficient_scope");
        assertThat(fixture.users.findById(olga.id()).orElseThrow().enabled()).isTrue();
        assertThat(whoami(olgaSession.accessToken())).isEqualTo(200);
        assertThat(fixture.users.findById(gina.id()).orElseThrow().enabled()).isTrue();

        HttpResponse<String> own = post("/admin/user/" + dora.id() + "/disable", "", carl);
        assertThat(own.statusCode()).as(own.body()).isEqualTo(200);
    }

    @Test
    void aNonAdminIs403AndTheWrongMethodIs405() {
        String dorasToken = "Bearer " + login("dora", "explorer").accessToken();

        assertError(delete("/admin/client/web", dorasToken), 403, "insufficient_scope");
        assertThat(fixture.clients.findById("web")).isPresent();
        HttpResponse<String> wrong = post("/admin/user/" + dora.id(), "", admin());
        assertThat(wrong.statusCode()).isEqualTo(405);
        assertThat(wrong.headers().firstValue("Allow")).contains("DELETE");
    }

    @Test
    void operationsThatEndSessionsNeedSessions() {
        assertThatThrownBy(() -> new AdminEndpoint(tokens, userAdmin, clientAdmin, config))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Sessions");
        assertThatThrownBy(() -> AdminEndpointConfig.builder().deleteUser("/u/{userId}").deleteUser("/v/{userId}"))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> AdminEndpointConfig.builder().deleteClient("/c/{userId}"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
