package dev.lanyard.auth.jdbc;

import dev.lanyard.auth.StoreException;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;

/**
 * What differs between the databases the schema supports: how text compares exactly (and orders by
 * code point) and how concurrent migrations are kept apart. Everything else in the schema and the
 * stores is plain SQL that all of them run.
 */
enum Dialect {

    /** {@code COLLATE "C"}: byte order, whatever the database's default collation says. */
    POSTGRESQL("COLLATE \"C\"", "") {
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
    MARIADB("", " ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_nopad_bin") {
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
    MYSQL("", " ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_0900_bin") {
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
     * H2 compares strings exactly by default and has no advisory lock: its migrations rely on
     * idempotent steps and the compare-and-set of the version row alone.
     */
    H2("", "") {
        @Override
        void lock(Connection c) {
            // nothing to take: see the class comment
        }

        @Override
        void unlock(Connection c) {
            // nothing to release
        }
    };

    /** The first key of PostgreSQL's two-key advisory locks: "LANY" in ASCII. */
    private static final int LOCK_CLASS = 0x4c414e59;
    private static final String MYSQL_LOCK = "CONCAT('lanyard_schema:', MD5(COALESCE(DATABASE(), '')))";
    private static final int MYSQL_LOCK_TIMEOUT_SECONDS = 60;

    private final String exactCollation;
    private final String tableOptions;

    Dialect(String exactCollation, String tableOptions) {
        this.exactCollation = exactCollation;
        this.tableOptions = tableOptions;
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
     * order exactly, {@code {table}} after a CREATE TABLE's closing parenthesis adds table options.
     */
    String expand(String template) {
        return template.replace(" {exact}", exactCollation.isEmpty() ? "" : " " + exactCollation)
                .replace("{table}", tableOptions);
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
