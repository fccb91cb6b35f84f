package dev.lanyard.auth.key;

import dev.lanyard.auth.testing.MutableClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;

import static dev.lanyard.auth.key.KeyTesting.sign;
import static dev.lanyard.auth.key.KeyTesting.verifies;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

class KeyManagerTest {

    static final Instant START = Instant.parse("2026-01-01T00:00:00Z");
    static final Duration INTERVAL = Duration.ofDays(30);
    static final Duration OVERLAP = Duration.ofHours(1);

    @TempDir
    Path dir;

    final MutableClock clock = new MutableClock(START);

    Path keyFile() {
        return dir.resolve("keys.jwks.json");
    }

    KeyManager manager() {
        return KeyManager.builder()
                .algorithm(SigningAlgorithm.ES256)
                .file(keyFile())
                .rotationInterval(INTERVAL)
                .overlap(OVERLAP)
                .clock(clock)
                .build();
    }

    @Test
    void firstBuildThenGeneratesActiveAndNextAndWritesTheFile() throws IOException {
        assertThat(keyFile()).doesNotExist();

        KeyManager manager = manager();

        KeyRing ring = manager.current();
        assertThat(ring.active().algorithm()).isEqualTo(SigningAlgorithm.ES256);
        assertThat(ring.active().createdAt()).isEqualTo(START);
        assertThat(ring.next()).isPresent();
        assertThat(ring.next().orElseThrow().kid()).isNotEqualTo(ring.active().kid());
        assertThat(ring.retiring()).isEmpty();
        assertThat(keyFile()).exists();
        KeyRing onDisk = new JwkSetFile(keyFile()).load();
        assertThat(onDisk.active().kid()).isEqualTo(ring.active().kid());
        assertThat(onDisk.next().orElseThrow().kid()).isEqualTo(ring.next().orElseThrow().kid());
        if (keyFile().getFileSystem().supportedFileAttributeViews().contains("posix")) {
            assertThat(Files.getPosixFilePermissions(keyFile()))
                    .isEqualTo(PosixFilePermissions.fromString("rw-------"));
        }
    }

    @Test
    void secondBuildOnTheSameFileThenLoadsTheSameKidsWithoutRewriting() throws IOException {
        KeyRing first = manager().current();
        String written = Files.readString(keyFile());
        clock.advance(Duration.ofMinutes(5));

        KeyRing second = manager().current();

        assertThat(second.active().kid()).isEqualTo(first.active().kid());
        assertThat(second.next().orElseThrow().kid()).isEqualTo(first.next().orElseThrow().kid());
        assertThat(Files.readString(keyFile())).isEqualTo(written);
        assertThat(verifies(first.active(), sign(second.active(), "{}"))).isTrue();
    }

    @Test
    void buildWithoutAlgorithmThenRs256() {
        KeyManager manager = KeyManager.builder().clock(clock).build();

        assertThat(manager.current().active().algorithm()).isEqualTo(SigningAlgorithm.RS256);
        assertThat(manager.current().next().orElseThrow().algorithm()).isEqualTo(SigningAlgorithm.RS256);
    }

    @Test
    void rotateThenOldNextActiveOldActiveRetiringAndFileWritten() {
        KeyManager manager = manager();
        KeyRing before = manager.current();
        clock.advance(Duration.ofDays(3));

        KeyRing after = manager.rotate();

        assertThat(manager.current()).isSameAs(after);
        assertThat(after.active()).isSameAs(before.next().orElseThrow());
        assertThat(after.retiring()).containsExactly(entry(before.active(), clock.instant().plus(OVERLAP)));
        SigningKey newNext = after.next().orElseThrow();
        assertThat(newNext.kid()).isNotIn(before.active().kid(), before.next().orElseThrow().kid());
        assertThat(newNext.createdAt()).isEqualTo(clock.instant());
        assertThat(newNext.algorithm()).isEqualTo(SigningAlgorithm.ES256);

        KeyRing onDisk = new JwkSetFile(keyFile()).load();
        assertThat(onDisk.active().kid()).isEqualTo(after.active().kid());
        assertThat(onDisk.next().orElseThrow().kid()).isEqualTo(newNext.kid());
        assertThat(onDisk.retiring()).hasSize(1);
        assertThat(onDisk.retiring().keySet().iterator().next().kid()).isEqualTo(before.active().kid());
        assertThat(onDisk.retiring().values()).containsExactly(clock.instant().plus(OVERLAP));
    }

