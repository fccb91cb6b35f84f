package dev.lanyard.auth.examples;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static dev.lanyard.auth.examples.RunningDemo.bearer;
import static dev.lanyard.auth.examples.RunningDemo.error;
import static dev.lanyard.auth.examples.RunningDemo.ok;
import static org.assertj.core.api.Assertions.assertThat;

/** The sermas profile replays 000_196c8f3de57c5373.txt and the contract in seeds/NOTES.md. */
class SermasProfileTest {

    @TempDir
    Path data;
    RunningDemo demo;

    @BeforeEach
    void start() {
        demo = RunningDemo.start(data, "--profile", "sermas");
    }

    @AfterEach
    void stop() {
        demo.close();
    }

    JsonNode clientToken() {
        HttpResponse<String> r = demo.postJson("/api/platform/token/access_token",
                Map.of("appId", "my_app", "clientId", "my-app-client", "clientSecret", "secret-password"));
        RunningDemo.assertNoStore(r);
        return ok(r, 200);
    }

    JsonNode login(String username, String password) {
        return ok(demo.postJson("/api/auth/login", Map.of("appId", "my_app", "ts", "2026-11-28T10:00:00Z",
                "username", username, "password", password)), 200);
    }

    @Test
    void clientFlowOfTheDocumentGetsAKeycloakShapedTokenAndCallsWhoami() {
        JsonNode token = clientToken();

        assertThat(token.fieldNames()).toIterable()
                .contains("access_token", "expires_in", "refresh_expires_in", "refresh_token", "token_type", "scope");
        assertThat(token.get("scope").asText().split(" ")).contains("dialogue", "platform");
        JsonNode me = ok(demo.get("/api/auth/whoami", "Authorization", bearer(token.get("access_token").asText())), 200);
        assertThat(me.get("sub").asText()).isEqualTo("my-app-client");
        assertThat(me.get("clientId").asText()).isEqualTo("my-app-client");
        assertThat(me.get("appId").asText()).isEqualTo("my_app");
    }

    @Test
    void clientRefreshRotatesAndTheOldRefreshTokenIsDead() {
        String first = clientToken().get("refresh_token").asText();
        Map<String, String> body = Map.of("appId", "my_app", "clientId", "my-app-client",
                "clientSecret", "secret-password", "refreshToken", first);

        JsonNode second = ok(demo.postJson("/api/platform/token/refresh_token", body), 200);
        assertThat(second.get("refresh_token").asText()).isNotEqualTo(first);

        demo.clock.advance(java.time.Duration.ofSeconds(6)); // past the default grace window of 5 s: a replay is reuse
        HttpResponse<String> replay = demo.postJson("/api/platform/token/refresh_token", body);
        assertThat(replay.statusCode()).isIn(400, 401);
        assertThat(RunningDemo.json(replay).get("error").asText()).isEqualTo("invalid_grant");
        // the replay revoked the whole family, the successor included
        assertThat(demo.postJson("/api/platform/token/refresh_token", Map.of("clientId", "my-app-client",
                "clientSecret", "secret-password", "refreshToken", second.get("refresh_token").asText()))
                .statusCode()).isIn(400, 401);
    }

    @Test
    void wrongClientSecretIs401AndMalformedBodiesAre400() {
        error(demo.postJson("/api/platform/token/access_token",
                Map.of("appId", "my_app", "clientId", "my-app-client", "clientSecret", "nope")), 401, "invalid_client");
        error(demo.post("/api/platform/token/access_token", "application/json", "{\"clientId\":"), 400, "invalid_request");
        error(demo.post("/api/platform/token/access_token", "application/json", "[1,2]"), 400, "invalid_request");
        error(demo.post("/api/auth/login", "text/plain", "username=alice"), 415, "invalid_request");
    }

