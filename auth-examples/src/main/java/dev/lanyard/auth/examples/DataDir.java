package dev.lanyard.auth.examples;

import com.zaxxer.hikari.HikariDataSource;
import dev.lanyard.auth.StoreException;
import dev.lanyard.auth.admin.ClientAdmin;
import dev.lanyard.auth.admin.Sessions;
import dev.lanyard.auth.admin.UserAdmin;
import dev.lanyard.auth.event.AuthEvents;
import dev.lanyard.auth.jdbc.JdbcAuthorizationCodeStore;
import dev.lanyard.auth.jdbc.JdbcClientStore;
import dev.lanyard.auth.jdbc.JdbcKeyRingStore;
import dev.lanyard.auth.jdbc.JdbcReferenceTokenStore;
import dev.lanyard.auth.jdbc.JdbcRefreshTokenStore;
import dev.lanyard.auth.jdbc.JdbcReplayStore;
import dev.lanyard.auth.jdbc.JdbcThrottleStore;
import dev.lanyard.auth.jdbc.JdbcRevocationList;
import dev.lanyard.auth.jdbc.JdbcSchema;
import dev.lanyard.auth.jdbc.JdbcUserStore;
import dev.lanyard.auth.key.JwkSetFile;
import dev.lanyard.auth.key.KeyEncryptionKey;
import dev.lanyard.auth.key.KeyManager;
import dev.lanyard.auth.key.KeyRing;
import dev.lanyard.auth.password.PasswordHasher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The demo's state: a directory holding the key ring ({@code keys.jwks.json}) and, unless a JDBC URL
 * points elsewhere, an SQLite database ({@code lanyard.db}). Everything the server and the CLI
 * commands read or change goes through one of these, so a restart finds what the last run left.
 *
 * <p>With a JDBC URL the key ring is in that database too ({@link JdbcKeyRingStore}), shared by every
 * node on it and sealed under the key-encryption key given to {@link #keyRing}; a {@code keys.jwks.json}
 * in the directory is imported into it once, while the database holds no ring yet.
 *
 * <p>SQLite runs in WAL mode with {@code synchronous=FULL}: a write is acknowledged only after its
 * commit was synced to disk, so it survives a killed process, a crash of the machine and a full disk
 * (where the write fails instead, and the server answers 503). Several processes may open the
 * directory at once (a CLI command beside a running {@code serve}); SQLite lets one write at a time.
 *
 * <p>A directory that an earlier version left with an H2 database ({@code lanyard.mv.db}, and no
 * {@code lanyard.db}) is still opened on H2, with a warning at every start: H2 does not sync its
 * commits, so there a crash or a full disk can lose acknowledged writes. An H2 database belongs to one
 * process at a time: a CLI command on such a directory of a running {@code serve} is refused with a
 * message saying so.
 *
 * <pre>{@code
 * try (DataDir data = DataDir.open(Path.of("lanyard-data"), null)) {    // or a jdbc:postgresql:// URL
 *     Optional<User> alice = data.users().findByUsername("alice");
 *     KeyRing keys = data.keys().current();
 * }
 * }</pre>
 */
public final class DataDir implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DataDir.class);
    static final String KEY_FILE = "keys.jwks.json";
    /** The embedded database. */
    static final String SQLITE_FILE = "lanyard.db";
    /** The H2 database of an earlier version, {@code lanyard.mv.db}: still opened where it is the only one. */
    private static final String H2_NAME = "lanyard";
    static final String H2_FILE = H2_NAME + ".mv.db";
    /** Held by a running {@code serve} on its embedded store, so that the key commands can tell. */
    static final String SERVER_LOCK_FILE = "serve.lock";
    /** Below this much free space a failed start is taken for a full disk. */
    private static final long NEARLY_FULL_BYTES = 1 << 20;

    private final Path dir;
    private final HikariDataSource dataSource;
    private final boolean h2;
    private boolean shutdownOnClose;
    private FileChannel serverLock;
    private final Clock clock;
    private KeyManager keys;
    /** Whether the state is in a database of its own (--jdbc-url): the key ring is kept there then. */
    private final boolean shared;
    private KeyEncryptionKey keyEncryptionKey;
    private Duration rotationInterval;
    /** The key file imported into the database ring by {@link #keys()}, or null. */
    private Path imported;

    private DataDir(Path dir, HikariDataSource dataSource, boolean h2, Clock clock, boolean shared) {
        this.dir = dir;
        this.dataSource = dataSource;
        this.h2 = h2;
        this.clock = clock;
        this.shared = shared;
    }

    /**
     * Opens (creating when missing) the data directory and its database, and brings the schema up to date.
     *
     * @param jdbcUrl a JDBC URL to use instead of the embedded SQLite database, or null
     * @throws IllegalArgumentException when the directory cannot be created or the URL names no known database
     */
    public static DataDir open(Path dir, String jdbcUrl) {
        return open(dir, jdbcUrl, Clock.systemUTC());
    }

    /** As {@link #open(Path, String)}, with the clock every store and the key ring use (a fake one in tests). */
    public static DataDir open(Path dir, String jdbcUrl, Clock clock) {
        return open(dir, jdbcUrl, clock, null);
    }

    /**
     * As {@link #open(Path, String, Clock)}, with at most {@code poolSize} connections in the pool
     * ({@link DatabasePool}); null for the database's default.
     */
    static DataDir open(Path dir, String jdbcUrl, Clock clock, Integer poolSize) {
        Objects.requireNonNull(dir, "dir");
        Objects.requireNonNull(clock, "clock");
        Path absolute = dir.toAbsolutePath().normalize();
        boolean h2 = jdbcUrl == null && isLegacyH2(absolute);
        if (jdbcUrl == null && (absolute.toString().contains(";") || absolute.toString().contains("?"))) {
            // H2 reads settings after ';' in its URL, sqlite-jdbc after '?': a path must not be able to add any
            throw new IllegalArgumentException("the data directory must not contain ';' or '?': " + absolute);
        }
        try {
            createOwnerOnly(absolute);
        } catch (IOException e) {
            if (jdbcUrl == null && isNoSpace(absolute, e)) {
                throw noSpace(absolute, e);
            }
            throw new IllegalArgumentException("cannot create the data directory " + absolute + ": " + e.getMessage(), e);
        }
        warnIfOthersCanRead(absolute);
        if (h2) {
            LOG.warn("{} holds an H2 database ({}) from an earlier Lanyard: it is still used, but H2 does not sync its"
                    + " commits to disk, so a crash or a full disk can lose acknowledged writes; for the durable SQLite"
                    + " store start on a new --data directory and import your users and clients there", absolute, H2_FILE);
        }
        String url = jdbcUrl != null ? jdbcUrl : h2 ? "jdbc:h2:file:" + absolute.resolve(H2_NAME) + ";DB_CLOSE_DELAY=-1"
                : sqliteUrl(absolute.resolve(SQLITE_FILE));
        HikariDataSource dataSource = DatabasePool.open(url, poolSize);
        try {
            JdbcSchema.migrate(dataSource);
        } catch (StoreException e) {
            dataSource.close();
            if (h2 && causedByDatabaseInUse(e)) {
                throw new IllegalStateException("the data directory " + absolute + " is in use by another process "
                        + "(a running 'serve'?): stop it first, or give both --jdbc-url with a shared database", e);
            }
            if (jdbcUrl == null && isNoSpace(absolute, e)) {
                throw noSpace(absolute, e);
            }
            throw e;
        }
        return new DataDir(absolute, dataSource, h2, clock, jdbcUrl != null);
    }

    /**
     * The embedded store's JDBC URL: SQLite in WAL mode, each commit synced to disk before it returns
     * ({@code synchronous=FULL}), foreign keys on (the schema cascades), and up to 5 s of waiting for
     * the one write lock instead of failing at once when another connection or process writes.
     */
    static String sqliteUrl(Path file) {
        return "jdbc:sqlite:" + file + "?journal_mode=WAL&synchronous=FULL&foreign_keys=true&busy_timeout=5000";
    }

    /** Whether the directory holds only the H2 database of an earlier version. */
    private static boolean isLegacyH2(Path dir) {
        return Files.isRegularFile(dir.resolve(H2_FILE)) && !Files.exists(dir.resolve(SQLITE_FILE));
    }

    /**
     * A full disk, by the cause (SQLITE_FULL, ENOSPC) or, where the failure says less (SQLite's "disk
     * I/O error"), by the space left on the device holding {@code dir}.
     */
    static boolean isNoSpace(Path dir, Throwable failure) {
        if (causedByNoSpace(failure)) {
            return true;
        }
        try {
            Path existing = dir;
            while (existing != null && !Files.exists(existing)) {
                existing = existing.getParent();
            }
            return existing != null && Files.getFileStore(existing).getUsableSpace() < NEARLY_FULL_BYTES;
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean causedByNoSpace(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && t.getClass().getName().startsWith("org.sqlite.")
                    && (sql.getErrorCode() & 0xff) == 13) {
                return true; // SQLITE_FULL
            }
            if (t.getMessage() != null && t.getMessage().contains("No space left on device")) {
                return true;
            }
        }
        return false;
    }

    /** The one line a start on a full disk ends with, in place of an SQLState. */
    static IllegalStateException noSpace(Path dir, Throwable cause) {
        return new IllegalStateException("no space left on the device holding " + dir
                + ": free some space there, or give --data another directory", cause);
    }

    /**
     * As {@link #open(Path, String)} for commands that only read: where the data directory or its H2
     * database does not exist yet, it says so instead of creating an empty one (a typo in {@code --data}
     * must not look like an empty database).
     *
     * @throws IllegalStateException when there is no data directory, or no database in it, at {@code dir}
     */
    public static DataDir openExisting(Path dir, String jdbcUrl) {
        Objects.requireNonNull(dir, "dir");
        Path absolute = dir.toAbsolutePath().normalize();
        if (!hasDatabase(dir, jdbcUrl)) {
            throw new IllegalStateException((Files.isDirectory(absolute) ? "no database in " : "no data directory at ")
                    + absolute + " (a typo in --data?); 'serve', 'users import' or 'users add' create one");
        }
        return open(dir, jdbcUrl);
    }

    /**
     * Whether there is a database to open: always with a JDBC URL, else when the SQLite file (or the H2
     * file of an earlier version) exists in {@code dir}.
     */
    public static boolean hasDatabase(Path dir, String jdbcUrl) {
        Path absolute = dir.toAbsolutePath().normalize();
        return jdbcUrl != null || Files.isRegularFile(absolute.resolve(SQLITE_FILE))
                || Files.isRegularFile(absolute.resolve(H2_FILE));
    }

    /** H2's "database may be already in use" (error 90020): another process holds the file lock. */
    private static boolean causedByDatabaseInUse(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && sql.getErrorCode() == 90020) {
                return true;
            }
        }
        return false;
    }

    private static void warnIfOthersCanRead(Path dir) {
        try {
            if (dir.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                Set<PosixFilePermission> p = Files.getPosixFilePermissions(dir);
                if (p.contains(PosixFilePermission.GROUP_READ) || p.contains(PosixFilePermission.OTHERS_READ)
                        || p.contains(PosixFilePermission.GROUP_EXECUTE) || p.contains(PosixFilePermission.OTHERS_EXECUTE)) {
                    LOG.warn("{} is readable by other users and holds password hashes: chmod 700 it", dir);
                }
            }
        } catch (IOException e) {
            LOG.warn("cannot read the permissions of {}: {}", dir, e.getMessage());
        }
    }

    /**
     * Creates the directory readable by its owner only, where the file system has POSIX permissions: it
     * holds the database with its password hashes, next to the key file.
     */
    private static void createOwnerOnly(Path dir) throws IOException {
        if (Files.isDirectory(dir)) {
            return;
        }
        if (dir.getParent() != null) {
            Files.createDirectories(dir.getParent());
        }
        if (dir.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        } else {
            Files.createDirectory(dir);
        }
    }

    /** The directory. */
    public Path path() {
        return dir;
    }

    public DataSource dataSource() {
        return dataSource;
    }

    /** The most connections the pool opens. */
    public int poolSize() {
        return dataSource.getMaximumPoolSize();
    }

    public Clock clock() {
        return clock;
    }

    /**
     * How {@link #keys()} opens a database key ring: the key-encryption key that seals its private keys,
     * and how often it rotates (null: only on {@code keys rotate}). Call it before {@link #keys()}.
     *
     * @param kek      the key-encryption key, or null when none was given
     * @param rotation the rotation interval, or null
     * @return this data directory
     */
    public synchronized DataDir keyRing(KeyEncryptionKey kek, Duration rotation) {
        if (keys != null) {
            throw new IllegalStateException("keyRing(..) must come before keys()");
        }
        this.keyEncryptionKey = kek;
        this.rotationInterval = rotation;
        return this;
    }

    /** Whether the key ring is in the database ({@code --jdbc-url}) rather than in {@code keys.jwks.json}. */
    public boolean sharedKeyRing() {
        return shared;
    }

    /**
     * The key ring: in the database with a JDBC URL (created there by the first node, or imported once
     * from this directory's {@code keys.jwks.json}), else generated (RS256) on first use and kept in
     * {@code keys.jwks.json}.
     *
     * @throws IllegalArgumentException for a database ring without a key-encryption key
     * @throws dev.lanyard.auth.key.KeySealException when the ring does not open under the key given
     */
    public synchronized KeyManager keys() {
        if (keys == null) {
            keys = shared ? databaseKeys() : fileKeys();
        }
        return keys;
    }

    private KeyManager fileKeys() {
        try {
            return KeyManager.builder().file(keyFile()).clock(clock).build();
        } catch (RuntimeException e) {
            if (causedByNoSpace(e)) {
                throw noSpace(dir, e);
            }
            throw e;
        }
    }

    private KeyManager databaseKeys() {
        JdbcKeyRingStore store = keyRingStore();
        if (Files.isRegularFile(keyFile()) && store.load().isEmpty()) {
            KeyRing ring = new JwkSetFile(keyFile()).load();
            if (store.replace(0, ring)) { // a node starting at the same moment may have created one: then it stands
                imported = keyFile();
            }
        }
        KeyManager.Builder b = KeyManager.builder().store(store).clock(clock);
        if (rotationInterval != null) {
            b.rotationInterval(rotationInterval);
        }
        return b.build();
    }

    /** The key file {@link #keys()} imported into the database ring, if it did. */
    public synchronized Optional<Path> importedKeyFile() {
        return Optional.ofNullable(imported);
    }

    /**
     * The database key ring's store, for the key commands.
     *
     * @throws IllegalStateException    without a JDBC URL
     * @throws IllegalArgumentException without a key-encryption key
     */
    public synchronized JdbcKeyRingStore keyRingStore() {
        if (!shared) {
            throw new IllegalStateException("the key ring of the embedded store is " + keyFile() + ", not in the database");
        }
        if (keyEncryptionKey == null) {
            throw KeyEncryptionOptions.missing();
        }
        return new JdbcKeyRingStore(dataSource, keyEncryptionKey);
    }

    /**
     * The issuer this node uses. On the embedded store: {@code explicit}, else {@code fallback}. On a
     * database: the one recorded there by the first node (its {@code --issuer}, or its
     * {@code fallback}), so that every node signs and checks one issuer.
     *
     * @throws IllegalArgumentException when {@code explicit} differs from the recorded issuer
     */
    public String issuer(String explicit, String fallback) {
        if (!shared) {
            return explicit != null ? explicit : fallback;
        }
        String recorded = keyRingStore().recordIssuer(explicit != null ? explicit : fallback);
        if (explicit != null && !explicit.equals(recorded)) {
            throw new IllegalArgumentException("--issuer " + explicit + " differs from " + recorded + ", the issuer"
                    + " the nodes on this database use (recorded by the first one): give --issuer " + recorded
                    + ", or leave --issuer out to adopt it");
        }
        return recorded;
    }

    public Path keyFile() {
        return dir.resolve(KEY_FILE);
    }

    public JdbcUserStore users() {
        return new JdbcUserStore(dataSource);
    }

    public JdbcClientStore clients() {
        return new JdbcClientStore(dataSource);
    }

    public JdbcRefreshTokenStore refreshTokens() {
        return new JdbcRefreshTokenStore(dataSource);
    }

    public JdbcAuthorizationCodeStore codes() {
        return new JdbcAuthorizationCodeStore(dataSource);
    }

    public JdbcReferenceTokenStore referenceTokens() {
        return new JdbcReferenceTokenStore(dataSource);
    }

    /** The used client-assertion ids, shared by every node over the database. */
    public JdbcReplayStore replays() {
        return new JdbcReplayStore(dataSource, clock);
    }

    /**
     * The login throttle's state and the rate limits' windows in the database, shared by every node on
     * the same {@code --jdbc-url}; empty for the embedded store, which one server uses at a time: its
     * throttle stays in memory, where it costs no synced write per login.
     */
    public Optional<JdbcThrottleStore> sharedThrottle() {
        return shared ? Optional.of(new JdbcThrottleStore(dataSource)) : Optional.empty();
    }

    public JdbcRevocationList revocations() {
        return new JdbcRevocationList(dataSource, clock);
    }

    public UserAdmin userAdmin(PasswordHasher hasher, AuthEvents events) {
        return new UserAdmin(users(), hasher, events, clock);
    }

    /** Ends users' or clients' sessions in this directory's token state. */
    public Sessions sessions(AuthEvents events) {
        return new Sessions(refreshTokens(), referenceTokens(), revocations(), events, clock);
    }

    public ClientAdmin clientAdmin(PasswordHasher hasher, AuthEvents events) {
        return new ClientAdmin(clients(), hasher, events, clock);
    }

    /**
     * Marks this as the server's: {@link #shutdownOnClose()}, and for the embedded store the directory's
     * server lock ({@code serve.lock}, held until {@link #close()}), which {@link #requireNoServer}
     * looks for: SQLite lets other processes in, but the key file must not change under the server.
     *
     * @throws IllegalStateException when another server holds the lock
     */
    DataDir asServer(boolean embedded) {
        if (!embedded) {
            return shutdownOnClose();
        }
        try {
            FileChannel channel = FileChannel.open(dir.resolve(SERVER_LOCK_FILE), StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE);
            FileLock lock = tryLock(channel);
            if (lock == null) {
                channel.close();
                throw inUse(dir);
            }
            serverLock = channel;
        } catch (IOException e) {
            throw new UncheckedIOException(new IOException("cannot lock " + dir.resolve(SERVER_LOCK_FILE), e));
        }
        return shutdownOnClose();
    }

    /**
     * Refuses when a server runs on the embedded store of {@code dir} (it holds {@code serve.lock}).
     *
     * @throws IllegalStateException naming the directory
     */
    static void requireNoServer(Path dir) {
        Path file = dir.toAbsolutePath().normalize().resolve(SERVER_LOCK_FILE);
        if (!Files.exists(file)) {
            return;
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            FileLock lock = tryLock(channel);
            if (lock == null) {
                throw inUse(dir.toAbsolutePath().normalize());
            }
            lock.release();
        } catch (IOException e) {
            throw new UncheckedIOException(new IOException("cannot read the lock " + file, e));
        }
    }

    /** The lock, or null when another process (or this JVM) holds it. */
    private static FileLock tryLock(FileChannel channel) throws IOException {
        try {
            return channel.tryLock();
        } catch (OverlappingFileLockException e) {
            return null;
        }
    }

    private static IllegalStateException inUse(Path dir) {
        return new IllegalStateException("the data directory " + dir + " is in use by another process (a running"
                + " 'serve'): stop it first, or give both --jdbc-url with a shared database");
    }

    /**
     * Makes {@link #close()} shut the H2 database down: for the server, so that a restart in the same JVM
     * reads the files afresh. Others opening the same directory in the same JVM (tests, tools) must not
     * pull the database from under the server.
     */
    DataDir shutdownOnClose() {
        this.shutdownOnClose = true;
        return this;
    }

    /**
     * Lets go of the database: closes the connection pool. For the server ({@link #shutdownOnClose()})
     * an H2 database is shut down then, so that the next open in this JVM reads the files afresh;
     * otherwise H2 closes it when the JVM exits.
     */
    @Override
    public void close() {
        dataSource.close();
        if (serverLock != null) {
            try {
                serverLock.close(); // releases the lock
            } catch (IOException e) {
                LOG.warn("could not release {}: {}", dir.resolve(SERVER_LOCK_FILE), e.getMessage());
            }
            serverLock = null;
        }
        if (!h2 || !shutdownOnClose) {
            return;
        }
        // on a connection of its own: the pool would use its connections again after H2 closed them
        try (Connection c = DriverManager.getConnection(dataSource.getJdbcUrl()); Statement s = c.createStatement()) {
            s.execute("SHUTDOWN");
        } catch (SQLException e) {
            throw new UncheckedIOException(new IOException("could not close the H2 database in " + dir, e));
        }
    }
}
