package dev.lanyard.auth.examples;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lanyard.auth.key.KeyEncryptionKey;
import dev.lanyard.auth.key.KeySealException;
import dev.lanyard.auth.testing.MutableClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static dev.lanyard.auth.examples.RunningDemo.basic;
import static dev.lanyard.auth.examples.RunningDemo.bearer;
import static dev.lanyard.auth.examples.RunningDemo.kid;
import static dev.lanyard.auth.examples.RunningDemo.ok;
import static dev.lanyard.auth.examples.RunningDemo.params;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code serve --jdbc-url} nodes keep the key ring in the database, sealed under the key-encryption key:
 * two in-process servers on one PostgreSQL schema with no shared file verify each other's tokens and
 * agree on one issuer, {@code keys rotate --jdbc-url} rotates the ring while they run, and each picks
 * the rotation up on its next refresh; a missing or wrong key-encryption key, or another explicit
 * issuer, is refused at start. Skipped only when {@code LANYARD_SKIP_DB_TESTS=true}.
 */
class SharedKeyRingTest {

    @TempDir
    Path nodeA;
    @TempDir
    Path nodeB;
    @TempDir
    Path tmp;
    @RegisterExtension
    final PostgresSchema db = new PostgresSchema("lanyard_keys_");
    final MutableClock clock = MutableClock.at("2026-12-03T10:00:00Z");
    final String kek = RunningDemo.keyEncryptionKeyFile().toString();

    private RunningDemo node(Path dir, String... args) {
        String[] all = new String[args.length + 4];
        all[0] = "--jdbc-url";
        all[1] = db.url();
        all[2] = "--key-encryption-key-file";
        all[3] = kek;
        System.arraycopy(args, 0, all, 4, args.length);
        return RunningDemo.start(dir, clock, all);
    }

    @Test
    void twoNodesWithoutASharedFileVerifyEachOthersTokensUnderOneIssuer() {
        try (RunningDemo a = node(nodeA); RunningDemo b = node(nodeB)) {
            String issuerA = "http://localhost:" + a.server.uri().getPort();
            assertThat(a.output).contains("(issuer " + issuerA).contains("Key ring in the database (version 1");
            assertThat(b.output).as("node B adopts the issuer node A recorded").contains("(issuer " + issuerA);
            assertThat(nodeA.resolve(DataDir.KEY_FILE)).doesNotExist();
            assertThat(nodeB.resolve(DataDir.KEY_FILE)).doesNotExist();

            String fromA = token(a);
            String fromB = token(b);
            assertThat(b.get("/api/whoami", "Authorization", bearer(fromA)).statusCode()).as("B verifies A's").isEqualTo(200);
            assertThat(a.get("/api/whoami", "Authorization", bearer(fromB)).statusCode()).as("A verifies B's").isEqualTo(200);
            assertThat(a.get("/oauth2/jwks").body()).as("one JWKS").isEqualTo(b.get("/oauth2/jwks").body());
            assertThat(metadataIssuer(b)).isEqualTo(issuerA);
        }
    }

    @Test
    void keysRotateWithJdbcUrlWhileNodesRunThenEachUsesTheNewKeyAfterItsRefresh() throws Exception {
        try (RunningDemo a = node(nodeA); RunningDemo b = node(nodeB)) {
            String before = token(a);
            String nextKid = nextKid();

            CliTestSupport.Result rotated = CliTestSupport.runRaw("keys", "rotate", "--data", tmp.resolve("cli").toString(),
                    "--jdbc-url", db.url(), "--key-encryption-key-file", kek);
            assertThat(rotated.code()).as(rotated.err()).isZero();
            assertThat(rotated.out()).contains(nextKid + " now signs").contains("key ring version 2 in the database")
                    .contains("within 5 seconds");

            clock.advance(Duration.ofSeconds(5)); // the refresh interval: the nodes' next tick reads the database
            awaitActive(a, nextKid);
            awaitActive(b, nextKid);

            String afterOnB = token(b);
            assertThat(kid(afterOnB)).isEqualTo(nextKid);
            assertThat(a.get("/api/whoami", "Authorization", bearer(afterOnB)).statusCode()).isEqualTo(200);
            assertThat(b.get("/api/whoami", "Authorization", bearer(before)).statusCode())
                    .as("a token of the retiring key verifies for its overlap").isEqualTo(200);
            assertThat(a.get("/oauth2/jwks").body()).isEqualTo(b.get("/oauth2/jwks").body());

            CliTestSupport.Result listed = CliTestSupport.runRaw("keys", "list", "--data", tmp.resolve("cli").toString(),
                    "--jdbc-url", db.url(), "--key-encryption-key-file", kek);
            assertThat(listed.code()).as(listed.err()).isZero();
            assertThat(listed.out()).containsPattern(nextKid + "\\s+RS256\\s+active").contains("retiring until")
                    .contains("Key ring version 2 in the database, sealed under key-encryption key "
                            + KeyEncryptionKey.fromFile(Path.of(kek)).id())
                    .doesNotContain("\"d\"");
        }
    }

