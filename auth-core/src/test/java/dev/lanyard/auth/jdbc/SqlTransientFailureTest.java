package dev.lanyard.auth.jdbc;

import dev.lanyard.auth.StoreException;
import dev.lanyard.auth.testing.LocalServers;
import dev.lanyard.auth.testing.TestDatabase;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.sql.Statement;
import java.util.Properties;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

/**
 * A database that is out of connections or cancels a statement on a timeout fails the operation as
 * transient (503 {@code temporarily_unavailable}, never 500), with the real drivers' exceptions; and
 * a connection without a network timeout gets one for the length of an operation.
 */
class SqlTransientFailureTest {

    private final String suffix = UUID.randomUUID().toString().replace("-", "").substring(0, 10);

    @Test
    void postgresTooManyClientsIsTransient() throws SQLException {
        String role = "lanyard_limited_" + suffix;
        LocalServers.Address pg = postgres();
        try (Connection admin = DriverManager.getConnection(pg.url(), props(pg.user(), pg.password()))) {
            execute(admin, "CREATE ROLE " + role + " LOGIN CONNECTION LIMIT 1");
            try (Connection only = DriverManager.getConnection(pg.url(), props(role, ""))) {
                org.postgresql.ds.PGSimpleDataSource limited = new org.postgresql.ds.PGSimpleDataSource();
                limited.setURL(pg.url());
                limited.setUser(role);
                Sql sql = new Sql(limited);
                assertThatThrownBy(() -> sql.read("look up a user", c -> 1))
                        .isInstanceOfSatisfying(StoreException.class, e -> {
                            assertThat(e.isTransient()).isTrue();
                            assertThat(e.getCause()).isInstanceOf(SQLException.class);
                            assertThat(((SQLException) e.getCause()).getSQLState()).isEqualTo("53300");
                        })
                        .hasMessageContaining("SQLState 53300").hasMessageContaining("retry later");
                assertThat(only.isValid(1)).isTrue();
            } finally {
                execute(admin, "DROP ROLE IF EXISTS " + role);
            }
        }
    }

    @Test
    void postgresStatementTimeoutIsTransient() throws SQLException {
        try (TestDatabase db = TestDatabase.postgres().open()) {
            Sql sql = new Sql(db.dataSource());
            assertThatThrownBy(() -> sql.read("check a token", c -> {
                try (Statement s = c.createStatement()) {
                    s.execute("SET statement_timeout = 50");
                    s.execute("SELECT pg_sleep(5)");
                }
                return null;
            })).isInstanceOfSatisfying(StoreException.class, e -> assertThat(e.isTransient()).isTrue())
                    .hasMessageContaining("SQLState 57014");
        }
    }

    @Test
    void mariaDbMaxUserConnectionsIsTransient() throws SQLException {
        String user = "lanyard_lim_" + suffix;
        LocalServers.Address maria = mariaDb();
        try (Connection admin = DriverManager.getConnection(maria.url(), props(maria.user(), maria.password()))) {
            execute(admin, "CREATE USER '" + user + "'@'%' WITH MAX_USER_CONNECTIONS 1");
            execute(admin, "GRANT SELECT ON " + admin.getCatalog() + ".* TO '" + user + "'@'%'");
            try (Connection only = DriverManager.getConnection(maria.url(), props(user, ""))) {
                org.mariadb.jdbc.MariaDbDataSource limited = new org.mariadb.jdbc.MariaDbDataSource(maria.url());
                limited.setUser(user);
                Sql sql = new Sql(limited);
                assertThatThrownBy(() -> sql.read("look up a user", c -> 1))
                        .isInstanceOfSatisfying(StoreException.class, e -> assertThat(e.isTransient()).isTrue())
                        .hasMessageContaining("retry later");
                assertThat(only.isValid(1)).isTrue();
            } finally {
                execute(admin, "DROP USER IF EXISTS '" + user + "'@'%'");
            }
        }
    }

    @Test
    void mariaDbStatementTimeoutIsTransient() throws SQLException {
        try (TestDatabase db = TestDatabase.mariaDb().open()) {
            Sql sql = new Sql(db.dataSource());
            assertThatThrownBy(() -> sql.read("check a token", c -> {
                try (Statement s = c.createStatement()) {
                    // SLEEP alone would return 1 without an error when interrupted; as part of a query it fails
                    s.execute("SET STATEMENT max_statement_time = 0.05 FOR"
                            + " SELECT SLEEP(5), x FROM (SELECT 1 AS x UNION ALL SELECT 2) t");
                }
                return null;
            })).isInstanceOfSatisfying(StoreException.class, e -> assertThat(e.isTransient()).isTrue());
        }
    }

    @Test
    void aPoolOutOfConnectionsIsTransient() {
        // what HikariCP, Agroal and the JDK's own pools throw when no connection was free in time
        SQLException timeout = new SQLTransientConnectionException("lanyard - Connection is not available, request"
                + " timed out after 2000ms", "08001");
        assertThat(Sql.failure("rotate a refresh token", timeout).isTransient()).isTrue();
        assertThat(Sql.failure("rotate a refresh token", new SQLTransientConnectionException("timed out"))
                .isTransient()).isTrue();
    }

    @Test
    void aConnectionWithoutNetworkTimeoutGetsOneForTheOperationAndItsOwnBackAfter() throws SQLException {
        LocalServers.Address pg = postgres();
        try (Connection c = DriverManager.getConnection(pg.url(), props(pg.user(), pg.password()))) {
            assertThat(c.getNetworkTimeout()).isZero();
            assertThat(Sql.bounded(c, Connection::getNetworkTimeout)).isEqualTo(Sql.NETWORK_TIMEOUT_MILLIS);
            assertThat(c.getNetworkTimeout()).as("put back for the pool's other users").isZero();
        }
        Properties withTimeout = props(pg.user(), pg.password());
        withTimeout.setProperty("socketTimeout", "7");
        try (Connection c = DriverManager.getConnection(pg.url(), withTimeout)) {
            assertThat(Sql.bounded(c, Connection::getNetworkTimeout)).as("its own timeout is kept").isEqualTo(7000);
            assertThat(c.getNetworkTimeout()).isEqualTo(7000);
        }
        try (TestDatabase h2 = TestDatabase.h2().open(); Connection c = h2.dataSource().getConnection()) {
            assertThat(Sql.<String>bounded(c, conn -> "ran")).as("embedded H2 has no network").isEqualTo("ran");
        }
    }

    private static LocalServers.Address postgres() {
        assumeFalse("true".equalsIgnoreCase(System.getenv(TestDatabase.SKIP_VARIABLE)), TestDatabase.SKIP_VARIABLE);
        return LocalServers.postgres();
    }

    private static LocalServers.Address mariaDb() {
        assumeFalse("true".equalsIgnoreCase(System.getenv(TestDatabase.SKIP_VARIABLE)), TestDatabase.SKIP_VARIABLE);
        return LocalServers.mariaDb();
    }

    private static Properties props(String user, String password) {
        Properties p = new Properties();
        p.setProperty("user", user);
        if (!password.isEmpty()) {
            p.setProperty("password", password);
        }
        return p;
    }

    private static void execute(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
