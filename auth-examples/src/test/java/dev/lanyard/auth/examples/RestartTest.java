package dev.lanyard.auth.examples;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lanyard.auth.testing.MutableClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static dev.lanyard.auth.examples.RunningDemo.basic;
import static dev.lanyard.auth.examples.RunningDemo.bearer;
import static dev.lanyard.auth.examples.RunningDemo.ok;
import static dev.lanyard.auth.examples.RunningDemo.params;
import static org.assertj.core.api.Assertions.assertThat;

/** The data directory keeps the server's state across a restart: keys, users, clients, refresh families. */
class RestartTest {

    /** Fixed, since each start listens on another free port. */
    static final String ISSUER = "http://localhost:8080";

    @TempDir
    Path data;

    @Test
    void tokensMintedBeforeARestartVerifyAfterItAndRefreshTokensStillRotate() {
        MutableClock clock = MutableClock.at("2026-11-28T10:00:00Z");
        JsonNode before;
        String firstOutput;
        try (RunningDemo demo = RunningDemo.start(data, clock, "--issuer", ISSUER)) {
            firstOutput = demo.output;
            before = ok(demo.postForm("/oauth2/token", params("grant_type", "password", "username", "alice",
                    "password", "wonderland"), "Authorization", basic("web", "web-secret-123")), 200);
        }
        assertThat(firstOutput).contains("Imported 3 new client(s)").doesNotContain("demo credentials");

        try (RunningDemo demo = RunningDemo.start(data, clock, "--issuer", ISSUER)) {
            assertThat(demo.output).contains("Imported 0 new client(s)");
            assertThat(ok(demo.get("/api/whoami", "Authorization", bearer(before.get("access_token").asText())), 200)
                    .get("username").asText()).isEqualTo("alice");

            JsonNode after = ok(demo.postForm("/oauth2/token", params("grant_type", "refresh_token",
                    "refresh_token", before.get("refresh_token").asText()), "Authorization", basic("web", "web-secret-123")), 200);
            assertThat(ok(demo.get("/api/whoami", "Authorization", bearer(after.get("access_token").asText())), 200)
                    .get("username").asText()).isEqualTo("alice");
            clock.advance(java.time.Duration.ofSeconds(6)); // past the default grace window of 5 s: a replay is reuse
            assertThat(demo.postForm("/oauth2/token", params("grant_type", "refresh_token",
                    "refresh_token", before.get("refresh_token").asText()), "Authorization", basic("web", "web-secret-123"))
                    .statusCode()).as("the pre-restart token was rotated").isEqualTo(400);
        }
    }

    @Test
    void aRevocationBeforeTheRestartHoldsAfterIt() {
        MutableClock clock = MutableClock.at("2026-11-28T10:00:00Z");
        String access;
        try (RunningDemo demo = RunningDemo.start(data, clock, "--issuer", ISSUER)) {
            access = ok(demo.postForm("/oauth2/token", params("grant_type", "client_credentials"),
                    "Authorization", basic("my-app-client", "secret-password")), 200).get("access_token").asText();
            assertThat(demo.postForm("/oauth2/revoke", params("token", access),
                    "Authorization", basic("my-app-client", "secret-password")).statusCode()).isEqualTo(200);
        }
        try (RunningDemo demo = RunningDemo.start(data, clock, "--issuer", ISSUER)) {
            assertThat(demo.get("/api/whoami", "Authorization", bearer(access)).statusCode()).isEqualTo(401);
        }
    }

    @Test
    void aNewDataDirWithoutFilesPrintsWorkingDemoCredentialsOnce() {
        MutableClock clock = MutableClock.at("2026-11-28T10:00:00Z");
        try (RunningDemo demo = RunningDemo.startWithout(data, clock, "--issuer", ISSUER)) {
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("client  demo-client / (\\S+)").matcher(demo.output);
            assertThat(m.find()).as(demo.output).isTrue();
            ok(demo.postForm("/oauth2/token", params("grant_type", "client_credentials"),
                    "Authorization", basic("demo-client", m.group(1))), 200);
            assertThat(demo.output).containsPattern("user    demo / \\S{16}").containsPattern("admin   admin / \\S{16}");
        }
        try (RunningDemo demo = RunningDemo.startWithout(data, clock, "--issuer", ISSUER)) {
            assertThat(demo.output).doesNotContain("demo credentials").doesNotContain("demo-client /");
        }
    }
}
