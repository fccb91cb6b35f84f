package dev.lanyard.auth.key;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Owns the current {@link KeyRing} of an issuer: creates it on first start, persists it, rotates it on
 * a schedule or on command. Mints and verifications read {@link #current()}, a lock-free snapshot.
 *
 * <pre>{@code
 * KeyManager keys = KeyManager.builder()
 *         .algorithm(SigningAlgorithm.RS256)
 *         .file(Path.of("lanyard-data/keys.jwks.json"))   // generated on first start, then reloaded
 *         .rotationInterval(Duration.ofDays(30))
 *         .overlap(Duration.ofHours(1))                    // >= access-token lifetime + skew
 *         .build();
 * keys.rotateIfDue();                                      // call from a daily scheduled task
 * }</pre>
 *
 * <p>Thread-safe. With a file, each rotation is written before it takes effect, so a crash never
 * leaves a process signing with a key the file does not hold. Several processes must not rotate the
 * same file; give one of them that job.
 *
 * <p>Several nodes share one ring through a {@link KeyRingStore} (a database: {@code JdbcKeyRingStore}).
 * The first node creates the ring; each change is a compare-and-set on the stored version, so when
 * two nodes rotate at the same moment one wins and the other adopts its ring: there is never more
 * than one active key. Each node reads the store again on {@link #refreshIfDue()}, at most once per
 * refresh interval (default 5 seconds), from a scheduled task, never on the verify path: a token
 * naming an unknown kid costs no read.
 *
 * <pre>{@code
 * KeyManager keys = KeyManager.builder()
 *         .store(new JdbcKeyRingStore(dataSource, kek))
 *         .rotationInterval(Duration.ofDays(30))
 *         .build();
 * scheduler.scheduleWithFixedDelay(() -> {
 *     try {
 *         keys.refreshIfDue();   // picks up another node's rotation within the refresh interval
 *         keys.rotateIfDue();    // whichever node finds it due first rotates, for all
 *     } catch (RuntimeException e) {
 *         log.warn("key ring not read: {}", e.toString()); // the ring in force stays; the next run tries again
 *     }
 * }, 1, 1, TimeUnit.SECONDS);
 * }</pre>
 */
public final class KeyManager {

    /** How often {@link #refreshIfDue()} reads the store when the builder is not told. */
    public static final Duration DEFAULT_REFRESH_INTERVAL = Duration.ofSeconds(5);
    /** How often a compare-and-set that lost is tried again before giving up. */
    private static final int MAX_ATTEMPTS = 10;

    private final SigningAlgorithm algorithm;
    private final JwkSetFile file;
    private final Duration rotationInterval;
    private final Duration overlap;
    private final Clock clock;
    private final KeyRingStore store;
    private final Duration refreshInterval;
    private final AtomicReference<KeyRing> ring;
    /** The ring as last written to the file (or as loaded or given); guarded by this. */
    private KeyRing saved;
    /** With a store: the version of the ring in force, and when the store was last read; guarded by this. */
    private long storedVersion;
    private Instant lastRead;

    private KeyManager(Builder b) {
        this.algorithm = b.algorithm;
        this.file = b.file;
        this.store = b.store;
        this.refreshInterval = b.refreshInterval;
        this.rotationInterval = b.rotationInterval;
        this.overlap = b.overlap;
        this.clock = b.clock;
        this.ring = new AtomicReference<>(initialRing(b.ring));
        this.saved = ring.get();
    }

    /**
     * A manager over a fixed ring, never persisted: for tests and for apps that manage keys themselves.
     *
     * @param ring the ring to serve; rotations then happen in memory only
     * @return the manager
     */
    public static KeyManager of(KeyRing ring) {
        return builder().ring(ring).build();
    }

    /**
     * Starts a builder; without {@code file(..)} or {@code ring(..)} fresh keys are generated in memory.
     *
     * @return a new builder with nothing set
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The ring in force now.
     *
     * @return the current ring, a snapshot read without locking
     */
    public KeyRing current() {
        return ring.get();
    }

    /**
     * The ring in force now for verification: like {@link #current()}, but a retiring key whose drop time
     * has passed is dropped at once, even if no {@link #rotateIfDue()} has run. Only in memory: the verify
     * path never writes the file (a full or read-only disk must not fail verification); the next
     * {@link #rotateIfDue()} saves the pruned ring. Cheap when nothing is due: one comparison.
     *
     * @return the current ring without keys whose drop time has passed
     */
    public KeyRing live() {
        while (true) {
            KeyRing current = ring.get();
            Instant now = clock.instant();
            if (current.nextDrop().isAfter(now)) {
                return current;
            }
            // without the lock: a refresh or rotation holding it may be waiting on the store
            KeyRing pruned = current.dropExpired(now);
            if (ring.compareAndSet(current, pruned)) {
                return pruned;
            }
        }
    }

    /**
     * Rotates now: the next key becomes active, the active one retires for the overlap, and a fresh
     * next key is generated and published. With a store, the rotation is stored first; when another
     * node has rotated the ring since this one last read it, its rotation is adopted instead.
     *
     * @return the new ring
     */
    public synchronized KeyRing rotate() {
        if (store != null) {
            return rotateStored();
        }
        KeyRing rotated = rotation(ring.get(), clock.instant());
        publish(rotated);
        return rotated;
    }

    private KeyRing rotation(KeyRing current, Instant now) {
        KeyRing base = current.next().isPresent() ? current
                : current.withNext(SigningKey.generate(current.active().algorithm(), now));
        return base.rotate(SigningKey.generate(base.active().algorithm(), now), now, overlap);
    }

    /**
     * Rotates the stored ring, unless another node rotated it since this one last read it: then that
     * rotation stands for this one and is adopted (two nodes asked to rotate at the same moment make
     * one rotation, never two in a row that would retire a key no verifier has seen sign).
     */
    private KeyRing rotateStored() {
        String serving = ring.get().active().kid();
        for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
            KeyRingStore.Snapshot read = readStore();
            if (!read.ring().active().kid().equals(serving)) {
                adopt(read);
                return read.ring();
            }
            KeyRing rotated = rotation(read.ring(), clock.instant());
            if (store.replace(read.version(), rotated)) {
                adopt(new KeyRingStore.Snapshot(rotated, read.version() + 1));
                return rotated;
            }
        }
        throw new IllegalStateException("could not rotate the stored key ring: it changed under " + MAX_ATTEMPTS
                + " attempts in a row");
    }

    /**
     * Rotates when the active key has been in force for the rotation interval, and drops retiring keys
     * whose overlap has ended. Call it from a scheduled task; it does nothing when nothing is due.
     *
     * @return whether the ring changed
     */
    public synchronized boolean rotateIfDue() {
        if (store != null) {
            return rotateStoredIfDue();
        }
        Instant now = clock.instant();
        KeyRing current = ring.get();
        if (rotationInterval != null && !activeSince(current).plus(rotationInterval).isAfter(now)) {
            rotate();
            return true;
        }
        KeyRing pruned = current.dropExpired(now);
        if (pruned != current || current != saved) { // saved: live() may have pruned in memory only
            publish(pruned);
            return true;
        }
        return false;
    }

    /**
     * As {@link #rotateIfDue()} on the stored ring. Only when something is due in the ring in force is
     * the store read: the node that finds a rotation (or a drop) due first stores it, and the others,
     * whose compare-and-set then fails, adopt its ring and find nothing due any more.
     */
    private boolean rotateStoredIfDue() {
        Instant start = clock.instant();
        if (!rotationDue(saved, start) && saved.nextDrop().isAfter(start)) {
            return false; // nothing due in the ring in force: no read (refreshIfDue() keeps that ring current)
        }
        KeyRing before = ring.get();
        for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
            Instant now = clock.instant();
            KeyRingStore.Snapshot read = readStore();
            adopt(read);
            KeyRing current = read.ring();
            KeyRing changed = dueChange(current, now);
            if (changed == current) {
                return ring.get() != before;
            }
            if (store.replace(read.version(), changed)) {
                adopt(new KeyRingStore.Snapshot(changed, read.version() + 1));
                return true;
            }
        }
        throw new IllegalStateException("could not update the stored key ring: it changed under " + MAX_ATTEMPTS
                + " attempts in a row");
    }

    /** The ring rotated when a rotation is due, else without its expired keys (itself when nothing is due). */
    private KeyRing dueChange(KeyRing current, Instant now) {
        return rotationDue(current, now) ? rotation(current, now) : current.dropExpired(now);
    }

    private boolean rotationDue(KeyRing current, Instant now) {
        return rotationInterval != null && !activeSince(current).plus(rotationInterval).isAfter(now);
    }

    /**
     * Reads the store when the refresh interval has passed since it was last read, and adopts a ring
     * another node stored meanwhile. Call it from a scheduled task (every second, say); it never runs
     * on the verify path. Without a store it does nothing.
     *
     * @return whether the ring in force changed
     * @throws dev.lanyard.auth.StoreException when the store cannot be read; the ring in force stays,
     *                                         and the next call reads again
     */
    public synchronized boolean refreshIfDue() {
        if (store == null || clock.instant().isBefore(lastRead.plus(refreshInterval))) {
            return false;
        }
        return refresh();
    }

    /**
     * Reads the store now and adopts the ring stored there, if another node changed it. Without a
     * store it does nothing.
     *
     * @return whether the ring in force changed
     * @throws dev.lanyard.auth.StoreException when the store cannot be read
     */
    public synchronized boolean refresh() {
        if (store == null) {
            return false;
        }
        KeyRing before = ring.get();
        adopt(readStore());
        return ring.get() != before;
    }

    /**
     * The version of the stored ring in force here: 0 without a store.
     *
     * @return the version this node last read or wrote
     */
    public synchronized long storedVersion() {
        return storedVersion;
    }

    private KeyRingStore.Snapshot readStore() {
        Optional<KeyRingStore.Snapshot> read = store.load();
        lastRead = clock.instant();
        return read.orElseThrow(() -> new IllegalStateException("the key ring is gone from its store (version "
                + storedVersion + " was in force): restore it, or restart the nodes to create a new one"));
    }

    /** Puts a stored ring in force, unless it is the one in force already (its identity is the verifiers' version). */
    private void adopt(KeyRingStore.Snapshot read) {
        if (read.version() != storedVersion) {
            storedVersion = read.version();
            saved = read.ring();
            ring.set(read.ring());
        }
    }

    /**
     * When the active key took over. A promoted key was created one rotation before it became active,
     * so its own age would make the rotation due again at once; the next key is generated at each
     * rotation (and with the first active key), so the later of the two creation times is used.
     */
    private static Instant activeSince(KeyRing ring) {
        Instant active = ring.active().createdAt();
        Instant next = ring.next().map(SigningKey::createdAt).orElse(active);
        return next.isAfter(active) ? next : active;
    }

    private void publish(KeyRing next) {
        if (file != null) {
            file.save(next);
        }
        saved = next;
        ring.set(next);
    }

    private KeyRing initialRing(KeyRing given) {
        if (given != null) {
            return given;
        }
        if (store != null) {
            return initialStored();
        }
        if (file != null && file.exists()) {
            return file.load();
        }
        Instant now = clock.instant();
        KeyRing fresh = KeyRing.of(SigningKey.generate(algorithm, now)).withNext(SigningKey.generate(algorithm, now));
        if (file != null) {
            file.save(fresh);
        }
        return fresh;
    }

    /** The stored ring, or a fresh one stored as the first: when two nodes start at once, one creates it. */
    private KeyRing initialStored() {
        for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
            Optional<KeyRingStore.Snapshot> read = store.load();
            lastRead = clock.instant();
            if (read.isPresent()) {
                storedVersion = read.get().version();
                return read.get().ring();
            }
            Instant now = clock.instant();
            KeyRing fresh = KeyRing.of(SigningKey.generate(algorithm, now)).withNext(SigningKey.generate(algorithm, now));
            if (store.replace(0, fresh)) {
                storedVersion = 1;
                return fresh;
            }
        }
        throw new IllegalStateException("could not create or read the stored key ring in " + MAX_ATTEMPTS + " attempts");
    }

    /** Builds a {@link KeyManager}; each setting may be given once. */
    public static final class Builder {
        private SigningAlgorithm algorithm;
        private JwkSetFile file;
        private KeyRingStore store;
        private Duration refreshInterval;
        private KeyRing ring;
        private Duration rotationInterval;
        private Duration overlap;
        private Clock clock;

        private Builder() {
        }

        /**
         * The algorithm of generated keys; default RS256.
         *
         * @param algorithm the algorithm; with {@code ring(..)} it must match the ring's active key
         * @return this builder
         * @throws IllegalStateException when it was already set
         */
        public Builder algorithm(SigningAlgorithm algorithm) {
            requireUnset(this.algorithm, "algorithm");
            this.algorithm = Objects.requireNonNull(algorithm, "algorithm");
            return this;
        }

        /**
         * Where the ring is kept: loaded when the file exists, generated and written otherwise.
         *
         * @param path the JWK set file; it holds private keys, so keep it readable by this process only
         * @return this builder
         * @throws IllegalStateException when it was already set
         */
        public Builder file(java.nio.file.Path path) {
            requireUnset(this.file, "file");
            this.file = new JwkSetFile(path);
            return this;
        }

        /**
         * Where a ring shared by several nodes is kept: read when it holds one, else created there by
         * the first node. Not together with {@code file(..)} or {@code ring(..)}.
         *
         * @param store the store, e.g. a {@code JdbcKeyRingStore}
         * @return this builder
         * @throws IllegalStateException when it was already set
         */
        public Builder store(KeyRingStore store) {
            requireUnset(this.store, "store");
            this.store = Objects.requireNonNull(store, "store");
            return this;
        }

        /**
         * With {@code store(..)}: the least time between two reads of the store by
         * {@link KeyManager#refreshIfDue()}; default 5 seconds. It bounds how late this node sees
         * another node's rotation.
         *
         * @param interval the refresh interval, positive
         * @return this builder
         * @throws IllegalArgumentException when it is not positive
         * @throws IllegalStateException when it was already set
         */
        public Builder refreshInterval(Duration interval) {
            requireUnset(this.refreshInterval, "refreshInterval");
            if (interval == null || interval.isNegative() || interval.isZero()) {
                throw new IllegalArgumentException("refreshInterval must be positive");
            }
            this.refreshInterval = interval;
            return this;
        }

        /**
         * A ring to start from instead of a file or fresh keys.
         *
         * @param ring the ring; not together with {@code file(..)}
         * @return this builder
         * @throws IllegalStateException when it was already set
         */
        public Builder ring(KeyRing ring) {
            requireUnset(this.ring, "ring");
            this.ring = Objects.requireNonNull(ring, "ring");
            return this;
        }

        /**
         * How long a key signs before {@link #rotateIfDue()} rotates; default: never.
         *
         * @param interval the rotation interval, positive
         * @return this builder
         * @throws IllegalArgumentException when it is not positive
         * @throws IllegalStateException when it was already set
         */
        public Builder rotationInterval(Duration interval) {
            requireUnset(this.rotationInterval, "rotationInterval");
            if (interval == null || interval.isNegative() || interval.isZero()) {
                throw new IllegalArgumentException("rotationInterval must be positive");
            }
            this.rotationInterval = interval;
            return this;
        }

        /**
         * How long a retired key keeps verifying; default one hour.
         *
         * @param overlap at least the access-token lifetime plus the verifiers' clock skew
         * @return this builder
         * @throws IllegalArgumentException when it is negative
         * @throws IllegalStateException when it was already set
         */
        public Builder overlap(Duration overlap) {
            requireUnset(this.overlap, "overlap");
            if (overlap == null || overlap.isNegative()) {
                throw new IllegalArgumentException("overlap must be zero or positive");
            }
            this.overlap = overlap;
            return this;
        }

        /**
         * The clock for key creation times and rotation; default the system UTC clock.
         *
         * @param clock the clock to read; a fixed one in tests
         * @return this builder
         * @throws IllegalStateException when it was already set
         */
        public Builder clock(Clock clock) {
            requireUnset(this.clock, "clock");
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * Loads, generates or adopts the ring and builds the manager.
         *
         * @return the thread-safe manager
         * @throws IllegalStateException when more than one of {@code ring(..)}, {@code file(..)} and
         *                               {@code store(..)} is given, {@code refreshInterval(..)} without a store,
         *                               or the algorithm contradicts the ring's active key
         */
        public KeyManager build() {
            if (ring != null && file != null) {
                throw new IllegalStateException("give either ring(..) or file(..), not both");
            }
            if (store != null && (ring != null || file != null)) {
                throw new IllegalStateException("give store(..) alone, without " + (ring != null ? "ring(..)" : "file(..)")
                        + ": the store holds the ring (to import one, replace(0, ring) on the empty store first)");
            }
            if (refreshInterval != null && store == null) {
                throw new IllegalStateException("refreshInterval(..) needs store(..): only a stored ring is read again");
            }
            if (refreshInterval == null) {
                refreshInterval = DEFAULT_REFRESH_INTERVAL;
            }
            if (ring != null && algorithm != null && ring.active().algorithm() != algorithm) {
                throw new IllegalStateException("algorithm(" + algorithm + ") contradicts the ring's active key ("
                        + ring.active().algorithm() + ")");
            }
            if (algorithm == null) {
                algorithm = SigningAlgorithm.RS256;
            }
            if (overlap == null) {
                overlap = Duration.ofHours(1);
            }
            if (clock == null) {
                clock = Clock.systemUTC();
            }
            return new KeyManager(this);
        }

        private static void requireUnset(Object current, String name) {
            if (current != null) {
                throw new IllegalStateException(name + " was already set");
            }
        }
    }
}
