package dev.lanyard.auth.examples;

import dev.lanyard.auth.key.KeyEncryptionKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static dev.lanyard.auth.examples.RunningDemo.kid;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 13 point 5, from outside: three demo nodes, each a JVM of its own ({@code serve} as a child
 * process), on one PostgreSQL schema with no shared file, the key-encryption key in the environment
 * variable {@code LANYARD_KEY_ENCRYPTION_KEY}. Tokens minted by any node verify on every node; a
 * {@code keys rotate --jdbc-url} is used by all within seconds; a node SIGKILLed under load loses
 * nothing it acknowledged (checked on another node); the brute-force budget is one for the three. The
 * figures go to standard output. Skipped only when {@code LANYARD_SKIP_DB_TESTS=true}.
 */
class ClusterEndToEndTest {

    /** How long a node may take to sign with a rotated key: the refresh interval (5 s), the tick (1 s), a margin. */
    private static final long ROTATION_BOUND_SECONDS = 20;
    /** Acknowledged writes on the node before it is killed, while its load keeps running. */
    private static final int WRITES_BEFORE_KILL = 60;

    @TempDir
    Path tmp;
    @RegisterExtension
    final PostgresSchema db = new PostgresSchema("lanyard_cluster_");

    @Test
    void threeNodesOnOnePostgresShareKeysAndRotationsAndAKilledNodeLosesNothing() throws Exception {
        KeyEncryptionKey kek = KeyEncryptionKey.generate();
        Map<String, String> env = Map.of(KeyEncryptionOptions.ENV, kek.encoded());
        Path kekFile = Files.writeString(tmp.resolve("kek"), kek.encoded()); // for the CLI run in this JVM
        Path[] dirs = {tmp.resolve("a"), tmp.resolve("b"), tmp.resolve("c")};
        try (ChildServer a = ChildServer.start(dirs[0], env, "--jdbc-url", db.url(), "--issuer", ChildServer.ISSUER);
             ChildServer b = ChildServer.start(dirs[1], env, "--jdbc-url", db.url());
             ChildServer c = ChildServer.start(dirs[2], env, "--jdbc-url", db.url())) {
            List<ChildServer> nodes = List.of(a, b, c);
            for (Path dir : dirs) {
                assertThat(dir.resolve(DataDir.KEY_FILE)).as("no key file in " + dir).doesNotExist();
            }
            assertThat(String.join("\n", c.output())).as("node C adopts the issuer node A recorded")
                    .contains("(issuer " + ChildServer.ISSUER);

            everyNodeVerifiesEveryNodesToken(nodes);
            rotationIsUsedByAllWithinSeconds(nodes, kekFile);
            everyNodeVerifiesEveryNodesToken(nodes);
            theGuessBudgetIsOneForAllNodes(nodes);
            killedUnderLoadLosesNothing(c, a);
            assertThat(b.get("/api/whoami", access(a)).statusCode()).as("the others keep working").isEqualTo(200);
        }
    }

    private static void everyNodeVerifiesEveryNodesToken(List<ChildServer> nodes) {
        for (ChildServer minter : nodes) {
            String token = access(minter);
            for (ChildServer verifier : nodes) {
                assertThat(verifier.get("/api/whoami", token).statusCode())
                        .as(verifier.uri() + " verifies the token of " + minter.uri()).isEqualTo(200);
            }
        }
    }

