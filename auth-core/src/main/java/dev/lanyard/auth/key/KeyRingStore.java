package dev.lanyard.auth.key;

import java.util.Objects;
import java.util.Optional;

/**
 * Where a {@link KeyManager} keeps a ring that several nodes share, for instance a database
 * ({@code dev.lanyard.auth.jdbc.JdbcKeyRingStore}). Each stored ring carries a version: 0 while none
 * is stored, then 1, 2, ... Every change is a compare-and-set from the version read, so that two
 * nodes rotating at the same moment never both succeed: the loser reads the winner's ring and adopts
 * it.
 *
 * <pre>{@code
 * KeyRingStore store = new JdbcKeyRingStore(dataSource, KeyEncryptionKey.fromFile(Path.of("/etc/lanyard/kek")));
 * KeyManager keys = KeyManager.builder().store(store).rotationInterval(Duration.ofDays(30)).build();
 * }</pre>
 *
 * <p>Implementations must be thread-safe, and {@link #load()} must return a ring and the version it
 * was stored with as one consistent snapshot.
 */
public interface KeyRingStore {

    /**
     * The stored ring and its version.
     *
     * @return the snapshot; empty when no ring is stored yet
     * @throws dev.lanyard.auth.StoreException when the store cannot be read
     * @throws KeySealException                when a stored private key does not open
     */
    Optional<Snapshot> load();

    /**
     * Stores {@code ring} as version {@code expectedVersion + 1}, if the stored version is still
     * {@code expectedVersion} (0: no ring is stored yet). Atomic: either the whole ring is stored or
     * nothing changes.
     *
     * @param expectedVersion the version the caller read
     * @param ring            the ring to store
     * @return true when stored; false when another writer changed the ring first
     * @throws dev.lanyard.auth.StoreException when the store cannot be written
     */
    boolean replace(long expectedVersion, KeyRing ring);

    /**
     * A store in this JVM's memory: for tests, and for several managers in one process.
     *
     * @return a new, empty store
     */
    static KeyRingStore inMemory() {
        return new KeyRingStore() {
            private Snapshot stored;

            @Override
            public synchronized Optional<Snapshot> load() {
                return Optional.ofNullable(stored);
            }

            @Override
            public synchronized boolean replace(long expectedVersion, KeyRing ring) {
                Objects.requireNonNull(ring, "ring");
                long version = stored == null ? 0 : stored.version();
                if (version != expectedVersion) {
                    return false;
                }
                stored = new Snapshot(ring, version + 1);
                return true;
            }
        };
    }

    /**
     * A ring as stored, with the version it was stored as.
     *
     * @param ring    the ring
     * @param version its version, 1 or more
     */
    record Snapshot(KeyRing ring, long version) {

        /**
         * Checks the parts.
         *
         * @param ring    the ring
         * @param version its version, 1 or more
         * @throws IllegalArgumentException when the version is not positive
         */
        public Snapshot {
            Objects.requireNonNull(ring, "ring");
            if (version < 1) {
                throw new IllegalArgumentException("a stored ring's version is 1 or more, got " + version);
            }
        }
    }
}
