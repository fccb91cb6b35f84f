package dev.lanyard.auth.examples;

import dev.lanyard.auth.testing.LocalServers;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

import static org.junit.jupiter.api.Assumptions.assumeFalse;

/**
 * A fresh schema on the tests' PostgreSQL ({@link LocalServers#postgres()}) for each test, dropped after
 * it, so that servers started with {@link #url()} share one database and nothing else. Skipped only
 * when {@code LANYARD_SKIP_DB_TESTS=true}.
 *
 * <pre>{@code
 * @RegisterExtension
 * final PostgresSchema db = new PostgresSchema("lanyard_cluster_");
 * ... RunningDemo.start(dir, clock, "--jdbc-url", db.url(), ...)
 * }</pre>
 */
final class PostgresSchema implements BeforeEachCallback, AfterEachCallback {

    private final String name;
    private boolean created;

    /** @param prefix the schema name's start; a random suffix keeps parallel runs apart */
    PostgresSchema(String prefix) {
        this.name = prefix + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }

    /** The schema's name. */
    String name() {
        return name;
    }

    /** A JDBC URL of the tests' PostgreSQL that works in this schema. */
    String url() {
        LocalServers.Address server = LocalServers.postgres();
        return server.url() + "?user=" + server.user() + "&currentSchema=" + name;
    }

    @Override
    public void beforeEach(ExtensionContext context) throws SQLException {
        assumeFalse("true".equalsIgnoreCase(System.getenv("LANYARD_SKIP_DB_TESTS")), "LANYARD_SKIP_DB_TESTS=true");
        execute("CREATE SCHEMA " + name);
        created = true;
    }

    @Override
    public void afterEach(ExtensionContext context) throws SQLException {
        if (created) {
            execute("DROP SCHEMA IF EXISTS " + name + " CASCADE");
        }
    }

    /** Runs one statement on the tests' PostgreSQL as its administrator. */
    static void execute(String sql) throws SQLException {
        LocalServers.Address server = LocalServers.postgres();
        try (Connection c = DriverManager.getConnection(server.url() + "?user=" + server.user() + "&connectTimeout=5");
             Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new SQLException("PostgreSQL is needed at " + server.url() + " as " + server.user() + " (start it, or set "
                    + "LANYARD_TEST_POSTGRES_URL / _USER; LANYARD_SKIP_DB_TESTS=true skips this test): "
                    + e.getMessage(), e);
        }
    }
}
