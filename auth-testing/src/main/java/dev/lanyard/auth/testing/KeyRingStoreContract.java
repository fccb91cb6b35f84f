package dev.lanyard.auth.testing;

import dev.lanyard.auth.key.KeyManager;
import dev.lanyard.auth.key.KeyRing;
import dev.lanyard.auth.key.KeyRingStore;
import dev.lanyard.auth.key.KeySource;
import dev.lanyard.auth.key.SigningAlgorithm;
import dev.lanyard.auth.key.SigningKey;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The behaviour every {@link KeyRingStore} owes the {@link KeyManager}s of several nodes sharing it:
 * a compare-and-set on the version, one ring created when nodes start at once, one rotation when
 * they rotate at once, and another node's change picked up on refresh. Extend it with a store of
 * your own:
 *
 * <pre>{@code
 * class RedisKeyRingStoreTest extends KeyRingStoreContract {
 *     protected KeyRingStore newStore() { return new RedisKeyRingStore(emptyTestRedis(), kek); }
 *     protected KeyRingStore sameStorage() { return new RedisKeyRingStore(sameTestRedis(), kek); }
 * }
 * }</pre>
 */
public abstract class KeyRingStoreContract {

    /** How often the tests' key managers rotate the signing key. */
    protected static final Duration INTERVAL = Duration.ofDays(30);
    /** How long the tests' key managers keep publishing a retired key after a rotation. */
    protected static final Duration OVERLAP = Duration.ofHours(1);
    /** How often the tests' key managers reload the ring from the store. */
    protected static final Duration REFRESH = Duration.ofSeconds(5);

    /** The clock of every node the tests start; advance it to move through rotations without sleeping. */
    protected final MutableClock clock = MutableClock.at("2026-12-03T10:00:00Z");
    /** The store under test, from {@link #newStore()}; created before each test. */
    protected KeyRingStore store;

    /**
     * An empty store, over storage of its own.
     *
     * @return the store under test
     */
    protected abstract KeyRingStore newStore();

    /**
     * Another store over the storage of the last {@link #newStore()}: what another node opens.
     *
     * @return a second store instance sharing the first one's data
     */
    protected abstract KeyRingStore sameStorage();

    @BeforeEach
    void create() {
        store = newStore();
    }

    /**
     * A manager of a node on this store's storage.
     *
     * @param nodeStore the store the node reads and writes its keys through
     * @return an ES256 key manager on {@link #clock}, with the tests' interval, overlap and refresh
     */
    protected KeyManager node(KeyRingStore nodeStore) {
        return KeyManager.builder().algorithm(SigningAlgorithm.ES256).store(nodeStore).rotationInterval(INTERVAL)
                .overlap(OVERLAP).refreshInterval(REFRESH).clock(clock).build();
    }

    /**
     * A ring of a fresh current key and a fresh next key, both created at the given instant.
     *
     * @param at when the keys were created
     * @return the ring, ready to be saved
     */
    protected static KeyRing ring(Instant at) {
        return KeyRing.of(SigningKey.generate(SigningAlgorithm.ES256, at)).withNext(SigningKey.generate(SigningAlgorithm.ES256, at));
    }

    /**
     * Whether {@code a} and {@code b} hold the same key pair: b verifies what a signs.
     *
     * @param a the key that signs the probe
     * @param b the key that verifies it
     * @return true if both have the same kid and b accepts a's signature
     */
    protected static boolean sameKey(SigningKey a, SigningKey b) {
        byte[] probe = "probe".getBytes(StandardCharsets.US_ASCII);
        return a.kid().equals(b.kid()) && b.verifySignature(probe, a.sign(probe));
    }

    @Test
    void emptyStoreLoadsNothing() {
        assertThat(store.load()).isEmpty();
    }

