package dev.lanyard.auth.testing;

import dev.lanyard.auth.jdbc.JdbcSchema;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.sql.DataSource;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A fresh, empty database for a test class: a new schema {@code lanyard_test_<random>} on PostgreSQL,
 * a new database of that name on MariaDB, a new in-memory H2 database, a new SQLite file in a
 * temporary directory; dropped when the class is done.
 * Register it on a static field, or open and close one per test:
 *
 * <pre>{@code
 * class MyUserStorePostgresTest extends UserStoreContract {
 *     @RegisterExtension
 *     static final TestDatabase db = TestDatabase.postgres();
 *
 *     @Override
 *     protected UserStore newStore() {
 *         return new JdbcUserStore(db.emptyLanyardSchema());
 *     }
 * }
 *
 * try (TestDatabase db = TestDatabase.mariaDb().open()) {
 *     JdbcSchema.migrate(db.dataSource());
 * }
 * }</pre>
 *
 * <p>Where the servers are: PostgreSQL at {@code jdbc:postgresql://127.0.0.1:5432/test} as
 * {@code postgres} without password (trust authentication), MariaDB at
 * {@code jdbc:mariadb://127.0.0.1:3306/test?sslMode=disable} as {@code root} without password (the
 * MariaDB driver 4 asks for TLS by default, which a local test server seldom has). Override them with
 * the environment variables {@code LANYARD_TEST_POSTGRES_URL}, {@code LANYARD_TEST_POSTGRES_USER},
 * {@code LANYARD_TEST_POSTGRES_PASSWORD} and {@code LANYARD_TEST_MARIADB_URL},
 * {@code LANYARD_TEST_MARIADB_USER}, {@code LANYARD_TEST_MARIADB_PASSWORD}; the user must be allowed
 * to create schemas (PostgreSQL) or databases (MariaDB).
 *
 * <p>Where none of those variables is set and no server answers at the default address, an embedded
 * PostgreSQL or MariaDB is started from Maven artifacts for the test JVM ({@link LocalServers}), and
 * one line on standard error says so. A server that is configured but cannot be reached <b>fails</b>
 * the tests, with a message saying how to start one. They are skipped only when
 * {@code LANYARD_SKIP_DB_TESTS=true}; H2 (in memory) and SQLite (a temporary file) are never skipped.
 * The JDBC drivers are test dependencies of auth-core: add {@code org.postgresql:postgresql},
 * {@code org.mariadb.jdbc:mariadb-java-client}, {@code com.h2database:h2} or
 * {@code org.xerial:sqlite-jdbc} to use this class.
 */
public abstract class TestDatabase implements BeforeAllCallback, BeforeEachCallback, AfterAllCallback, AutoCloseable {

    /** The environment variable that skips the tests needing a PostgreSQL or MariaDB server. */
    public static final String SKIP_VARIABLE = "LANYARD_SKIP_DB_TESTS";

    private static final SecureRandom RANDOM = new SecureRandom();

    private final String name = "lanyard_test_" + randomSuffix();
    private DataSource dataSource;
    private boolean migrated;

    TestDatabase() {
    }

    /** The database products a {@link TestDatabase} can be made on. */
    public enum Product {
        /** A new schema in the PostgreSQL server. */
        POSTGRESQL,
        /** A new database in the MariaDB server. */
        MARIADB,
        /** A new in-memory H2 database. */
        H2,
        /** A new SQLite file in a temporary directory. */
        SQLITE
    }

    /**
     * A new, not yet opened test database on this product; register it with {@code @RegisterExtension}.
     *
     * <pre>{@code
     * @RegisterExtension
     * static final TestDatabase db = TestDatabase.of(TestDatabase.Product.MARIADB);
     * }</pre>
     *
     * @param product the product
     * @return the test database
     */
    public static TestDatabase of(Product product) {
        return switch (java.util.Objects.requireNonNull(product, "product")) {
            case POSTGRESQL -> postgres();
            case MARIADB -> mariaDb();
            case H2 -> h2();
            case SQLITE -> sqlite();
        };
    }

    /**
     * A new in-memory H2 database; needs no server.
     *
     * @return the database, not opened yet: register it with {@code @RegisterExtension} or call {@link #open()}
     */
    public static TestDatabase h2() {
        return new H2Database();
    }

    /**
     * A new SQLite database in a temporary file, opened in WAL mode with {@code synchronous=FULL} and
     * foreign keys on, as the SQLite dialect requires; needs no server.
     *
     * @return the database, not opened yet: register it with {@code @RegisterExtension} or call {@link #open()}
     */
    public static TestDatabase sqlite() {
        return new SqliteDatabase();
    }

    /**
     * A new schema in the PostgreSQL server (see the class comment for where it is).
     *
     * @return the database, not opened yet: register it with {@code @RegisterExtension} or call {@link #open()}
     */
    public static TestDatabase postgres() {
        return new PostgresDatabase();
    }

    /**
     * A new database in the MariaDB server (see the class comment for where it is).
     *
     * @return the database, not opened yet: register it with {@code @RegisterExtension} or call {@link #open()}
     */
    public static TestDatabase mariaDb() {
        return new MariaDbDatabase();
    }

    /**
     * The product, for messages: {@code PostgreSQL}, {@code MariaDB}, {@code H2}, {@code SQLite}.
     *
     * @return the product's display name
     */
    public abstract String product();

    /**
     * The name of the schema or database this instance creates.
     *
     * @return {@code lanyard_test_} and a random suffix, so that test classes running at the same time do not
     *         share data
     */
    public final String name() {
        return name;
    }

    /**
     * Creates the schema or database; does nothing when it is open already.
     *
     * @return this database, for chaining: {@code TestDatabase.h2().open().dataSource()}
     * @throws org.opentest4j.TestAbortedException when the server is needed and
     *                                             {@code LANYARD_SKIP_DB_TESTS=true}
     * @throws IllegalStateException               when the server cannot be reached
     */
    public final synchronized TestDatabase open() {
        if (dataSource != null) {
            return this;
        }
        if (skipped()) {
            Assumptions.abort(skipReason());
        }
        try {
            dataSource = create();
        } catch (SQLException e) {
            throw new IllegalStateException("could not create a test database in " + product() + ": " + e.getMessage()
                    + "\n" + howToStart() + "\nOr set " + SKIP_VARIABLE + "=true to skip the tests that need a"
                    + " PostgreSQL or MariaDB server.", e);
        }
        return this;
    }

    /**
     * The data source of the isolated schema or database.
     *
     * @return the data source; its connections work in this instance's schema or database
     * @throws IllegalStateException when the database has not been opened
     */
    public final synchronized DataSource dataSource() {
        if (dataSource == null) {
            throw new IllegalStateException("the test database is not open: register it with @RegisterExtension"
                    + " on a static field, or call open()");
        }
        return dataSource;
    }

    /**
     * The data source, with the Lanyard schema migrated (on the first call) and every {@code lanyard_}
     * table but the schema version emptied: what a store contract's {@code newStore()} needs.
     *
     * @return the data source, holding an empty, current Lanyard schema
     * @throws IllegalStateException when the database has not been opened or a table cannot be emptied
     */
    public final synchronized DataSource emptyLanyardSchema() {
        if (!migrated) {
            JdbcSchema.migrate(dataSource());
            migrated = true;
        }
        deleteAllRows("lanyard_");
        return dataSource;
    }

    /**
     * Deletes every row of the tables whose names start with {@code prefix} (any case), except
     * {@code lanyard_schema_version}, children before parents.
     *
     * @param prefix the start of the names of the tables to empty, e.g. {@code lanyard_}
     * @throws IllegalStateException when the database has not been opened or a table cannot be emptied
     */
    public final void deleteAllRows(String prefix) {
        try (Connection c = dataSource().getConnection()) {
            List<String> pending = tables(c, prefix.toLowerCase(Locale.ROOT));
            while (!pending.isEmpty()) {
                List<String> blocked = new ArrayList<>();
                SQLException last = null;
                for (String table : pending) {
                    try (Statement s = c.createStatement()) {
                        s.executeUpdate("DELETE FROM " + table);
                    } catch (SQLException e) {
                        // a foreign key from a table not emptied yet: try again after the others
                        blocked.add(table);
                        last = e;
                    }
                }
                if (blocked.size() == pending.size()) {
                    throw new IllegalStateException("could not empty " + blocked, last);
                }
                pending = blocked;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not empty the tables of " + name, e);
        }
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        if (!skipped()) {
            open();
        }
    }

    /** Skips each test rather than the class, so that reports count the skipped tests. */
    @Override
    public void beforeEach(ExtensionContext context) {
        if (skipped()) {
            Assumptions.abort(skipReason());
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        close();
    }

    /** Drops the schema or database. */
    @Override
    public final synchronized void close() {
        if (dataSource == null) {
            return;
        }
        try {
            drop();
        } catch (SQLException e) {
            throw new IllegalStateException("could not drop the test database " + name + " in " + product(), e);
        } finally {
            dataSource = null;
            migrated = false;
        }
    }

    @Override
    public String toString() {
        return product() + " " + name;
    }

    /** Creates the isolated schema or database and returns a data source bound to it. */
    abstract DataSource create() throws SQLException;

    abstract void drop() throws SQLException;

    abstract boolean needsServer();

    abstract String howToStart();

    private boolean skipped() {
        return needsServer() && "true".equalsIgnoreCase(System.getenv(SKIP_VARIABLE));
    }

    private String skipReason() {
        return SKIP_VARIABLE + "=true: skipping the " + product() + " tests";
    }

    static String env(String variable, String fallback) {
        String value = System.getenv(variable);
        return value == null || value.isBlank() ? fallback : value;
    }

    static void execute(DataSource dataSource, String sql) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private static List<String> tables(Connection c, String prefix) throws SQLException {
        List<String> out = new ArrayList<>();
        DatabaseMetaData md = c.getMetaData();
        try (ResultSet rs = md.getTables(c.getCatalog(), c.getSchema(), "%", new String[] {"TABLE"})) {
            while (rs.next()) {
                String table = rs.getString("TABLE_NAME");
                String lower = table.toLowerCase(Locale.ROOT);
                if (lower.startsWith(prefix) && !lower.equals("lanyard_schema_version")) {
                    out.add(table);
                }
            }
        }
        return out;
    }

    private static String randomSuffix() {
        String alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < 12; i++) {
            s.append(alphabet.charAt(RANDOM.nextInt(alphabet.length())));
        }
        return s.toString();
    }
}
