package dev.lanyard.auth.key;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
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
 */
public final class KeyManager {

    private final SigningAlgorithm algorithm;
    private final JwkSetFile file;
    private final Duration rotationInterval;
    private final Duration overlap;
    private final Clock clock;
    private final AtomicReference<KeyRing> ring;
    /** The ring as last written to the file (or as loaded or given); guarded by this. */
    private KeyRing saved;

    private KeyManager(Builder b) {
        this.algorithm = b.algorithm;
        this.file = b.file;
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
        KeyRing current = ring.get();
        if (current.nextDrop().isAfter(clock.instant())) {
            return current;
        }
        synchronized (this) {
            KeyRing pruned = ring.get().dropExpired(clock.instant());
            ring.set(pruned);
            return pruned;
        }
    }

    /**
     * Rotates now: the next key becomes active, the active one retires for the overlap, and a fresh
     * next key is generated and published.
     *
     * @return the new ring
     */
    public synchronized KeyRing rotate() {
        Instant now = clock.instant();
        KeyRing current = ring.get();
        KeyRing base = current.next().isPresent() ? current
                : current.withNext(SigningKey.generate(current.active().algorithm(), now));
        KeyRing rotated = base.rotate(SigningKey.generate(base.active().algorithm(), now), now, overlap);
        publish(rotated);
        return rotated;
    }

    /**
     * Rotates when the active key has been in force for the rotation interval, and drops retiring keys
     * whose overlap has ended. Call it from a scheduled task; it does nothing when nothing is due.
     *
     * @return whether the ring changed
     */
    public synchronized boolean rotateIfDue() {
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

    /** Builds a {@link KeyManager}; each setting may be given once. */
    public static final class Builder {
        private SigningAlgorithm algorithm;
        private JwkSetFile file;
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
         * @throws IllegalStateException when both {@code ring(..)} and {@code file(..)} are given, or the algorithm contradicts the ring's active key
         */
        public KeyManager build() {
            if (ring != null && file != null) {
                throw new IllegalStateException("give either ring(..) or file(..), not both");
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