    @Test
    void replaceFromZeroThenLoadsTheSameRingAsVersionOne() {
        Instant now = clock.instant();
        SigningKey retired = SigningKey.generate(SigningAlgorithm.ES256, now.minusSeconds(3600));
        SigningKey old = SigningKey.generate(SigningAlgorithm.ES256, now.minusSeconds(7200));
        Map<SigningKey, Instant> retiring = new LinkedHashMap<>();
        retiring.put(retired, now.plus(OVERLAP));
        retiring.put(old, Instant.MAX); // a key imported from a plain JWK set: no drop time
        KeyRing ring = KeyRing.of(SigningKey.generate(SigningAlgorithm.ES256, now),
                SigningKey.generate(SigningAlgorithm.ES256, now), retiring);

        assertThat(store.replace(0, ring)).isTrue();
        KeyRingStore.Snapshot loaded = store.load().orElseThrow();

        assertThat(loaded.version()).isEqualTo(1);
        assertThat(sameKey(ring.active(), loaded.ring().active())).isTrue();
        assertThat(loaded.ring().active().canSign()).isTrue();
        assertThat(sameKey(ring.next().orElseThrow(), loaded.ring().next().orElseThrow())).isTrue();
        assertThat(loaded.ring().active().createdAt()).isEqualTo(ring.active().createdAt());
        assertThat(loaded.ring().retiring().keySet()).extracting(SigningKey::kid).containsExactly(retired.kid(), old.kid());
        assertThat(loaded.ring().retiring().values()).containsExactly(now.plus(OVERLAP), Instant.MAX);
        assertThat(loaded.ring().publicJwkSetJson()).isEqualTo(ring.publicJwkSetJson());
    }

    @Test
    void replaceFromAStaleVersionThenRefusedAndTheRingKept() {
        KeyRing first = ring(clock.instant());
        assertThat(store.replace(0, first)).isTrue();

        assertThat(store.replace(0, ring(clock.instant()))).as("a second creation").isFalse();
        assertThat(store.replace(2, ring(clock.instant()))).as("a version not stored yet").isFalse();
        KeyRing second = ring(clock.instant());
        assertThat(store.replace(1, second)).isTrue();
        assertThat(store.replace(1, ring(clock.instant()))).as("the version read before the change").isFalse();

        KeyRingStore.Snapshot loaded = store.load().orElseThrow();
        assertThat(loaded.version()).isEqualTo(2);
        assertThat(loaded.ring().active().kid()).isEqualTo(second.active().kid());
    }

    @Test
    void anotherNodeReadsWhatOneStored() {
        KeyRing ring = ring(clock.instant());
        store.replace(0, ring);

        KeyRingStore.Snapshot other = sameStorage().load().orElseThrow();

        assertThat(other.version()).isEqualTo(1);
        assertThat(sameKey(ring.active(), other.ring().active())).isTrue();
    }

    @Test
    void nodesStartingAtOnceOnAnEmptyStoreThenShareOneRing() throws Exception {
        List<String> actives = Race.run(4, i -> node(i == 0 ? store : sameStorage()).current().active().kid());

        assertThat(actives).containsOnly(actives.get(0));
        assertThat(store.load().orElseThrow().version()).isEqualTo(1);
    }

    @Test
    void twoNodesRotatingAtOnceThenExactlyOneNewActiveKey() throws Exception {
        KeyManager a = node(store);
        KeyManager b = node(sameStorage());
        String next = a.current().next().orElseThrow().kid();
        String before = a.current().active().kid();
        clock.advance(Duration.ofMinutes(1));

        List<KeyRing> rotated = Race.run(2, i -> (i == 0 ? a : b).rotate());

        assertThat(rotated.get(0).active().kid()).isEqualTo(next).isEqualTo(rotated.get(1).active().kid());
        assertThat(a.current().active().kid()).isEqualTo(b.current().active().kid()).isEqualTo(next);
        KeyRingStore.Snapshot stored = store.load().orElseThrow();
        assertThat(stored.version()).as("one rotation stored").isEqualTo(2);
        assertThat(stored.ring().retiring().keySet()).extracting(SigningKey::kid).containsExactly(before);
        assertThat(a.current().next().orElseThrow().kid()).isEqualTo(b.current().next().orElseThrow().kid());
    }