    @Test
    void userLoginRefreshAndWhoami() {
        JsonNode login = login("alice", "wonderland");
        assertThat(login.fieldNames()).toIterable()
                .contains("access_token", "expires_in", "refresh_expires_in", "refresh_token", "token_type", "scope");
        JsonNode me = ok(demo.get("/api/auth/whoami", "Authorization", bearer(login.get("access_token").asText())), 200);
        assertThat(me.get("username").asText()).isEqualTo("alice");
        assertThat(me.get("appId").asText()).isEqualTo("my_app");

        JsonNode refreshed = ok(demo.postJson("/api/auth/refresh",
                Map.of("appId", "my_app", "refreshToken", login.get("refresh_token").asText())), 200);
        assertThat(refreshed.get("access_token").asText()).isNotEqualTo(login.get("access_token").asText());
        demo.clock.advance(java.time.Duration.ofSeconds(6)); // past the default grace window of 5 s: a replay is reuse
        assertThat(demo.postJson("/api/auth/refresh", Map.of("appId", "my_app",
                "refreshToken", login.get("refresh_token").asText())).statusCode()).isIn(400, 401);
    }

    @Test
    void wrongPasswordIs401() {
        error(demo.postJson("/api/auth/login", Map.of("appId", "my_app", "ts", "x", "username", "alice",
                "password", "wrong")), 401, "invalid_grant");
        error(demo.postJson("/api/auth/login", Map.of("appId", "my_app", "ts", "x", "username", "nobody",
                "password", "wrong")), 401, "invalid_grant");
    }

    @Test
    void aClientTokenCannotRefreshAtTheUserEndpoint() {
        String clientRefresh = clientToken().get("refresh_token").asText();
        assertThat(demo.postJson("/api/auth/refresh", Map.of("appId", "my_app", "refreshToken", clientRefresh))
                .statusCode()).isIn(400, 401);
    }

    @Test
    void expiredAccessTokenIs401() {
        String access = login("alice", "wonderland").get("access_token").asText();
        demo.clock.advance(Duration.ofMinutes(16));
        HttpResponse<String> r = demo.get("/api/auth/whoami", "Authorization", bearer(access));
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(r.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v ->
                assertThat(v).contains("invalid_token"));
    }

    @Test
    void adminCreatesAnAppClientThatGetsATokenAtOnce() {
        String admin = login("root", "root-password").get("access_token").asText();

        JsonNode created = ok(demo.postJson("/api/platform/app/my_app/client",
                Map.of("name", "robot", "permissions", List.of("*.*")), "Authorization", bearer(admin)), 201);
        String clientId = created.get("clientId").asText();
        String secret = created.get("secret").asText();
        assertThat(secret).hasSizeGreaterThanOrEqualTo(43);

        JsonNode token = ok(demo.postJson("/api/platform/token/access_token",
                Map.of("appId", "my_app", "clientId", clientId, "clientSecret", secret)), 200);
        JsonNode me = ok(demo.get("/api/auth/whoami", "Authorization", bearer(token.get("access_token").asText())), 200);
        assertThat(me.get("clientId").asText()).isEqualTo(clientId);
        assertThat(me.get("appId").asText()).isEqualTo("my_app");
    }

    @Test
    void adminCreatesAndImportsUsersWhoLogInAtOnce() {
        String admin = login("root", "root-password").get("access_token").asText();

        ok(demo.postJson("/api/auth/admin/user", Map.of("username", "bob", "password", "builder-pw",
                "email", "bob@example.com", "firstName", "Bob", "lastName", "Builder"), "Authorization", bearer(admin)), 201);
        JsonNode imported = ok(demo.postJson("/api/auth/admin/import", List.of(
                Map.of("username", "carol", "password", "carol-pw"),
                Map.of("username", "dave", "password", "dave-pw-1")), "Authorization", bearer(admin)), 200);
        assertThat(imported.toString()).contains("2");

        assertThat(login("bob", "builder-pw").get("access_token").asText()).isNotEmpty();
        assertThat(login("dave", "dave-pw-1").get("access_token").asText()).isNotEmpty();
    }

