package dev.lanyard.auth.jdbc;

import dev.lanyard.auth.StoreException;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.concurrent.locks.ReentrantLock;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What differs between the databases the schema supports: how text compares exactly (and orders by
 * code point), how bytes are stored, where secondary indexes are declared, and how concurrent
 * migrations are kept apart. Everything else in the schema and the stores is plain SQL that all of
 * them run.
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
            H2_MIGRATIONS.lock();
        }

        @Override
        void unlock(Connection c) {
            H2_MIGRATIONS.unlock();
        }
    };

    /** The first key of PostgreSQL's two-key advisory locks: "LANY" in ASCII. */
    private static final int LOCK_CLASS = 0x4c414e59;
    private static final String MYSQL_LOCK = "CONCAT('lanyard_schema:', MD5(COALESCE(DATABASE(), '')))";
    private static final int MYSQL_LOCK_TIMEOUT_SECONDS = 60;
    private static final ReentrantLock H2_MIGRATIONS = new ReentrantLock();

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
        throw new StoreException("the Lanyard JDBC schema supports PostgreSQL, MariaDB, MySQL and H2, not '" + product
                + "'; implement UserStore and ClientStore over your database instead", null, false);
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
}
