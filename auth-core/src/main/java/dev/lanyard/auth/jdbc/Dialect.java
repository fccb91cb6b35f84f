package dev.lanyard.auth.jdbc;

import dev.lanyard.auth.StoreException;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.concurrent.locks.ReentrantLock;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What differs between the databases the schema supports: how text compares exactly (and orders by
 * code point), how bytes are stored, where secondary indexes are declared, how concurrent
 * migrations are kept apart, and for SQLite how a transaction begins and which words of the stores'
 * statements it spells otherwise. Everything else in the schema and the stores is plain SQL that all
 * of them run.
 */
enum Dialect {

    /** {@code COLLATE "C"}: byte order, whatever the database's default collation says. */
    POSTGRESQL("COLLATE \"C\"", "", "BYTEA", false) {
        @Override
        void lock(Connection c) throws SQLException {
            // A session-level advisory lock per schema: separate schemas migrate in parallel.
            query(c, "SELECT pg_advisory_lock(" + LOCK_CLASS + ", hashtext(COALESCE(current_schema(), '')))");
        }

        @Override
        void unlock(Connection c) throws SQLException {
            query(c, "SELECT pg_advisory_unlock(" + LOCK_CLASS + ", hashtext(COALESCE(current_schema(), '')))");
        }
    },

    /**
     * MariaDB's default collations ignore case, accents and trailing spaces; {@code utf8mb4_nopad_bin}
     * compares code points exactly. DDL commits implicitly here, so a named lock (which outlives
     * transactions) keeps two nodes apart.
     */
    MARIADB("", " ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_nopad_bin", "BLOB", true) {
        @Override
        void lock(Connection c) throws SQLException {
            mysqlLock(c);
        }

        @Override
        void unlock(Connection c) throws SQLException {
            mysqlUnlock(c);
        }
    },

    /** As MariaDB; MySQL 8 spells its exact, no-pad collation {@code utf8mb4_0900_bin}. */
    MYSQL("", " ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_0900_bin", "BLOB", true) {
        @Override
        void lock(Connection c) throws SQLException {
            mysqlLock(c);
        }

        @Override
        void unlock(Connection c) throws SQLException {
            mysqlUnlock(c);
        }
    },

    /**
     * H2 compares strings exactly by default and has no advisory lock. Its databases live in one JVM
     * (in memory, or an embedded file that one process opens at a time), so a lock in this JVM keeps
     * migrations apart: two {@code CREATE INDEX IF NOT EXISTS} at once fail in H2 ("object already
     * exists"). Across processes (H2's server mode) only idempotent steps and the compare-and-set of
     * the version row remain, and a node that loses such a race must migrate again.
     */
    H2("", "", "VARBINARY(" + Dialect.MAX_BYTES + ")", false) {
        @Override
        void lock(Connection c) {
            LOCAL_MIGRATIONS.lock();
        }

        @Override
        void unlock(Connection c) {
            LOCAL_MIGRATIONS.unlock();
        }
    },