    private void rotationIsUsedByAllWithinSeconds(List<ChildServer> nodes, Path kekFile) throws InterruptedException {
        String before = access(nodes.get(0));
        CliTestSupport.Result rotated = CliTestSupport.runRaw("keys", "rotate", "--data", tmp.resolve("cli").toString(),
                "--jdbc-url", db.url(), "--key-encryption-key-file", kekFile.toString());
        assertThat(rotated.code()).as(rotated.err()).isZero();
        String newKid = rotated.out().substring("Rotated: ".length(), rotated.out().indexOf(' ', "Rotated: ".length()));
        long rotatedAt = System.nanoTime();
        long slowest = 0;
        for (ChildServer node : nodes) {
            // Polled with refreshes, not password logins: a login every 100 ms would run into the throttle's
            // cap on password checks per account (30 a minute) on a slow machine.
            HttpResponse<String> tokens = node.login();
            while (!kid(token(tokens, "access_token")).equals(newKid)) {
                assertThat(System.nanoTime() - rotatedAt).as(node.uri() + " signs with the rotated key")
                        .isLessThan(TimeUnit.SECONDS.toNanos(ROTATION_BOUND_SECONDS));
                Thread.sleep(100);
                tokens = node.refresh(token(tokens, "refresh_token"));
            }
            slowest = Math.max(slowest, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - rotatedAt));
        }
        for (ChildServer node : nodes) {
            assertThat(node.get("/api/whoami", before).statusCode()).as("the retiring key still verifies").isEqualTo(200);
        }
        System.out.printf("cluster: keys rotate --jdbc-url used by all 3 nodes after at most %d ms%n", slowest);
    }

    /**
     * The library's 5 failures per account, spread over the three nodes, lock the account on every one:
     * with a throttle per process each node would still check passwords. An unknown username is
     * counted like a real one (so that lockouts reveal nothing), and alice stays free for the load below.
     */
    private static void theGuessBudgetIsOneForAllNodes(List<ChildServer> nodes) {
        for (int i = 0; i < 5; i++) {
            HttpResponse<String> wrong = nodes.get(i % nodes.size()).post("/oauth2/token", "grant_type", "password",
                    "username", "mallory", "password", "guess-" + i);
            assertThat(wrong.statusCode()).as(wrong.body()).isEqualTo(400);
        }
        for (ChildServer node : nodes) {
            HttpResponse<String> refused = node.post("/oauth2/token", "grant_type", "password",
                    "username", "mallory", "password", "one-more-guess");
            assertThat(refused.statusCode()).as(node.uri() + " refuses the locked-out account").isEqualTo(429);
            assertThat(refused.headers().firstValue("Retry-After")).isPresent();
        }
        System.out.println("cluster: 5 wrong passwords over 3 nodes locked the account on all 3");
    }

    /** Logins, refreshes and revocations on {@code victim} until it is SIGKILLed; then {@code checker} is asked. */
    private static void killedUnderLoadLosesNothing(ChildServer victim, ChildServer checker) throws Exception {
        Acknowledged acked = new Acknowledged();
        CountDownLatch enough = new CountDownLatch(WRITES_BEFORE_KILL);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread load = new Thread(() -> {
            try {
                for (int i = 0; ; i++) {
                    // a password login costs an Argon2id hash: a new family every tenth round, refreshes between
                    if (i % 10 == 0 && acked.login(victim.login())) {
                        enough.countDown();
                    }
                    List<Acknowledged.Family> live = acked.live();
                    if (live.isEmpty()) {
                        continue;
                    }
                    Acknowledged.Family f = live.get(i % live.size());
                    if (acked.rotated(f, victim.refresh(f.current))) {
                        enough.countDown();
                    }
                    if (i % 5 == 4 && acked.revokedAccess(f.access, victim.revoke(f.access, "access_token"))) {
                        enough.countDown();
                    }
                    if (i % 7 == 6 && acked.revokedFamily(f, victim.revoke(f.current, "refresh_token"))) {
                        enough.countDown();
                    }
                }
            } catch (UncheckedIOException expected) {
                // the node was killed: the request in flight was not acknowledged
            } catch (Throwable t) {
                failure.set(t);
                while (enough.getCount() > 0) {
                    enough.countDown();
                }
            }
        }, "cluster-load");
        load.start();
        boolean going = enough.await(120, TimeUnit.SECONDS);
        assertThat(failure.get()).as("the load before the kill").isNull();
        assertThat(going).as("the load got going").isTrue();
        victim.kill(); // while the load thread's next request is in flight
        load.join(TimeUnit.SECONDS.toMillis(60));
        assertThat(load.isAlive()).isFalse();
        assertThat(failure.get()).isNull();

        Acknowledged.Lost lost = acked.check(checker);
        System.out.printf("cluster: node SIGKILLed under load after %d families, %d rotations and %d revocations"
                        + " acknowledged; lost on another node: %d rotations, %d revocations%n",
                acked.families.size(), acked.rotations, acked.revocations, lost.rotations(), lost.revocations());
        assertThat(lost.what()).as("acknowledged, then lost").isEmpty();
    }

    private static String access(ChildServer node) {
        return token(node.login(), "access_token");
    }

    private static String token(HttpResponse<String> r, String name) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return ChildServer.json(r).get(name).asText();
    }
}