    @Test
    void withARotationScheduleTheNodesFindingItDueRotateOnceForAll() throws Exception {
        try (RunningDemo a = node(nodeA, "--key-rotation-days", "30"); RunningDemo b = node(nodeB, "--key-rotation-days", "30")) {
            String nextKid = nextKid();

            clock.advance(Duration.ofDays(30)); // both nodes' next tick finds the rotation due

            awaitActive(a, nextKid);
            awaitActive(b, nextKid);
            CliTestSupport.Result listed = CliTestSupport.runRaw("keys", "list", "--data", tmp.resolve("cli").toString(),
                    "--jdbc-url", db.url(), "--key-encryption-key-file", kek);
            assertThat(listed.out()).as("one rotation stored, adopted by the other node")
                    .contains("Key ring version 2 in the database");
        }
    }

    @Test
    void keysGenerateAndRotateWithJdbcUrlOnAnEmptyDatabase() {
        String cli = tmp.resolve("cli").toString();
        CliTestSupport.Result rotateEmpty = CliTestSupport.runRaw("keys", "rotate", "--data", cli, "--jdbc-url", db.url(),
                "--key-encryption-key-file", kek);
        CliTestSupport.Result created = CliTestSupport.runRaw("keys", "generate", "--algorithm", "EdDSA", "--data", cli,
                "--jdbc-url", db.url(), "--key-encryption-key-file", kek);
        CliTestSupport.Result again = CliTestSupport.runRaw("keys", "generate", "--data", cli, "--jdbc-url", db.url(),
                "--key-encryption-key-file", kek);
        CliTestSupport.Result forced = CliTestSupport.runRaw("keys", "generate", "--force", "--data", cli,
                "--jdbc-url", db.url(), "--key-encryption-key-file", kek);

        assertThat(rotateEmpty.code()).isEqualTo(2);
        assertThat(rotateEmpty.err()).contains("no key ring in the database yet").contains("keys generate --jdbc-url");
        assertThat(created.code()).as(created.err()).isZero();
        assertThat(created.out()).startsWith("Created a key ring in the database: EdDSA");
        assertThat(again.code()).isEqualTo(2);
        assertThat(again.err()).contains("holds a key ring already").contains("--force");
        assertThat(forced.code()).as(forced.err()).isZero();
        assertThat(forced.out()).startsWith("Replaced the key ring in the database: RS256").contains("within 5 seconds");
        assertThat(tmp.resolve("cli").resolve(DataDir.KEY_FILE)).as("nothing written beside the data").doesNotExist();
        try (RunningDemo a = node(nodeA)) {
            assertThat(a.output).contains("Key ring in the database (version 2");
        }
    }

    @Test
    void aRotationScheduleWithoutJdbcUrlThenRefused() {
        CliTestSupport.Result serve = CliTestSupport.runRaw("serve", "--port", "0", "--data", nodeA.toString(),
                "--key-rotation-days", "30");

        assertThat(serve.code()).isEqualTo(2);
        assertThat(serve.err()).contains("--key-rotation-days needs --jdbc-url");
    }