    @Test
    void manyNodesFindingARotationDueAtOnceThenOneRotates() throws Exception {
        List<KeyManager> nodes = List.of(node(store), node(sameStorage()), node(sameStorage()), node(sameStorage()));
        String next = nodes.get(0).current().next().orElseThrow().kid();
        clock.advance(INTERVAL);

        List<Boolean> changed = Race.run(nodes.size(), i -> nodes.get(i).rotateIfDue());

        assertThat(changed).containsOnly(true);
        assertThat(store.load().orElseThrow().version()).as("one rotation stored, the others adopted it").isEqualTo(2);
        assertThat(nodes).allSatisfy(n -> assertThat(n.current().active().kid()).isEqualTo(next));
        assertThat(nodes).allSatisfy(n -> assertThat(n.rotateIfDue()).as("nothing due any more").isFalse());
    }

    @Test
    void anotherNodePicksUpARotationAfterItsRefreshInterval() {
        KeyManager a = node(store);
        KeyManager b = node(sameStorage());
        String old = b.current().active().kid();
        Object versionBefore = KeySource.of(b).version();

        KeyRing rotated = a.rotate();
        clock.advance(REFRESH.minusMillis(1));
        assertThat(b.refreshIfDue()).as("within the refresh interval, no read").isFalse();
        assertThat(b.current().active().kid()).isEqualTo(old);

        clock.advance(Duration.ofMillis(1));
        assertThat(b.refreshIfDue()).isTrue();

        assertThat(b.current().active().kid()).isEqualTo(rotated.active().kid());
        assertThat(b.current().publicJwkSetJson()).as("every node publishes the same JWKS")
                .isEqualTo(a.current().publicJwkSetJson());
        assertThat(KeySource.of(b).find(rotated.next().orElseThrow().kid())).isPresent();
        assertThat(KeySource.of(b).version()).as("cached tokens are checked again").isNotSameAs(versionBefore);
        assertThat(b.refreshIfDue()).as("read again only after another interval").isFalse();
    }

    @Test
    void aRetiringKeyKeepsVerifyingOnEveryNodeForItsOverlap() {
        KeyManager a = node(store);
        KeyManager b = node(sameStorage());
        String old = a.current().active().kid();
        a.rotate();
        clock.advance(REFRESH);
        b.refreshIfDue();

        clock.advance(OVERLAP.minus(REFRESH).minusSeconds(1));
        assertThat(KeySource.of(b).find(old)).as("within the overlap").isPresent();

        clock.advance(Duration.ofSeconds(1));
        assertThat(KeySource.of(b).find(old)).as("dropped at its drop time, before any store change").isEmpty();
        assertThat(a.rotateIfDue()).isTrue();
        assertThat(store.load().orElseThrow().ring().find(old)).as("the drop is stored").isEmpty();
        clock.advance(REFRESH);
        b.refreshIfDue();
        assertThat(b.current().find(old)).isEmpty();
    }

    @Test
    void anUnknownKidNeverReadsTheStore() {
        AtomicInteger reads = new AtomicInteger();
        KeyRingStore shared = sameStorage();
        KeyRingStore counting = new KeyRingStore() {
            @Override
            public Optional<Snapshot> load() {
                reads.incrementAndGet();
                return shared.load();
            }

            @Override
            public boolean replace(long expectedVersion, KeyRing ring) {
                return shared.replace(expectedVersion, ring);
            }
        };
        KeySource keys = KeySource.of(node(counting));
        int afterStart = reads.get();

        for (int i = 0; i < 1_000; i++) {
            assertThat(keys.find("unknown-" + i)).isEmpty();
        }

        assertThat(reads.get()).isEqualTo(afterStart);
    }
}
