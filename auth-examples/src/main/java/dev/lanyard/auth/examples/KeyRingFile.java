package dev.lanyard.auth.examples;

import dev.lanyard.auth.jdbc.JdbcKeyRingStore;
import dev.lanyard.auth.key.JwkSetFile;
import dev.lanyard.auth.key.KeyEncryptionKey;
import dev.lanyard.auth.key.KeyManager;
import dev.lanyard.auth.key.KeyRingStore;

import java.nio.file.Path;

/**
 * The key ring file of a data directory, for the commands that need keys but not the database, and
 * with {@code --jdbc-url} the key ring in the database. Unlike {@link DataDir#keys()} these never
 * create a ring behind the operator's back: that is {@code keys generate}'s job (or the server's, on
 * its first start).
 */
final class KeyRingFile {

    private KeyRingFile() {
    }

    static Path path(DataOptions data) {
        return data.dir.toAbsolutePath().normalize().resolve(DataDir.KEY_FILE);
    }

    /** @throws IllegalArgumentException when the data directory has no key ring yet */
    static JwkSetFile existing(DataOptions data) {
        JwkSetFile file = new JwkSetFile(path(data));
        if (!file.exists()) {
            throw new IllegalArgumentException("no key ring at " + file.path()
                    + "; create one with 'keys generate' (or start 'serve' once)");
        }
        return file;
    }

    /**
     * Refuses to change the key file under a running server on this data directory (it holds the
     * directory's server lock, and on H2 the database file): the server keeps the ring in memory and
     * rewrites the file when a retired key drops, which would undo the change.
     * (With {@code --jdbc-url} nothing tells whether a server runs; the commands say to restart it.)
     *
     * @throws IllegalStateException naming the running server
     */
    static void requireNoServer(DataOptions data) {
        if (data.jdbcUrl == null && data.hasDatabase()) { // without a database file, no server runs on it
            DataDir.requireNoServer(data.dir);
            data.openExisting().close(); // opening takes the H2 file lock, which a running server holds
        }
    }

    /** A manager over the existing ring, which it rewrites when it rotates. */
    static KeyManager manager(DataOptions data) {
        return KeyManager.builder().file(existing(data).path()).build();
    }

    /**
     * The database key ring's store of an open data directory, with the key-encryption key given.
     *
     * @throws IllegalArgumentException without a key-encryption key
     */
    static JdbcKeyRingStore store(DataDir dir, KeyEncryptionOptions kek) {
        return dir.keyRing(requireKek(kek), null).keyRingStore();
    }

    /** @throws IllegalArgumentException when the database holds no key ring yet */
    static KeyRingStore.Snapshot existing(JdbcKeyRingStore store) {
        return store.load().orElseThrow(() -> new IllegalArgumentException("no key ring in the database yet; create"
                + " one with 'keys generate --jdbc-url ...' (or start 'serve --jdbc-url ...' once)"));
    }

    static KeyEncryptionKey requireKek(KeyEncryptionOptions options) {
        KeyEncryptionKey kek = options.orNull();
        if (kek == null) {
            throw KeyEncryptionOptions.missing();
        }
        return kek;
    }

    /** Refuses {@code --key-encryption-key-file} where the ring is a file. */
    static void refuseKekWithoutDatabase(DataOptions data, KeyEncryptionOptions kek) {
        if (data.jdbcUrl == null && kek.file != null) {
            throw new IllegalArgumentException("--key-encryption-key-file needs --jdbc-url: without it the key ring is "
                    + path(data));
        }
    }
}
