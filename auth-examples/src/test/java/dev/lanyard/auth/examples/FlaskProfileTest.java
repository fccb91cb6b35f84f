package dev.lanyard.auth.examples;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;

import static dev.lanyard.auth.examples.RunningDemo.basic;
import static dev.lanyard.auth.examples.RunningDemo.bearer;
import static dev.lanyard.auth.examples.RunningDemo.encode;
import static dev.lanyard.auth.examples.RunningDemo.error;
import static dev.lanyard.auth.examples.RunningDemo.ok;
import static dev.lanyard.auth.examples.RunningDemo.params;
import static org.assertj.core.api.Assertions.assertThat;

/** The flask profile replays the five steps of 004_03cf36993cbd6d4d.txt. */
class FlaskProfileTest {

    @TempDir
    Path data;
    RunningDemo demo;

    @BeforeEach
    void start() {
        demo = RunningDemo.start(data, "--profile", "flask");
    }

    @AfterEach
    void stop() {
        demo.close();
    }

    void register(String user, String password) {
        JsonNode created = ok(demo.postForm("/client/create", params("client_user", user, "client_password", password)), 201);
        assertThat(created.get("client_user").asText()).isEqualTo(user);
        assertThat(created.toString()).doesNotContain(password);
    }

    String connect(String user, String password) {
        return ok(demo.post("/authorization/connect", "application/x-www-form-urlencoded", "",
                "Authorization", basic(user, password)), 200).get("Authorization Code").asText();
    }

    /** Step 3 as documented: a GET with a form body. */
    HttpResponse<String> exchange(String code) {
        return demo.send(HttpRequest.newBuilder(demo.uri("/authorization/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .method("GET", HttpRequest.BodyPublishers.ofString(encode(params("grant", "grant", "code", code)))));
    }

    @Test
    void theFiveStepsOfTheDocument() {
        register("clientusername", "clientpassword");
        String code = connect("clientusername", "clientpassword");

        HttpResponse<String> r = exchange(code);
        RunningDemo.assertNoStore(r);
        JsonNode tokens = ok(r, 200);
        assertThat(tokens.get("type").asText()).isEqualTo("bearer");
        assertThat(tokens.get("expires_in").asInt()).isEqualTo(3600);
        assertThat(tokens.has("token_type")).isFalse();

        JsonNode refreshed = ok(demo.postForm("/token/refresh", params("grant", "grant",
                "refresh_token", tokens.get("refresh_token").asText()), "Authorization", basic("clientusername", "clientpassword")), 200);
        assertThat(refreshed.get("type").asText()).isEqualTo("bearer");
        demo.clock.advance(java.time.Duration.ofSeconds(6)); // past the default grace window of 5 s: a replay is reuse
        error(demo.postForm("/token/refresh", params("grant", "grant", "refresh_token", tokens.get("refresh_token").asText()),
                "Authorization", basic("clientusername", "clientpassword")), 401, "invalid_grant");

        JsonNode fresh = exchangeNew();
        HttpResponse<String> users = demo.get("/api/users", "Authorization", bearer(fresh.get("access_token").asText()));
        assertThat(ok(users, 200).toString()).isEqualTo("{\"username\":\"clientusername\"}");
        JsonNode me = ok(demo.get("/api/whoami", "Authorization", bearer(fresh.get("access_token").asText())), 200);
        assertThat(me.get("sub").asText()).isEqualTo("clientusername");
    }

    JsonNode exchangeNew() {
        return ok(exchange(connect("clientusername", "clientpassword")), 200);
    }

    @Test
    void anExistingNameIs409AndBadRegistrationsAre400() {
        register("app1", "app1-password");
        HttpResponse<String> taken = demo.postForm("/client/create", params("client_user", "app1",
                "client_password", "other-password"));
        assertThat(taken.statusCode()).isEqualTo(409);
        assertThat(RunningDemo.json(taken).get("error").asText()).isNotEmpty();
        assertThat(demo.postForm("/client/create", params("client_user", "app2")).statusCode()).isEqualTo(400);
        assertThat(demo.postForm("/client/create", params("client_user", "app3", "client_password", "short"))
                .statusCode()).isEqualTo(400);
        // the first secret still works: a 409 changed nothing
        assertThat(connect("app1", "app1-password")).isNotEmpty();
    }

    @Test
    void aCodeIsSingleUseAndItsReplayRevokesWhatItIssued() {
        register("app1", "app1-password");
        String code = connect("app1", "app1-password");
        JsonNode tokens = ok(exchange(code), 200);
        assertThat(demo.get("/api/users", "Authorization", bearer(tokens.get("access_token").asText())).statusCode())
                .isEqualTo(200);

        error(demo.postForm("/authorization/token", params("grant", "grant", "code", code)), 400, "invalid_grant");
        assertThat(demo.get("/api/users", "Authorization", bearer(tokens.get("access_token").asText())).statusCode())
                .isEqualTo(401);
        assertThat(demo.postForm("/token/refresh", params("grant", "grant", "refresh_token",
                tokens.get("refresh_token").asText()), "Authorization", basic("app1", "app1-password")).statusCode())
                .isEqualTo(401);
    }

    @Test
    void aCodeIsShortLived() {
        register("app1", "app1-password");
        String code = connect("app1", "app1-password");
        demo.clock.advance(Duration.ofMinutes(2));
        error(exchange(code), 400, "invalid_grant");
    }

    @Test
    void wrongClientCredentialsAre401() {
        register("app1", "app1-password");
        HttpResponse<String> r = demo.post("/authorization/connect", "application/x-www-form-urlencoded", "",
                "Authorization", basic("app1", "wrong"));
        error(r, 401, "invalid_client");
        assertThat(r.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Basic"));
        assertThat(demo.post("/authorization/connect", "application/x-www-form-urlencoded", "").statusCode()).isEqualTo(401);
        String refresh = exchangeFor("app1").get("refresh_token").asText();
        error(demo.postForm("/token/refresh", params("grant", "grant", "refresh_token", refresh),
                "Authorization", basic("app1", "wrong")), 401, "invalid_client");
    }

    JsonNode exchangeFor(String user) {
        return ok(exchange(connect(user, user + "-password")), 200);
    }

    @Test
    void expiredOrMissingAccessTokensAre401() {
        register("app1", "app1-password");
        String access = exchangeFor("app1").get("access_token").asText();
        assertThat(demo.get("/api/users").statusCode()).isEqualTo(401);
        demo.clock.advance(Duration.ofMinutes(61));
        assertThat(demo.get("/api/users", "Authorization", bearer(access)).statusCode()).isEqualTo(401);
    }
}
