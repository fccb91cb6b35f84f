package dev.lanyard.auth.examples;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The demo's connection pool (HikariCP) for a JDBC URL, with bounds on everything that can wait: at
 * most {@code size} connections; a request waits at most {@link #ACQUIRE_TIMEOUT} for one, then fails
 * with {@link java.sql.SQLTransientConnectionException} (which the stores report as transient: 503
 * {@code temporarily_unavailable}); and for PostgreSQL and MariaDB/MySQL, a connect timeout and a socket
 * timeout by default, so that a statement on a stalled database fails instead of holding its thread.
 * A setting written in the URL itself ({@code ?socketTimeout=30}) wins over these defaults.
 *
 * <pre>{@code
 * try (HikariDataSource pool = DatabasePool.open("jdbc:postgresql://127.0.0.1:5432/test?user=postgres", 10)) {
 *     JdbcSchema.migrate(pool);
 * }
 * }</pre>
 *
 * <p>Default sizes: {@value #DEFAULT_SIZE} for a database server, {@value #H2_SIZE} for embedded H2,
 * and 1 for SQLite, which has a single writer (more connections would only wait on its lock).
 */
final class DatabasePool {

    /** Connections to a database server when no size is given: 10 nodes fit PostgreSQL's default 100. */
    static final int DEFAULT_SIZE = 10;
    /** Connections to an embedded H2 database. */
    static final int H2_SIZE = 4;
    /** The largest pool {@code --pool-size} accepts. */
    static final int MAX_SIZE = 200;
    /** How long a request waits for a free connection before it is answered 503. */
    static final Duration ACQUIRE_TIMEOUT = Duration.ofSeconds(2);
    /** How long checking an idle connection before handing it out may take. */
    static final Duration VALIDATION_TIMEOUT = Duration.ofSeconds(1);
    /** Opening a TCP connection to the database server. */
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    /** The longest wait for any one reply of the database server, a statement's included. */
    static final Duration SOCKET_TIMEOUT = Duration.ofSeconds(10);

    private DatabasePool() {
    }

    /**
     * A started pool; it connects on first use, so a database that is down surfaces as the first
     * statement's failure (a {@link dev.lanyard.auth.StoreException}), as with a plain data source.
     *
     * @param url  a JDBC URL of a driver on the class path
     * @param size the most connections, or null for the database's default size
     * @return the pool; close it to close its connections
     * @throws IllegalArgumentException when the URL is not a JDBC URL, no driver takes it, or the size is out of range
     */
    static HikariDataSource open(String url, Integer size) {
        if (!url.startsWith("jdbc:")) {
            throw new IllegalArgumentException("a JDBC URL starts with 'jdbc:', e.g. jdbc:postgresql://127.0.0.1:5432/test?user=postgres");
        }
        try {
            DriverManager.getDriver(url);
        } catch (SQLException e) {
            // the URL itself may hold a password: name its scheme only
            throw new IllegalArgumentException("no JDBC driver for " + scheme(url)
                    + " (the demo bundles H2 and PostgreSQL)", e);
        }
        if (size != null && (size < 1 || size > MAX_SIZE)) {
            throw new IllegalArgumentException("--pool-size must be between 1 and " + MAX_SIZE + ", got " + size);
        }
        HikariConfig config = new HikariConfig();
        config.setPoolName("lanyard");
        config.setJdbcUrl(url);
        config.setMaximumPoolSize(size != null ? size : defaultSize(url));
        config.setConnectionTimeout(ACQUIRE_TIMEOUT.toMillis());
        config.setValidationTimeout(VALIDATION_TIMEOUT.toMillis());
        // connect lazily, like a plain data source: the first statement reports a database that is down
        config.setInitializationFailTimeout(-1);
        driverDefaults(url).forEach((name, value) -> {
            if (!mentions(url, name)) {
                config.addDataSourceProperty(name, value);
            }
        });
        return new HikariDataSource(config);
    }

    /** The pool size when none is given. */
    static int defaultSize(String url) {
        String scheme = scheme(url).toLowerCase(Locale.ROOT);
        if (scheme.equals("jdbc:sqlite")) {
            return 1;
        }
        return scheme.equals("jdbc:h2") ? H2_SIZE : DEFAULT_SIZE;
    }

    /** The connect and socket timeouts of the drivers the demo knows, in each driver's own unit. */
    static Map<String, String> driverDefaults(String url) {
        String scheme = scheme(url).toLowerCase(Locale.ROOT);
        return switch (scheme) {
            case "jdbc:postgresql" -> Map.of(
                    "connectTimeout", String.valueOf(CONNECT_TIMEOUT.toSeconds()),
                    "loginTimeout", String.valueOf(CONNECT_TIMEOUT.toSeconds()),
                    "socketTimeout", String.valueOf(SOCKET_TIMEOUT.toSeconds()));
            case "jdbc:mariadb", "jdbc:mysql" -> Map.of(
                    "connectTimeout", String.valueOf(CONNECT_TIMEOUT.toMillis()),
                    "socketTimeout", String.valueOf(SOCKET_TIMEOUT.toMillis()));
            default -> Map.of();
        };
    }

    /** Whether the URL sets the property itself ({@code ?name=} or {@code &name=}, any case). */
    static boolean mentions(String url, String name) {
        return Pattern.compile("[?&;]" + Pattern.quote(name) + "=", Pattern.CASE_INSENSITIVE).matcher(url).find();
    }

    /** {@code jdbc:postgresql} of a URL: what may be shown of it. */
    static String scheme(String url) {
        int colon = url.indexOf(':', 5);
        return colon < 0 ? url : url.substring(0, colon);
    }
}