    @Test
    void anAdminOfOneAppActsOnlyWithinIt() {
        String root = login("root", "root-password").get("access_token").asText();
        ok(demo.postJson("/api/auth/admin/user", Map.of("username", "appadmin", "password", "app-admin-pw",
                "roles", List.of("admin"), "appId", "my_app"), "Authorization", bearer(root)), 201);
        String appAdmin = login("appadmin", "app-admin-pw").get("access_token").asText();

        error(demo.postJson("/api/platform/app/other_app/client", Map.of("permissions", List.of("*.*")),
                "Authorization", bearer(appAdmin)), 403, "insufficient_scope");
        error(demo.postJson("/api/auth/admin/user", Map.of("username", "other-admin", "password", "other-admin-pw",
                "roles", List.of("admin"), "appId", "other_app"), "Authorization", bearer(appAdmin)), 403,
                "insufficient_scope");
        JsonNode own = ok(demo.postJson("/api/platform/app/my_app/client", Map.of("permissions", List.of("*.*")),
                "Authorization", bearer(appAdmin)), 201);
        assertThat(own.get("appId").asText()).isEqualTo("my_app");
    }

    @Test
    void aUserWithoutTheAdminRoleCannotCallTheAdminEndpoints() {
        String alice = login("alice", "wonderland").get("access_token").asText();
        HttpResponse<String> r = demo.postJson("/api/auth/admin/user", Map.of("username", "eve", "password", "x-pw"),
                "Authorization", bearer(alice));
        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(demo.postJson("/api/auth/admin/user", Map.of("username", "eve", "password", "x-pw")).statusCode())
                .isEqualTo(401);
        error(demo.postJson("/api/auth/login", Map.of("appId", "my_app", "ts", "x", "username", "eve",
                "password", "x-pw")), 401, "invalid_grant");
    }

    @Test
    void adminDisablesAUserWhoseTokensDieAtOnceAndSetsAPassword() {
        String root = login("root", "root-password").get("access_token").asText();
        JsonNode session = login("alice", "wonderland");
        String aliceId = ok(demo.get("/api/auth/whoami", "Authorization",
                bearer(session.get("access_token").asText())), 200).get("sub").asText();

        JsonNode disabled = ok(demo.postJson("/api/auth/admin/user/" + aliceId + "/disable", Map.of(),
                "Authorization", bearer(root)), 200);

        assertThat(disabled.get("enabled").asBoolean(true)).isFalse();
        assertThat(disabled.get("revoked").get("accessTokens").asInt()).isEqualTo(1);
        assertThat(demo.get("/api/auth/whoami", "Authorization", bearer(session.get("access_token").asText()))
                .statusCode()).isEqualTo(401);
        assertThat(demo.postJson("/api/auth/refresh", Map.of("appId", "my_app",
                "refreshToken", session.get("refresh_token").asText())).statusCode()).isIn(400, 401);
        error(demo.postJson("/api/auth/login", Map.of("appId", "my_app", "ts", "x", "username", "alice",
                "password", "wonderland")), 401, "invalid_grant");

        ok(demo.postJson("/api/auth/admin/user/" + aliceId + "/enable", Map.of(), "Authorization", bearer(root)), 200);
        HttpResponse<String> set = demo.postJson("/api/auth/admin/user/" + aliceId + "/password",
                Map.of("password", "looking-glass"), "Authorization", bearer(root));
        ok(set, 200);
        assertThat(set.body()).doesNotContain("looking-glass");
        error(demo.postJson("/api/auth/login", Map.of("appId", "my_app", "ts", "x", "username", "alice",
                "password", "wonderland")), 401, "invalid_grant");
        assertThat(login("alice", "looking-glass").get("access_token").asText()).isNotEmpty();
        error(demo.postJson("/api/auth/admin/user/no-such-user/disable", Map.of(), "Authorization", bearer(root)),
                404, "invalid_request");
    }
}