    @Test
    void anotherExplicitIssuerThanTheRecordedOneThenRefused() {
        try (RunningDemo a = node(nodeA, "--issuer", "http://localhost:8080")) {
            assertThat(a.output).contains("(issuer http://localhost:8080");
            assertThatThrownBy(() -> node(nodeB, "--issuer", "http://localhost:9090"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("--issuer http://localhost:9090 differs from http://localhost:8080")
                    .hasMessageContaining("leave --issuer out to adopt it");
            try (RunningDemo b = node(nodeB, "--issuer", "http://localhost:8080")) {
                assertThat(b.get("/api/whoami", "Authorization", bearer(token(a))).statusCode()).isEqualTo(200);
            }
        }
    }

    @Test
    void withoutAKeyEncryptionKeyServeAndTheKeyCommandsRefuseWithTheOptionsToGive() {
        CliTestSupport.Result serve = CliTestSupport.runRaw("serve", "--port", "0", "--data", nodeA.toString(),
                "--jdbc-url", db.url());
        CliTestSupport.Result list = CliTestSupport.runRaw("keys", "list", "--data", nodeA.toString(), "--jdbc-url", db.url());

        assertThat(serve.code()).isEqualTo(2);
        assertThat(serve.err()).contains("needs a key-encryption key").contains("--key-encryption-key-file")
                .contains(KeyEncryptionOptions.ENV).contains("openssl rand -base64 32");
        assertThat(list.code()).isEqualTo(2);
        assertThat(list.err()).contains("needs a key-encryption key");
    }

    @Test
    void aWrongKeyEncryptionKeyThenTheNodeDoesNotStartAndSaysWhichKeys() throws Exception {
        KeyEncryptionKey right = KeyEncryptionKey.fromFile(Path.of(kek));
        KeyEncryptionKey wrong = KeyEncryptionKey.generate();
        Path wrongFile = Files.writeString(tmp.resolve("wrong.kek"), wrong.encoded());
        try (RunningDemo a = node(nodeA)) {
            assertThatThrownBy(() -> RunningDemo.start(nodeB, clock, "--jdbc-url", db.url(),
                    "--key-encryption-key-file", wrongFile.toString()))
                    .isInstanceOf(KeySealException.class)
                    .hasMessageContaining(right.id()).hasMessageContaining(wrong.id())
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain(wrong.encoded()).doesNotContain(right.encoded()));
            assertThat(a.get("/oauth2/jwks").statusCode()).isEqualTo(200);
        }
        CliTestSupport.Result list = CliTestSupport.runRaw("keys", "list", "--data", nodeB.toString(), "--jdbc-url", db.url(),
                "--key-encryption-key-file", wrongFile.toString());
        assertThat(list.code()).isEqualTo(1);
        assertThat(list.err()).contains(wrong.id()).contains("give the key-encryption key the ring was sealed with");
    }

    @Test
    void anExistingKeyFileIsImportedOnceIntoAnEmptyDatabaseRing() {
        CliTestSupport.Result generated = CliTestSupport.runRaw("keys", "generate", "--algorithm", "ES256",
                "--data", nodeA.toString());
        assertThat(generated.code()).as(generated.err()).isZero();
        CliTestSupport.Result fileList = CliTestSupport.runRaw("keys", "list", "--data", nodeA.toString());
        String fileActive = fileList.out().lines().filter(l -> l.contains(" active")).findFirst().orElseThrow().split("\\s+")[0];
        CliTestSupport.Result otherFile = CliTestSupport.runRaw("keys", "generate", "--data", nodeB.toString());
        assertThat(otherFile.code()).isZero();

        try (RunningDemo a = node(nodeA); RunningDemo b = node(nodeB)) {
            assertThat(a.output).contains("Imported the key ring of " + nodeA.resolve(DataDir.KEY_FILE).toAbsolutePath()
                    .normalize());
            assertThat(b.output).as("the database ring exists: B's file is left alone")
                    .contains(DataDir.KEY_FILE + " is not used: the key ring is in the database")
                    .doesNotContain("Imported the key ring");
            assertThat(kid(token(b))).as("B signs with the imported ring").isEqualTo(fileActive);
        }
    }

    private static String token(RunningDemo node) {
        JsonNode body = ok(node.postForm("/oauth2/token", params("grant_type", "client_credentials"),
                "Authorization", basic("my-app-client", "secret-password")), 200);
        return body.get("access_token").asText();
    }

    private static String metadataIssuer(RunningDemo node) {
        return RunningDemo.json(node.get("/.well-known/oauth-authorization-server")).get("issuer").asText();
    }

    /** The next key of the ring in the database, as {@code keys list} shows it. */
    private String nextKid() {
        CliTestSupport.Result listed = CliTestSupport.runRaw("keys", "list", "--data", tmp.resolve("cli").toString(),
                "--jdbc-url", db.url(), "--key-encryption-key-file", kek);
        assertThat(listed.code()).as(listed.err()).isZero();
        return listed.out().lines().filter(l -> l.contains(" next")).findFirst().orElseThrow().split("\\s+")[0];
    }

    /** Waits (real time: the node's refresh task ticks every second) until the node signs with {@code kid}. */
    private static void awaitActive(RunningDemo node, String kid) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (!kid(token(node)).equals(kid)) {
            assertThat(System.nanoTime()).as("node " + node.server.uri() + " picks the rotation up").isLessThan(deadline);
            Thread.sleep(100);
        }
    }
}
