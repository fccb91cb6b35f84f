package dev.lanyard.auth.examples;

import dev.lanyard.auth.admin.ClientAdmin;
import dev.lanyard.auth.admin.UserAdmin;
import dev.lanyard.auth.event.AuthEvents;
import dev.lanyard.auth.jdbc.JdbcAuthorizationCodeStore;
import dev.lanyard.auth.jdbc.JdbcClientStore;
import dev.lanyard.auth.jdbc.JdbcReferenceTokenStore;
import dev.lanyard.auth.jdbc.JdbcRefreshTokenStore;
import dev.lanyard.auth.jdbc.JdbcRevocationList;
import dev.lanyard.auth.jdbc.JdbcSchema;
import dev.lanyard.auth.jdbc.JdbcUserStore;
import dev.lanyard.auth.key.KeyManager;
import dev.lanyard.auth.password.PasswordHasher;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.Objects;

/**
 * The demo's state: a directory holding the key ring ({@code keys.jwks.json}) and, unless a JDBC URL
 * points elsewhere, an H2 file database ({@code lanyard.mv.db}). Everything the server and the CLI
 * commands read or change goes through one of these, so a restart finds what the last run left.
 *
 * <p>The H2 database is opened in H2's auto-server mode: a CLI command may change users and clients
 * while {@code serve} runs on the same directory.
 */
public final class DataDir implements AutoCloseable {

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
        try {
            createOwnerOnly(absolute);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot create the data directory " + absolute + ": " + e.getMessage(), e);
        }
        boolean h2 = jdbcUrl == null;
        String url = h2 ? "jdbc:h2:file:" + absolute.resolve(H2_NAME) + ";AUTO_SERVER=TRUE;DB_CLOSE_DELAY=-1" : jdbcUrl;
        DataSource dataSource = new UrlDataSource(url);
        JdbcSchema.migrate(dataSource);
        return new DataDir(absolute, dataSource, h2, clock);
    }

    /**
     * Creates the directory readable by its owner only, where the file system has POSIX permissions: it
     * holds password hashes, and the lock file of H2's auto-server mode names the local port and key that
     * open the database.
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

    public JdbcRevocationList revocations() {
        return new JdbcRevocationList(dataSource, clock);
    }

    public UserAdmin userAdmin(PasswordHasher hasher, AuthEvents events) {
        return new UserAdmin(users(), hasher, events, clock);
    }

    public ClientAdmin clientAdmin(PasswordHasher hasher, AuthEvents events) {
        return new ClientAdmin(clients(), hasher, events, clock);
    }

    /**
     * Makes {@link #close()} shut the H2 database down: for the server, which normally hosts it. A CLI
     * command must not: while a server runs, the command's connection goes to the server's database
     * (auto-server mode), and a shutdown would pull it from under the server.
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
