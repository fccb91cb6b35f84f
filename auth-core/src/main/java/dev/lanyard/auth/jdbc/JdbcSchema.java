package dev.lanyard.auth.jdbc;

import dev.lanyard.auth.StoreException;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * Creates and upgrades the tables of the JDBC stores, all named {@code lanyard_*}, in PostgreSQL,
 * MariaDB, MySQL 8, H2 2.x or SQLite 3.35+. Call {@link #migrate} once when the app starts, before the stores are
 * used:
 *
 * <pre>{@code
 * DataSource dataSource = ...; // your pool
 * JdbcSchema.migrate(dataSource);
 * UserStore users = new JdbcUserStore(dataSource);
 * ClientStore clients = new JdbcClientStore(dataSource);
 * }</pre>
 *
 * <p>The schema carries a version number in {@code lanyard_schema_version}. {@code migrate} applies
 * the steps the database lacks, in order, and does nothing when it is up to date, so every node of a
 * cluster may call it at start: on PostgreSQL, MariaDB and MySQL the nodes take turns under a lock
 * (an advisory lock per schema, a named lock per database), and every step is idempotent besides. A
 * database that a newer Lanyard has migrated is refused: Lanyard never downgrades a schema.
 *
 * <p>The connection's user needs the right to create tables in its current schema (PostgreSQL) or
 * database (MariaDB, MySQL); where the app's user may not, run {@code migrate} once as an owner.
 *
 * <p>SQLite (through {@code org.xerial:sqlite-jdbc}) is the embedded store that keeps what it
 * acknowledged: open every connection in WAL mode with {@code synchronous=FULL} and foreign keys on,
 * and {@code migrate} refuses a connection opened otherwise. Each commit then costs an fsync.
 *
 * <pre>{@code
 * DataSource sqlite = ...; // e.g. org.sqlite.SQLiteDataSource, or a pool, with the URL
 * // jdbc:sqlite:/var/lib/app/lanyard.db?journal_mode=WAL&synchronous=FULL&foreign_keys=true&busy_timeout=5000
 * JdbcSchema.migrate(sqlite);
 * }</pre>
 */
public final class JdbcSchema {

    private JdbcSchema() {
    }

    /**
     * Brings the schema up to {@link #latestVersion()}.
     *
     * @param dataSource the database to migrate, with rights to create tables
     * @throws StoreException when the database cannot be reached (transient), a statement fails, the
     *                        database is not one of the supported ones, its schema is newer than
     *                        this Lanyard knows, or an SQLite connection does not sync its commits
     */
    public static void migrate(DataSource dataSource) {
        Objects.requireNonNull(dataSource, "dataSource");
        for (int attempt = 1; ; attempt++) {
            try {
                migrateOnce(dataSource);
                return;
            } catch (SQLException e) {
                // Another node migrating at the same moment (SQLite: a fresh file switched to WAL as its
                // connection opens) holds the lock: every step is a transaction ending in the
                // compare-and-set of the version, so starting again is safe.
                if (attempt < BUSY_ATTEMPTS && Sql.isBusy(e)) {
                    pause(attempt, e);
                    continue;
                }
                throw Sql.failure("migrate the Lanyard schema", e);
            }
        }
    }

    /** How often a migration that found the database busy is started again. */
    private static final int BUSY_ATTEMPTS = 5;

    private static void pause(int attempt, SQLException busy) {
        try {
            Thread.sleep(50L * attempt);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw Sql.failure("migrate the Lanyard schema", busy);
        }
    }

    private static void migrateOnce(DataSource dataSource) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            Dialect dialect = Dialect.of(c);
            dialect.checkSettings(c);
            boolean autoCommit = c.getAutoCommit();
            if (!autoCommit) {
                c.setAutoCommit(true); // each step manages its own transaction
            }
            dialect.lock(c);
            try {
                migrate(c, dialect);
            } finally {
                dialect.unlock(c);
                if (!autoCommit) {
                    c.setAutoCommit(false);
                }
            }
        }
    }

    /**
     * The version of the Lanyard schema in this database: 0 when it has none yet.
     *
     * @param dataSource the database to read
     * @return the installed version; 0 when the database has no Lanyard schema
     * @throws StoreException when the database cannot be read
     */
    public static int installedVersion(DataSource dataSource) {
        Objects.requireNonNull(dataSource, "dataSource");
        try (Connection c = dataSource.getConnection()) {
            if (!hasVersionTable(c)) {
                return 0;
            }
            Integer version = readVersion(c);
            return version == null ? 0 : version;
        } catch (SQLException e) {
            throw Sql.failure("read the Lanyard schema version", e);
        }
    }

    /**
     * The schema version this Lanyard creates and works with.
     *
     * @return the latest version
     */
    public static int latestVersion() {
        return Migration.latest();
    }

    private static void migrate(Connection c, Dialect dialect) throws SQLException {
        execute(c, dialect.expand(Migration.VERSION_TABLE));
        while (true) {
            int installed = ensureVersionRow(c);
            if (installed > latestVersion()) {
                throw new StoreException("the Lanyard schema in this database is at version " + installed
                        + ", newer than version " + latestVersion() + " that this Lanyard knows: a newer Lanyard has"
                        + " migrated it. Upgrade Lanyard on this node, or point it at another database; Lanyard never"
                        + " downgrades a schema", null, false);
            }
            Migration next = Migration.after(installed);
            if (next == null) {
                return;
            }
            apply(c, dialect, next, installed);
        }
    }

    /**
     * Runs one step and moves the version from {@code from} to the step's, in one transaction where the
     * database can roll DDL back (PostgreSQL). The version moves by compare-and-set: when another node
     * got there first (possible only where there is no lock, H2), this node's change is rolled back and
     * the loop reads the version again.
     */
    private static void apply(Connection c, Dialect dialect, Migration step, int from) throws SQLException {
        try {
            Sql.inTransaction(c, dialect, tx -> {
                for (String statement : step.statements()) {
                    dialect.execute(tx, statement);
                }
                try (PreparedStatement ps = tx.prepareStatement(
                        "UPDATE lanyard_schema_version SET version = ? WHERE id = 1 AND version = ?")) {
                    ps.setInt(1, step.version());
                    ps.setInt(2, from);
                    if (ps.executeUpdate() == 0) {
                        throw new ConcurrentMigration();
                    }
                }
                return null;
            });
        } catch (ConcurrentMigration e) {
            // another node moved the version meanwhile: read it again
        } catch (SQLException e) {
            throw Sql.failure("migrate the Lanyard schema to version " + step.version() + " (" + step.description()
                    + ")", e);
        }
    }

    /** The installed version, inserting the row for version 0 when the table is new. */
    private static int ensureVersionRow(Connection c) throws SQLException {
        Integer version = readVersion(c);
        if (version != null) {
            return version;
        }
        try (Statement s = c.createStatement()) {
            s.executeUpdate("INSERT INTO lanyard_schema_version (id, version) VALUES (1, 0)");
            return 0;
        } catch (SQLException e) {
            if (!Sql.isConstraintViolation(e)) {
                throw e;
            }
            // another node inserted the row first
            version = readVersion(c);
            if (version == null) {
                throw e;
            }
            return version;
        }
    }

    private static Integer readVersion(Connection c) throws SQLException {
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT version FROM lanyard_schema_version WHERE id = 1")) {
            return rs.next() ? rs.getInt(1) : null;
        }
    }

    private static boolean hasVersionTable(Connection c) throws SQLException {
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM lanyard_schema_version")) {
            return rs.next();
        } catch (SQLException e) {
            String state = Sql.sqlState(e);
            if (state != null && state.startsWith("42")) {
                return false; // no such table (42P01 on PostgreSQL, 42S02 elsewhere)
            }
            throw e;
        }
    }

    private static void execute(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    /** Unwinds a step whose compare-and-set of the version found another node's version. */
    private static final class ConcurrentMigration extends RuntimeException {
        private static final long serialVersionUID = 1L;

        ConcurrentMigration() {
            super(null, null, false, false);
        }
    }
}
