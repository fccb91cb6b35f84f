package dev.lanyard.auth.examples;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The embedded default store keeps every write it acknowledged: through SIGKILL of the server process
 * right after its answer, and through a full disk, where a write it cannot make durable is answered
 * 503 and never acknowledged. Each case runs {@code serve} in a JVM of its own on SQLite in a data
 * directory, over real HTTP.
 */
class DurabilityTest {

    @TempDir
    Path tmp;

    @Test
    void killMinusNineRightAfterTheAnswersLosesNothingAcknowledged() {
        Path data = tmp.resolve("data");
        Acknowledged acked = new Acknowledged();
        int rounds = 3;
        for (int round = 0; round < rounds; round++) {
            ChildServer server = ChildServer.start(data);
            try {
                if (round > 0) {
                    assertNoLoss(acked.check(server), "after SIGKILL " + round);
                }
                write(server, acked, 4, 3);
            } finally {
                server.kill(); // within a millisecond of reading the last answer, a rotation
            }
        }
        try (ChildServer server = ChildServer.start(data)) {
            Acknowledged.Lost lost = acked.check(server);
            System.out.printf("kill -9 (%d rounds): %d rotations and %d revocations acknowledged; lost %d rotations,"
                    + " %d revocations%n", rounds, acked.rotations, acked.revocations, lost.rotations(), lost.revocations());
            assertNoLoss(lost, "after the last SIGKILL");
        }
    }

    @Test
    void aFullDiskAnswers503AndLosesNothingAcknowledgedBeforeOrWhileItWasFull() throws Exception {
        try (TmpfsMount disk = TmpfsMount.of(tmp, "8m")) {
            Path data = disk.path().resolve("data");
            Acknowledged acked = new Acknowledged();
            ChildServer server = ChildServer.start(data);
            Path filler;
            int acknowledgedWhileFull = 0;
            try {
                write(server, acked, 4, 2);
                int before = acked.rotations + acked.revocations;
                filler = disk.fill();
                for (int i = 0; i < 400 && acked.unavailable < 20; i++) {
                    List<Acknowledged.Family> live = acked.live();
                    Acknowledged.Family f = live.get(i % live.size());
                    if (acked.rotated(f, server.refresh(f.current))) {
                        acknowledgedWhileFull++;
                    }
                    if (i % 10 == 0 && acked.login(server.login())) {
                        acknowledgedWhileFull++;
                    }
                    if (i % 25 == 0 && live.size() > 2 && acked.revokedFamily(live.get(0),
                            server.revoke(live.get(0).current, "refresh_token"))) {
                        acknowledgedWhileFull++;
                    }
                }
                assertThat(acked.unavailable).as("writes refused with 503 once the disk was full").isGreaterThan(0);
                System.out.printf("full disk: %d writes acknowledged before it filled, %d while full, %d answered 503%n",
                        before, acknowledgedWhileFull, acked.unavailable);
                Files.delete(filler);
                assertThat(acked.login(server.login())).as("writes work again once space is freed").isTrue();
            } finally {
                server.kill();
            }
            try (ChildServer restarted = ChildServer.start(data)) {
                Acknowledged.Lost lost = acked.check(restarted);
                System.out.printf("full disk, after restart: lost %d rotations, %d revocations of %d and %d acknowledged%n",
                        lost.rotations(), lost.revocations(), acked.rotations, acked.revocations);
                assertNoLoss(lost, "after the full disk");
            }
        }
    }

    @Test
    void aFreshStartOnAFullDiskSaysSoInOneLine() throws Exception {
        try (TmpfsMount disk = TmpfsMount.of(tmp, "1m")) {
            disk.fill();
            Path data = disk.path().resolve("data");
            Process p = MainProcess.of("serve", "--port", "0", "--data", data.toString()).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();

            assertThat(p.exitValue()).as(out).isEqualTo(1);
            assertThat(out.strip().lines().filter(l -> l.startsWith("serve:")).toList()).as(out).singleElement()
                    .asString().contains("no space left on the device holding " + data);
            assertThat(out).doesNotContain("SQLState").doesNotContain("Exception").doesNotContain("\tat ");
        }
    }

    /**
     * Starts {@code families} families, rotates every live one {@code rotations} times, revokes one
     * family and one access token, and ends with one more rotation, so the last answer is a write.
     */
    private static void write(ChildServer server, Acknowledged acked, int families, int rotations) {
        for (int i = 0; i < families; i++) {
            assertThat(acked.login(server.login())).isTrue();
        }
        for (int r = 0; r < rotations; r++) {
            for (Acknowledged.Family f : acked.live()) {
                assertThat(acked.rotated(f, server.refresh(f.current))).isTrue();
            }
        }
        List<Acknowledged.Family> live = acked.live();
        assertThat(acked.revokedFamily(live.get(0), server.revoke(live.get(0).current, "refresh_token"))).isTrue();
        Acknowledged.Family last = live.get(live.size() - 1);
        assertThat(acked.revokedAccess(last.access, server.revoke(last.access, "access_token"))).isTrue();
        assertThat(acked.rotated(last, server.refresh(last.current))).isTrue();
    }

    private static void assertNoLoss(Acknowledged.Lost lost, String when) {
        assertThat(lost.what()).as(when + ": acknowledged writes lost").isEmpty();
    }
}