    @Test
    void rotateThenTokensOfTheOldActiveKeyStillVerifyDuringTheOverlap() {
        KeyManager manager = manager();
        String oldToken = sign(manager.current().active(), "{}");

        KeyRing after = manager.rotate();

        SigningKey oldKey = after.find(kidOf(oldToken)).orElseThrow();
        assertThat(verifies(oldKey, oldToken)).isTrue();
        assertThat(KeySource.of(manager).find(kidOf(oldToken))).containsSame(oldKey);
    }

    @Test
    void rotateWhenRingHasNoNextKeyThenGeneratesOneAndRotates() {
        SigningKey only = SigningKey.generate(SigningAlgorithm.ES256, START);
        KeyManager manager = KeyManager.builder().ring(KeyRing.of(only)).clock(clock).build();

        KeyRing after = manager.rotate();

        assertThat(after.active()).isNotSameAs(only);
        assertThat(after.retiring()).containsOnlyKeys(only);
        assertThat(after.next()).isPresent();
    }

    @Test
    void rotateIfDueBeforeRotationIntervalThenDoesNothing() throws IOException {
        KeyManager manager = manager();
        KeyRing before = manager.current();
        String written = Files.readString(keyFile());
        clock.advance(INTERVAL.minusSeconds(1));

        assertThat(manager.rotateIfDue()).isFalse();

        assertThat(manager.current()).isSameAs(before);
        assertThat(Files.readString(keyFile())).isEqualTo(written);
    }

    @Test
    void rotateIfDueAtRotationIntervalThenRotatesAndWritesTheFile() {
        KeyManager manager = manager();
        KeyRing before = manager.current();
        clock.advance(INTERVAL);

        assertThat(manager.rotateIfDue()).isTrue();

        KeyRing after = manager.current();
        assertThat(after.active()).isSameAs(before.next().orElseThrow());
        assertThat(after.retiring()).containsOnlyKeys(before.active());
        assertThat(new JwkSetFile(keyFile()).load().active().kid()).isEqualTo(after.active().kid());
    }

    @Test
    void rotateIfDueRightAfterARotationThenDoesNothing() {
        KeyManager manager = manager();
        clock.advance(INTERVAL);
        assertThat(manager.rotateIfDue()).isTrue();
        KeyRing rotated = manager.current();

        assertThat(manager.rotateIfDue()).as("a second call at the same instant").isFalse();
        assertThat(manager.current()).isSameAs(rotated);

        clock.advance(Duration.ofDays(1));
        assertThat(manager.rotateIfDue()).as("the next day: the overlap ended").isTrue();

        assertThat(manager.current().active()).isSameAs(rotated.active());
        assertThat(manager.current().next()).isEqualTo(rotated.next());
        assertThat(manager.current().retiring()).isEmpty();
    }

    @Test
    void rotateIfDueAfterRestartFromTheFileThenScheduleKept() {
        KeyManager first = manager();
        clock.advance(INTERVAL);
        assertThat(first.rotateIfDue()).isTrue();
        SigningKey active = first.current().active();
        clock.advance(Duration.ofDays(1));

        KeyManager restarted = manager();
        restarted.rotateIfDue();

        assertThat(restarted.current().active().kid()).as("no rotation a day after the last one")
                .isEqualTo(active.kid());
        clock.advance(INTERVAL.minusDays(1));
        assertThat(restarted.rotateIfDue()).isTrue();
        assertThat(restarted.current().active().kid()).isNotEqualTo(active.kid());
    }

    @Test
    void rotateIfDueCalledDailyThenRotatesOncePerInterval() {
        KeyManager manager = manager();
        int rotations = 0;
        String active = manager.current().active().kid();

        for (int day = 1; day <= 90; day++) {
            clock.advance(Duration.ofDays(1));
            manager.rotateIfDue();
            if (!manager.current().active().kid().equals(active)) {
                rotations++;
                active = manager.current().active().kid();
            }
        }

        assertThat(rotations).isEqualTo(3);
    }

