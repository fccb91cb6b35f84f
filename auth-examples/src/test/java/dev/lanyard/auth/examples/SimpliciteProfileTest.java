package dev.lanyard.auth.examples;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;

import static dev.lanyard.auth.examples.RunningDemo.basic;
import static dev.lanyard.auth.examples.RunningDemo.bearer;
import static dev.lanyard.auth.examples.RunningDemo.error;
import static dev.lanyard.auth.examples.RunningDemo.ok;
import static dev.lanyard.auth.examples.RunningDemo.params;
import static org.assertj.core.api.Assertions.assertThat;

/** The simplicite profile replays 003_ba1a5f992898e3b1.txt: opaque session tokens with an idle timeout. */
class SimpliciteProfileTest {

    static final String HEADER = "X-Simplicite-Authorization";

    @TempDir
    Path data;
    RunningDemo demo;

    @BeforeEach
    void start() {
        demo = RunningDemo.start(data, "--profile", "simplicite", "--session-timeout", "120");
    }

    @AfterEach
    void stop() {
        demo.close();
    }

    String login() {
        HttpResponse<String> r = demo.get("/api/login", "Authorization", basic("alice", "wonderland"));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/plain"));
        return r.body().trim();
    }

    @Test
    void basicLoginGivesAnOpaqueTokenForTheCustomHeader() {
        String token = login();
        assertThat(token).doesNotContain(".");

        JsonNode me = ok(demo.get("/api/whoami", HEADER, bearer(token)), 200);
        assertThat(me.get("username").asText()).isEqualTo("alice");
        assertThat(demo.get("/api/whoami", "Authorization", bearer(token)).statusCode()).isEqualTo(401);
    }

    @Test
    void credentialsAsQueryOrFormParametersWork() {
        HttpResponse<String> query = demo.get("/api/login?username=alice&password=wonderland");
        assertThat(query.statusCode()).isEqualTo(200);
        HttpResponse<String> form = demo.postForm("/api/login", params("username", "alice", "password", "wonderland"));
        assertThat(form.statusCode()).isEqualTo(200);
        assertThat(demo.get("/api/whoami", HEADER, bearer(form.body().trim())).statusCode()).isEqualTo(200);
    }

    /** The document's own login: {@code curl --form "username=.." --form "password=.."}, multipart/form-data. */
    @Test
    void credentialsAsMultipartFormLikeTheDocumentsCurlWork() {
        String boundary = "------------------------d74496d66958873e";
        String body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"username\"\r\n\r\nalice\r\n"
                + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"password\"\r\n\r\nwonderland\r\n"
                + "--" + boundary + "--\r\n";
        HttpResponse<String> form = demo.post("/api/login", "multipart/form-data; boundary=" + boundary, body);

        assertThat(form.statusCode()).as(form.body()).isEqualTo(200);
        assertThat(demo.get("/api/whoami", HEADER, bearer(form.body().trim())).statusCode()).isEqualTo(200);
    }

    @Test
    void jsonAndOAuth2Outputs() {
        for (String q : new String[] {"_json=true", "_output=json"}) {
            JsonNode j = ok(demo.get("/api/login?" + q, "Authorization", basic("alice", "wonderland")), 200);
            assertThat(j.fieldNames()).toIterable().containsExactly("authtoken", "sessionid", "login", "firstname",
                    "lastname", "lang");
            assertThat(j.get("login").asText()).isEqualTo("alice");
            assertThat(j.get("firstname").asText()).isEqualTo("Alice");
            assertThat(j.get("lang").asText()).isEqualTo("ENU");
        }
        for (String q : new String[] {"_oauth2=true", "_output=oauth2"}) {
            JsonNode o = ok(demo.get("/api/login?" + q, "Authorization", basic("alice", "wonderland")), 200);
            assertThat(o.get("token_type").asText()).isEqualTo("bearer");
            assertThat(o.get("expires_in").asInt()).isEqualTo(120);
            assertThat(o.has("scope")).isTrue();
            assertThat(o.get("scope").isNull()).isTrue();
        }
    }

    @Test
    void redirectOnlyToAllowListedUris() {
        String allowed = "http://localhost:9999/callback";
        HttpResponse<String> r = demo.get("/api/login?redirect_uri=" + URLEncoder.encode(allowed, StandardCharsets.UTF_8),
                "Authorization", basic("alice", "wonderland"));
        assertThat(r.statusCode()).isEqualTo(302);
        URI location = URI.create(r.headers().firstValue("Location").orElseThrow());
        assertThat(location.toString()).startsWith(allowed + "?access_token=");
        String token = location.getQuery().substring("access_token=".length());
        assertThat(demo.get("/api/whoami", HEADER, bearer(token)).statusCode()).isEqualTo(200);

        HttpResponse<String> evil = demo.get("/api/login?redirect_uri=" + URLEncoder.encode("https://evil.example/x",
                StandardCharsets.UTF_8), "Authorization", basic("alice", "wonderland"));
        error(evil, 400, "invalid_request");
        assertThat(evil.headers().firstValue("Location")).isEmpty();
    }

    @Test
    void badOrMissingCredentialsAre401() {
        error(demo.get("/api/login", "Authorization", basic("alice", "wrong")), 401, "invalid_grant");
        assertThat(demo.get("/api/login").statusCode()).isEqualTo(401);
        assertThat(demo.get("/api/login?username=alice").statusCode()).isIn(400, 401);
    }

    @Test
    void eachUseExtendsTheIdleTimeoutAndIdlenessEndsTheSession() {
        String token = login();
        for (int i = 0; i < 3; i++) {
            demo.clock.advance(Duration.ofSeconds(100));
            assertThat(demo.get("/api/whoami", HEADER, bearer(token)).statusCode()).as("use %d", i).isEqualTo(200);
        }
        demo.clock.advance(Duration.ofSeconds(121));
        assertThat(demo.get("/api/whoami", HEADER, bearer(token)).statusCode()).isEqualTo(401);
    }

    @Test
    void logoutKillsTheTokenAtOnce() {
        String token = login();
        assertThat(demo.get("/api/logout", HEADER, bearer(token)).statusCode()).isEqualTo(200);
        assertThat(demo.get("/api/whoami", HEADER, bearer(token)).statusCode()).isEqualTo(401);
        assertThat(demo.get("/api/logout", HEADER, bearer(token)).statusCode()).isEqualTo(401);

        String second = login();
        assertThat(demo.post("/api/logout", "application/x-www-form-urlencoded", "", HEADER, bearer(second)).statusCode())
                .isEqualTo(200);
        assertThat(demo.get("/api/whoami", HEADER, bearer(second)).statusCode()).isEqualTo(401);
    }
}