    /**
     * SQLite 3.35 or newer (sqlite-jdbc), the embedded store that syncs every commit to disk: in WAL
     * mode with {@code synchronous=FULL} a commit returns only after its log frames were fsynced, so
     * what it acknowledged survives a killed process, a crash and a full disk; {@link #checkSettings}
     * refuses a connection opened otherwise. Text compares exactly (BINARY collation) by default.
     *
     * <p>SQLite has one writer at a time. A write transaction takes that lock when it begins
     * ({@code BEGIN IMMEDIATE}, see {@link Sql}), and waits up to the connection's
     * {@code busy_timeout} for it, rather than reading first and failing with {@code SQLITE_BUSY}
     * when it wants to write. Holding the only write lock for the whole transaction is also why
     * {@code FOR UPDATE}, which SQLite does not know, can be dropped from the stores' statements
     * ({@link #statements}). Migrations in one JVM take turns under a lock in it; across processes
     * the steps are transactions (SQLite rolls DDL back) ending in the compare-and-set of the version.
     */
    SQLITE("", "", "BLOB", false) {
        @Override
        void lock(Connection c) {
            LOCAL_MIGRATIONS.lock();
        }

        @Override
        void unlock(Connection c) {
            LOCAL_MIGRATIONS.unlock();
        }

        @Override
        void checkSettings(Connection c) throws SQLException {
            String journal = queryText(c, "PRAGMA journal_mode");
            int synchronous = queryInt(c, "PRAGMA synchronous");
            int foreignKeys = queryInt(c, "PRAGMA foreign_keys");
            String wrong = !"wal".equalsIgnoreCase(journal) ? "journal_mode=" + journal
                    : synchronous < SQLITE_SYNCHRONOUS_FULL ? "synchronous=" + synchronous
                    : foreignKeys != 1 ? "foreign_keys=off" : null;
            if (wrong != null) {
                throw new StoreException("the SQLite connection has " + wrong + ": Lanyard acknowledges a write only"
                        + " once SQLite has synced it to disk, and needs its foreign keys; open SQLite with"
                        + " journal_mode=WAL, synchronous=FULL and foreign_keys=true on every connection, e.g. "
                        + SQLITE_URL_EXAMPLE, null, false);
            }
        }

        @Override
        void execute(Connection c, String template) throws SQLException {
            Matcher add = ADD_COLUMN_IF_NOT_EXISTS.matcher(expand(template).strip());
            if (!add.matches()) {
                super.execute(c, template);
                return;
            }
            // SQLite has no ADD COLUMN IF NOT EXISTS; the step's transaction holds the write lock
            try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM pragma_table_info(?) WHERE name = ?")) {
                ps.setString(1, add.group(1));
                ps.setString(2, add.group(2));
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next() && rs.getInt(1) > 0) {
                        return;
                    }
                }
            }
            try (Statement s = c.createStatement()) {
                s.execute("ALTER TABLE " + add.group(1) + " ADD COLUMN " + add.group(2) + " " + add.group(3));
            }
        }

        @Override
        Connection statements(Connection c) {
            return (Connection) Proxy.newProxyInstance(Dialect.class.getClassLoader(), new Class<?>[] {Connection.class},
                    (proxy, method, args) -> {
                        if (args != null && args.length > 0 && args[0] instanceof String statement
                                && (method.getName().equals("prepareStatement") || method.getName().equals("prepareCall"))) {
                            args[0] = sqliteStatement(statement);
                        }
                        try {
                            return method.invoke(c, args);
                        } catch (InvocationTargetException e) {
                            throw e.getCause();
                        }
                    });
        }
    };

    /** An example of a JDBC URL that opens SQLite as {@link #SQLITE} needs it. */
    static final String SQLITE_URL_EXAMPLE =
            "jdbc:sqlite:/var/lib/app/lanyard.db?journal_mode=WAL&synchronous=FULL&foreign_keys=true&busy_timeout=5000";
    /** {@code PRAGMA synchronous} answers 2 for FULL (3 for EXTRA, also enough). */
    private static final int SQLITE_SYNCHRONOUS_FULL = 2;
    private static final Pattern ADD_COLUMN_IF_NOT_EXISTS =
            Pattern.compile("ALTER TABLE (\\w+) ADD COLUMN IF NOT EXISTS (\\w+) (.+)", Pattern.DOTALL);
    private static final Pattern FOR_UPDATE = Pattern.compile("\\s+FOR UPDATE\\s*$");
    private static final Pattern LEAST = Pattern.compile("\\bLEAST\\(");
    private static final Pattern GREATEST = Pattern.compile("\\bGREATEST\\(");

    /** The first key of PostgreSQL's two-key advisory locks: "LANY" in ASCII. */
    private static final int LOCK_CLASS = 0x4c414e59;
    private static final String MYSQL_LOCK = "CONCAT('lanyard_schema:', MD5(COALESCE(DATABASE(), '')))";
    private static final int MYSQL_LOCK_TIMEOUT_SECONDS = 60;
    private static final ReentrantLock LOCAL_MIGRATIONS = new ReentrantLock();

    /**
     * The most bytes a {@code {bytes}} column keeps on every database: MariaDB's and MySQL's BLOB
     * hold 65,535 (PostgreSQL's BYTEA more); the stores refuse larger values before writing.
     */
    static final int MAX_BYTES = 65_535;

    /** {@code {index name (columns)}} inside a CREATE TABLE. */
    private static final Pattern INLINE_INDEX = Pattern.compile("\\s*\\{index (\\w+) \\(([^)]*)\\)}");
    /** {@code {index name ON table (columns)}} as a statement of its own. */
    private static final Pattern INDEX_STATEMENT =
            Pattern.compile("\\{index (\\w+) ON (\\w+) \\(([^)]*)\\)}");

    private final String exactCollation;
    private final String tableOptions;
    private final String binaryType;
    private final boolean inlineIndexes;

    Dialect(String exactCollation, String tableOptions, String binaryType, boolean inlineIndexes) {
        this.exactCollation = exactCollation;
        this.tableOptions = tableOptions;
        this.binaryType = binaryType;
        this.inlineIndexes = inlineIndexes;
    }

    /** The dialect of the database behind this connection. */
    static Dialect of(Connection c) throws SQLException {
        Dialect dialect = find(c);
        if (dialect == null) {
            throw new StoreException("the Lanyard JDBC schema supports PostgreSQL, MariaDB, MySQL, H2 and SQLite, not '"
                    + c.getMetaData().getDatabaseProductName()
                    + "'; implement UserStore and ClientStore over your database instead", null, false);
        }
        return dialect;
    }

    /** The dialect of the database behind this connection; null when it is none of the supported ones. */
    static Dialect find(Connection c) throws SQLException {
        String product = c.getMetaData().getDatabaseProductName();
        String p = product == null ? "" : product.toLowerCase(Locale.ROOT);
        if (p.contains("postgresql")) {
            return POSTGRESQL;
        }
        if (p.contains("mariadb")) {
            return MARIADB;
        }
        if (p.contains("mysql")) {
            return MYSQL;
        }
        if (p.equals("h2")) {
            return H2;
        }
        if (p.equals("sqlite")) {
            return SQLITE;
        }
        return null;
    }

    /**
     * Refuses a connection whose settings break what the stores promise; only {@link #SQLITE} has
     * such settings (per connection, so a data source must open every connection with them).
     */
    void checkSettings(Connection c) throws SQLException {
        // the server databases sync their commits by default
    }

    /** Runs one DDL template of a migration step, {@link #expand expanded}. */
    void execute(Connection c, String template) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(expand(template));
        }
    }

    /**
     * The connection the stores' statements are prepared on: {@code c} itself, or for {@link #SQLITE}
     * a view of it that rewrites what SQLite spells otherwise ({@link #sqliteStatement}).
     */
    Connection statements(Connection c) {
        return c;
    }

    /**
     * A statement of the stores as SQLite runs it: without a trailing {@code FOR UPDATE} (the
     * transaction holds the database's only write lock already), {@code LEAST} and {@code GREATEST}
     * as SQLite's scalar {@code MIN} and {@code MAX}.
     */
    static String sqliteStatement(String statement) {
        String s = FOR_UPDATE.matcher(statement).replaceFirst("");
        s = LEAST.matcher(s).replaceAll("MIN(");
        return GREATEST.matcher(s).replaceAll("MAX(");
    }

    /**
     * The SQLState that an SQLite error stands for, where sqlite-jdbc gives none (it reports SQLite's
     * result code as the vendor code): a refused statement (42000), constraint (23000), busy or locked (40001, run again), disk full
     * (53100), I/O error (58030), read-only database (25006), cannot open the file (08001). Null for an
     * exception of another driver or an other result code.
     */
    static String sqliteState(SQLException e) {
        if (!e.getClass().getName().startsWith("org.sqlite.")) {
            return null;
        }
        return switch (e.getErrorCode() & 0xff) {
            case 1 -> "42000"; // SQLITE_ERROR: a statement SQLite refused, e.g. no such table
            case 19 -> "23000"; // SQLITE_CONSTRAINT
            case 5, 6 -> "40001"; // SQLITE_BUSY, SQLITE_LOCKED
            case 13 -> "53100"; // SQLITE_FULL
            case 10 -> "58030"; // SQLITE_IOERR
            case 8 -> "25006"; // SQLITE_READONLY
            case 14 -> "08001"; // SQLITE_CANTOPEN
            default -> null;
        };
    }

    /**
     * Fills in a DDL template: {@code {exact}} after a column type makes that column compare and
     * order exactly, {@code {table}} after a CREATE TABLE's closing parenthesis adds table options,
     * {@code {bytes}} is the type of a binary column of up to {@link #MAX_BYTES}.
     *
     * <p>Secondary indexes must be as idempotent as the tables, and MySQL has no
     * {@code CREATE INDEX IF NOT EXISTS}. So an index is written twice in a step: as
     * {@code {index name (columns)}} after the last constraint of its CREATE TABLE, which MariaDB and
     * MySQL declare with the table (created with it or not at all), and as a statement
     * {@code {index name ON table (columns)}}, which PostgreSQL and H2 run as
     * {@code CREATE INDEX IF NOT EXISTS} and MariaDB and MySQL as a no-op ({@code DO 0}).
     */
    String expand(String template) {
        Matcher statement = INDEX_STATEMENT.matcher(template.strip());
        if (statement.matches()) {
            return inlineIndexes ? "DO 0" : "CREATE INDEX IF NOT EXISTS " + statement.group(1) + " ON "
                    + statement.group(2) + " (" + statement.group(3) + ")";
        }
        String indexed = INLINE_INDEX.matcher(template).replaceAll(m -> inlineIndexes
                ? Matcher.quoteReplacement(",\n    INDEX " + m.group(1) + " (" + m.group(2) + ")") : "");
        return indexed.replace(" {exact}", exactCollation.isEmpty() ? "" : " " + exactCollation)
                .replace("{table}", tableOptions)
                .replace("{bytes}", binaryType);
    }

    /** Blocks until this connection holds the schema-migration lock. */
    abstract void lock(Connection c) throws SQLException;

    abstract void unlock(Connection c) throws SQLException;

    private static void mysqlLock(Connection c) throws SQLException {
        int got = queryInt(c, "SELECT GET_LOCK(" + MYSQL_LOCK + ", " + MYSQL_LOCK_TIMEOUT_SECONDS + ")");
        if (got != 1) {
            throw new StoreException("could not migrate the Lanyard schema: another node held the migration lock for "
                    + MYSQL_LOCK_TIMEOUT_SECONDS + " s; retry, or look for a stuck session holding it", null, true);
        }
    }

    private static void mysqlUnlock(Connection c) throws SQLException {
        query(c, "SELECT RELEASE_LOCK(" + MYSQL_LOCK + ")");
    }

    private static void query(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
        }
    }

    private static int queryInt(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            return rs.next() ? rs.getInt(1) : 0;
        }
    }

    private static String queryText(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : null;
        }
    }
}
