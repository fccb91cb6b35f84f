package dev.lanyard.auth.examples;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lanyard.auth.testing.LocalServers;
import dev.lanyard.auth.testing.MutableClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;

import static dev.lanyard.auth.examples.RunningDemo.basic;
import static dev.lanyard.auth.examples.RunningDemo.bearer;
import static dev.lanyard.auth.examples.RunningDemo.ok;
import static dev.lanyard.auth.examples.RunningDemo.params;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code serve --jdbc-url} on PostgreSQL: two servers on one database (two app nodes) share clients,
 * users and refresh families. Runs on the tests' PostgreSQL ({@link LocalServers#postgres()}: the one
 * configured, else 127.0.0.1:5432, else an embedded one); skipped only when
 * {@code LANYARD_SKIP_DB_TESTS=true}.
 */
class PostgresServeTest {

    @TempDir
    Path nodeA;
    @TempDir
    Path nodeB;
    @RegisterExtension
    final PostgresSchema db = new PostgresSchema("lanyard_demo_");

    @Test
    void twoNodesOnOneDatabaseShareUsersClientsAndRefreshFamilies() throws Exception {
        String url = db.url();
        MutableClock clock = MutableClock.at("2026-11-28T10:00:00Z");
        String kek = RunningDemo.keyEncryptionKeyFile().toString();
        try (RunningDemo a = RunningDemo.start(nodeA, clock, "--jdbc-url", url, "--issuer", "http://localhost:8080",
                "--key-encryption-key-file", kek)) {
            // Nodes share the database, and through it the key ring: no key file to copy.
            try (RunningDemo b = RunningDemo.start(nodeB, clock, "--jdbc-url", url, "--issuer", "http://localhost:8080",
                    "--key-encryption-key-file", kek)) {
                bothNodes(a, b);
            }
        }
    }

    private static void bothNodes(RunningDemo a, RunningDemo b) {
        assertThat(a.output).contains("Imported 3 new client(s)").doesNotContain("demo credentials");
        assertThat(b.output).contains("Imported 0 new client(s)").doesNotContain("demo credentials");
        JsonNode login = ok(a.postForm("/oauth2/token", params("grant_type", "password", "username", "alice",
                "password", "wonderland"), "Authorization", basic("web", "web-secret-123")), 200);

        JsonNode rotated = ok(b.postForm("/oauth2/token", params("grant_type", "refresh_token",
                "refresh_token", login.get("refresh_token").asText()), "Authorization", basic("web", "web-secret-123")), 200);
        a.clock.advance(java.time.Duration.ofSeconds(6)); // past the default grace window of 5 s: a replay is reuse
        assertThat(a.postForm("/oauth2/token", params("grant_type", "refresh_token",
                "refresh_token", login.get("refresh_token").asText()), "Authorization", basic("web", "web-secret-123"))
                .statusCode()).as("node A sees node B's rotation").isEqualTo(400);
        assertThat(b.get("/api/whoami", "Authorization", bearer(rotated.get("access_token").asText())).statusCode())
                .as("node A's reuse detection revoked the family on both").isEqualTo(401);

        String fresh = ok(a.postForm("/oauth2/token", params("grant_type", "client_credentials"),
                "Authorization", basic("my-app-client", "secret-password")), 200).get("access_token").asText();
        assertThat(b.get("/api/whoami", "Authorization", bearer(fresh)).statusCode())
                .as("node B verifies node A's token").isEqualTo(200);
        assertThat(b.postForm("/oauth2/revoke", params("token", fresh),
                "Authorization", basic("my-app-client", "secret-password")).statusCode()).isEqualTo(200);
        a.clock.advance(Duration.ofSeconds(6)); // past the revocation list's per-node cache of 5 s
        assertThat(a.get("/api/whoami", "Authorization", bearer(fresh)).statusCode())
                .as("a revocation on node B holds on node A").isEqualTo(401);
    }
}