    @Test
    void rotateIfDueThenEveryNewActiveKeyWasPublishedAsNextForAFullInterval() {
        KeyManager manager = manager();
        for (int i = 0; i < 3; i++) {
            SigningKey published = manager.current().next().orElseThrow();
            Instant publishedAt = clock.instant();
            while (manager.current().active() != published) {
                clock.advance(Duration.ofDays(1));
                manager.rotateIfDue();
            }
            assertThat(Duration.between(publishedAt, clock.instant())).isGreaterThanOrEqualTo(INTERVAL);
        }
    }

    @Test
    void rotateIfDueThenRetiringKeyDropsOnlyAfterTheOverlap() {
        KeyManager manager = manager();
        SigningKey first = manager.current().active();
        clock.advance(INTERVAL);
        manager.rotateIfDue();
        assertThat(manager.current().find(first.kid())).isPresent();

        clock.advance(OVERLAP.minusSeconds(1));
        assertThat(manager.rotateIfDue()).isFalse();
        assertThat(manager.current().find(first.kid())).isPresent();

        clock.advance(Duration.ofSeconds(1));
        assertThat(manager.rotateIfDue()).isTrue();
        assertThat(manager.current().find(first.kid())).isEmpty();
        assertThat(manager.current().retiring()).isEmpty();
        assertThat(new JwkSetFile(keyFile()).load().find(first.kid())).isEmpty();
    }

    @Test
    void rotateIfDueWithoutRotationIntervalThenNeverRotatesButDropsExpiredKeys() {
        KeyManager manager = KeyManager.builder().algorithm(SigningAlgorithm.ES256).overlap(OVERLAP).clock(clock)
                .build();
        SigningKey first = manager.current().active();
        clock.advance(Duration.ofDays(3650));
        assertThat(manager.rotateIfDue()).isFalse();

        manager.rotate();
        assertThat(manager.rotateIfDue()).isFalse();
        clock.advance(OVERLAP);

        assertThat(manager.rotateIfDue()).isTrue();
        assertThat(manager.current().find(first.kid())).isEmpty();
    }

