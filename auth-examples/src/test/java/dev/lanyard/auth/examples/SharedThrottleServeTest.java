package dev.lanyard.auth.examples;

import dev.lanyard.auth.testing.MutableClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;

import static dev.lanyard.auth.examples.RunningDemo.basic;
import static dev.lanyard.auth.examples.RunningDemo.error;
import static dev.lanyard.auth.examples.RunningDemo.ok;
import static dev.lanyard.auth.examples.RunningDemo.params;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two {@code serve --jdbc-url} nodes on one PostgreSQL database share the brute-force budget and the
 * open registration limits: guesses split across them count once, not once per node. With a throttle
 * per process, each node would allow its own 5 failures and these tests would fail.
 */
class SharedThrottleServeTest {

    /** The library's default failure budget per account. */
    static final int BUDGET = 5;
    /** The open registration's default limit per address and hour. */
    static final int REGISTRATIONS = 10;

    @TempDir
    Path nodeA;
    @TempDir
    Path nodeB;
    @RegisterExtension
    final PostgresSchema db = new PostgresSchema("lanyard_throttle_");
    final MutableClock clock = MutableClock.at("2026-12-03T10:00:00Z");
    /** The nodes share the key ring through the database, sealed under this key. */
    final String kek = RunningDemo.keyEncryptionKeyFile().toString();

    @Test
    void wrongPasswordsSplitAcrossTwoNodesLockTheAccountOnBoth() throws Exception {
        try (RunningDemo a = RunningDemo.start(nodeA, clock, args());
             RunningDemo b = startSecond(RunningDemo::start)) {
            for (int i = 0; i < BUDGET; i++) {
                RunningDemo node = i % 2 == 0 ? a : b;
                error(node.postForm("/oauth2/token", params("grant_type", "password", "username", "alice",
                        "password", "guess-" + i), "Authorization", basic("web", "web-secret-123")), 400, "invalid_grant");
            }

            for (RunningDemo node : new RunningDemo[] {a, b}) {
                HttpResponse<String> right = node.postForm("/oauth2/token", params("grant_type", "password",
                        "username", "alice", "password", "wonderland"), "Authorization", basic("web", "web-secret-123"));
                assertThat(right.statusCode()).as("locked out on every node, even with the right password").isEqualTo(429);
                assertThat(right.headers().firstValue("Retry-After")).contains("60");
            }
            clock.advance(Duration.ofMinutes(1));
            ok(b.postForm("/oauth2/token", params("grant_type", "password", "username", "alice",
                    "password", "wonderland"), "Authorization", basic("web", "web-secret-123")), 200);
        }
    }

    @Test
    void openRegistrationsSplitAcrossTwoNodesCountAgainstOneLimit() throws Exception {
        try (RunningDemo a = RunningDemo.startWithout(nodeA, clock, flaskArgs());
             RunningDemo b = startSecond((dir, c, args) -> RunningDemo.startWithout(dir, c, flaskArgs()))) {
            for (int i = 0; i < REGISTRATIONS; i++) {
                RunningDemo node = i % 2 == 0 ? a : b;
                ok(node.postForm("/client/create", params("client_user", "app" + i, "client_password",
                        "registered-secret")), 201);
            }

            for (RunningDemo node : new RunningDemo[] {a, b}) {
                HttpResponse<String> over = node.postForm("/client/create", params("client_user", "one-more",
                        "client_password", "registered-secret"));
                error(over, 429, "temporarily_unavailable");
                assertThat(over.headers().firstValue("Retry-After")).contains("3600");
            }
        }
    }

    private RunningDemo startSecond(Starter starter) {
        return starter.start(nodeB, clock, args());
    }

    @FunctionalInterface
    private interface Starter {
        RunningDemo start(Path dir, MutableClock clock, String... args);
    }

    private String[] args() {
        return new String[] {"--jdbc-url", url(), "--issuer", "http://localhost:8080", "--key-encryption-key-file", kek};
    }

    private String[] flaskArgs() {
        return new String[] {"--profile", "flask", "--jdbc-url", url(), "--issuer", "http://localhost:8080",
                "--key-encryption-key-file", kek};
    }

    private String url() {
        return db.url();
    }
}
