package dev.lanyard.auth.examples;

import dev.lanyard.auth.StoreException;
import dev.lanyard.auth.admin.ClientAdmin;
import dev.lanyard.auth.admin.Sessions;
import dev.lanyard.auth.admin.UserAdmin;
import dev.lanyard.auth.event.AuthEvents;
import dev.lanyard.auth.jdbc.JdbcAuthorizationCodeStore;
import dev.lanyard.auth.jdbc.JdbcClientStore;
import dev.lanyard.auth.jdbc.JdbcReferenceTokenStore;
import dev.lanyard.auth.jdbc.JdbcRefreshTokenStore;
import dev.lanyard.auth.jdbc.JdbcReplayStore;
import dev.lanyard.auth.jdbc.JdbcRevocationList;
import dev.lanyard.auth.jdbc.JdbcSchema;
import dev.lanyard.auth.jdbc.JdbcUserStore;
import dev.lanyard.auth.key.KeyManager;
import dev.lanyard.auth.password.PasswordHasher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.Objects;
import java.util.Set;

/**
 * The demo's state: a directory holding the key ring ({@code keys.jwks.json}) and, unless a JDBC URL
 * points elsewhere, an H2 file database ({@code lanyard.mv.db}). Everything the server and the CLI
 * commands read or change goes through one of these, so a restart finds what the last run left.
 *
 * <p>An H2 database belongs to one process at a time: a CLI command on the directory of a running
 * {@code serve} is refused with a message saying so (H2's auto-server mode would share it, but through a
 * TCP port that other local users could reach). Share state between processes with {@code --jdbc-url}.
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
    private static final String H2_NAME = "lanyard";

    private final Path dir;
    private final DataSource dataSource;
    private final boolean h2;
    private boolean shutdownOnClose;
    private final Clock clock;
    private KeyManager keys;

    private DataDir(Path dir, DataSource dataSource, boolean h2, Clock clock) {
        this.dir = dir;
        this.dataSource = dataSource;
        this.h2 = h2;
        this.clock = clock;
    }

    /**
     * Opens (creating when missing) the data directory and its database, and brings the schema up to date.
     *
     * @param jdbcUrl a JDBC URL to use instead of the H2 file database, or null
     * @throws IllegalArgumentException when the directory cannot be created or the URL names no known database
     */
    public static DataDir open(Path dir, String jdbcUrl) {
        return open(dir, jdbcUrl, Clock.systemUTC());
    }

    /** As {@link #open(Path, String)}, with the clock every store and the key ring use (a fake one in tests). */
    public static DataDir open(Path dir, String jdbcUrl, Clock clock) {
        Objects.requireNonNull(dir, "dir");
        Objects.requireNonNull(clock, "clock");
        Path absolute = dir.toAbsolutePath().normalize();
        boolean h2 = jdbcUrl == null;
        if (h2 && absolute.toString().contains(";")) {
            // H2 reads settings after ';' in its URL: a path must not be able to add any
            throw new IllegalArgumentException("the data directory must not contain ';': " + absolute);
        }
        try {
            createOwnerOnly(absolute);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot create the data directory " + absolute + ": " + e.getMessage(), e);
        }
        warnIfOthersCanRead(absolute);
        String url = h2 ? "jdbc:h2:file:" + absolute.resolve(H2_NAME) + ";DB_CLOSE_DELAY=-1" : jdbcUrl;
        DataSource dataSource = new UrlDataSource(url);
        try {
            JdbcSchema.migrate(dataSource);
        } catch (StoreException e) {
            if (h2 && causedByDatabaseInUse(e)) {
                throw new IllegalStateException("the data directory " + absolute + " is in use by another process "
                        + "(a running 'serve'?): stop it first, or give both --jdbc-url with a shared database", e);
            }
            throw e;
        }
        return new DataDir(absolute, dataSource, h2, clock);
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

    /** Whether there is a database to open: always with a JDBC URL, else when the H2 file exists in {@code dir}. */
    public static boolean hasDatabase(Path dir, String jdbcUrl) {
        return jdbcUrl != null || Files.isRegularFile(dir.toAbsolutePath().normalize().resolve(H2_NAME + ".mv.db"));
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

    public Clock clock() {
        return clock;
    }

    /** The key ring, generated (RS256) on first use and kept in {@code keys.jwks.json}. */
    public synchronized KeyManager keys() {
        if (keys == null) {
            keys = KeyManager.builder().file(keyFile()).clock(clock).build();
        }
        return keys;
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
     * Makes {@link #close()} shut the H2 database down: for the server, so that a restart in the same JVM
     * reads the files afresh. Others opening the same directory in the same JVM (tests, tools) must not
     * pull the database from under the server.
     */
    DataDir shutdownOnClose() {
        this.shutdownOnClose = true;
        return this;
    }

    /**
     * Lets go of the database. For the server ({@link #shutdownOnClose()}) an H2 database is shut down, so
     * that the next open in this JVM reads the files afresh; otherwise H2 closes it when the JVM exits.
     */
    @Override
    public void close() {
        if (!h2 || !shutdownOnClose) {
            return;
        }
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute("SHUTDOWN");
        } catch (SQLException e) {
            throw new UncheckedIOException(new IOException("could not close the H2 database in " + dir, e));
        }
    }
}