    @Test
    void ofRingThenCurrentIsThatRingAndNothingIsWritten() throws IOException {
        KeyRing ring = KeyRing.of(SigningKey.generate(SigningAlgorithm.ES256));

        KeyManager manager = KeyManager.of(ring);

        assertThat(manager.current()).isSameAs(ring);
        manager.rotate();
        try (var files = Files.list(dir)) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void keySourceOfManagerThenVersionChangesOnRotation() {
        KeyManager manager = manager();
        KeySource source = KeySource.of(manager);
        Object version = source.version();

        manager.rotate();

        assertThat(source.version()).isNotSameAs(version);
    }

    @Test
    void builderWithRingAndFileThenRefused() {
        KeyManager.Builder builder = KeyManager.builder()
                .ring(KeyRing.of(SigningKey.generate(SigningAlgorithm.ES256)))
                .file(keyFile());

        assertThatThrownBy(builder::build)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("ring")
                .hasMessageContaining("file");
        assertThat(keyFile()).doesNotExist();
    }

    @Test
    void builderWithAlgorithmContradictingTheRingThenRefused() {
        KeyManager.Builder builder = KeyManager.builder()
                .ring(KeyRing.of(SigningKey.generate(SigningAlgorithm.ES256)))
                .algorithm(SigningAlgorithm.RS256);

        assertThatThrownBy(builder::build).isInstanceOf(IllegalStateException.class).hasMessageContaining("RS256");
    }

    @Test
    void builderWithNegativeOverlapThenRefused() {
        assertThatThrownBy(() -> KeyManager.builder().overlap(Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("overlap");
    }

    @Test
    void builderWithZeroOverlapThenAccepted() {
        KeyManager manager = KeyManager.builder().algorithm(SigningAlgorithm.ES256).overlap(Duration.ZERO)
                .clock(clock).build();
        SigningKey first = manager.current().active();

        manager.rotate();

        assertThat(manager.current().retiring()).containsExactly(entry(first, START));
        assertThat(manager.rotateIfDue()).isTrue();
        assertThat(manager.current().retiring()).isEmpty();
    }

    @Test
    void builderWithZeroRotationIntervalThenRefused() {
        assertThatThrownBy(() -> KeyManager.builder().rotationInterval(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("rotationInterval");
        assertThatThrownBy(() -> KeyManager.builder().rotationInterval(Duration.ofDays(-1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("rotationInterval");
    }

    @Test
    void builderSettingAValueTwiceThenRefused() {
        assertThatThrownBy(() -> KeyManager.builder().algorithm(SigningAlgorithm.ES256).algorithm(SigningAlgorithm.ES256))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("algorithm was already set");
        assertThatThrownBy(() -> KeyManager.builder().file(keyFile()).file(keyFile()))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("file was already set");
        KeyRing ring = KeyRing.of(SigningKey.generate(SigningAlgorithm.ES256));
        assertThatThrownBy(() -> KeyManager.builder().ring(ring).ring(ring))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("ring was already set");
        assertThatThrownBy(() -> KeyManager.builder().rotationInterval(INTERVAL).rotationInterval(INTERVAL))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("rotationInterval was already set");
        assertThatThrownBy(() -> KeyManager.builder().overlap(OVERLAP).overlap(OVERLAP))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("overlap was already set");
        assertThatThrownBy(() -> KeyManager.builder().clock(clock).clock(clock))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("clock was already set");
    }

    /** The kid in a compact JWS header. */
    private static String kidOf(String compact) {
        try {
            return com.nimbusds.jose.JWSObject.parse(compact).getHeader().getKeyID();
        } catch (java.text.ParseException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void liveAfterTheDropTimeThenPrunesInMemoryWithoutWritingAndRotateIfDueSavesIt() throws IOException {
        KeyManager manager = manager();
        clock.advance(INTERVAL);
        manager.rotate();
        KeyRing rotated = manager.current();
        assertThat(rotated.retiring()).hasSize(1);
        clock.advance(OVERLAP.plusMinutes(1));
        // The file cannot be written now (its directory is gone, a plain file in its place): the verify path
        // must not care.
        Path moved = dir.resolveSibling(dir.getFileName() + "-moved");
        Files.move(dir, moved);
        Files.writeString(dir, "not a directory");

        KeyRing live = manager.live();

        assertThat(live.retiring()).as("dropped at its time, in memory").isEmpty();
        assertThat(live.active().kid()).isEqualTo(rotated.active().kid());
        assertThatThrownBy(manager::rotateIfDue).as("the save is rotateIfDue's, and it says when it fails")
                .isInstanceOf(RuntimeException.class);

        Files.delete(dir);
        Files.move(moved, dir);
        assertThat(new JwkSetFile(keyFile()).load().retiring()).as("not written by live()").hasSize(1);
        assertThat(manager.rotateIfDue()).as("saves what live() pruned").isTrue();
        assertThat(new JwkSetFile(keyFile()).load().retiring()).isEmpty();
        assertThat(manager.rotateIfDue()).isFalse();
    }

    @Test
    void buildWithAStoreAndAFileOrRingThenRefused() {
        assertThatThrownBy(() -> KeyManager.builder().store(KeyRingStore.inMemory()).file(keyFile()).build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("store(..) alone");
        assertThatThrownBy(() -> KeyManager.builder().store(KeyRingStore.inMemory())
                .ring(KeyRing.of(SigningKey.generate(SigningAlgorithm.ES256))).build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("store(..) alone");
        assertThatThrownBy(() -> KeyManager.builder().refreshInterval(Duration.ofSeconds(1)).build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("needs store(..)");
        assertThatThrownBy(() -> KeyManager.builder().refreshInterval(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> KeyManager.builder().store(KeyRingStore.inMemory()).store(KeyRingStore.inMemory()))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("already set");
    }

    @Test
    void withoutAStoreRefreshDoesNothing() {
        KeyManager manager = manager();
        clock.advance(Duration.ofMinutes(1));

        assertThat(manager.refreshIfDue()).isFalse();
        assertThat(manager.refresh()).isFalse();
        assertThat(manager.storedVersion()).isZero();
    }

    @Test
    void buildOnAnEmptyStoreThenStoresTheFreshRingAsVersionOne() {
        KeyRingStore store = KeyRingStore.inMemory();
        KeyManager manager = KeyManager.builder().store(store).clock(clock).build();
        KeyRingStore.Snapshot stored = store.load().orElseThrow();
        assertThat(stored.version()).isEqualTo(1);
        assertThat(manager.current()).isSameAs(stored.ring());
    }
}
