package dev.lanyard.auth.jdbc;

import dev.lanyard.auth.StoreException;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.sql.Statement;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.function.Function;
import javax.sql.DataSource;

/**
 * Runs the stores' statements: reads on an auto-commit connection, each write in one transaction,
 * and every {@link SQLException} turned into a Lanyard exception. On SQLite a write transaction
 * begins {@code IMMEDIATE}, and the statements are prepared through {@link Dialect#statements}.
 *
 * <p>Messages name the operation, the SQLState and the vendor code, never the driver's text: drivers
 * quote row values there (PostgreSQL's "Failing row contains", H2's "Value too long"), and a row may
 * hold a password hash. The driver's exception stays the cause, for the logs.
 */
final class Sql {

    /** Statements run against the connection; the transaction is managed around them. */
    @FunctionalInterface
    interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    private static final int MAX_CAUSES = 16;
    /** Tries of a {@link #writeRetrying} transaction that keeps conflicting with others. */
    private static final int MAX_ATTEMPTS = 5;
    /** MariaDB's ER_CHECKREAD: "Record has changed since last read". */
    private static final int MARIADB_RECORD_CHANGED = 1020;
    /**
     * MariaDB's and MySQL's "too many connections" (1040), "user has more than max_user_connections"
     * (1203) and "user has exceeded a resource limit" (1226): their SQLStates (08004, 42000) do not say so.
     */
    private static final Set<Integer> MARIADB_TOO_MANY_CONNECTIONS = Set.of(1040, 1203, 1226);
    /**
     * The longest wait for any one reply of the database, applied to a connection that has no network
     * timeout of its own (a driver's socket timeout, a pool's setting): a stalled database then fails
     * the operation as transient instead of holding its thread forever.
     */
    static final int NETWORK_TIMEOUT_MILLIS = 30_000;
    /** Runs the driver's timeout work on the thread that notices it; the drivers use it only to close the socket. */
    private static final Executor DIRECT = Runnable::run;

    private final DataSource dataSource;
    /** The dialect of the data source, once a connection told it; empty for an unsupported database. */
    private volatile Optional<Dialect> dialect;

    Sql(DataSource dataSource) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    }

    <T> T read(String action, Work<T> work) {
        try (Connection c = dataSource.getConnection()) {
            Dialect d = dialect(c);
            return bounded(c, conn -> work.run(d == null ? conn : d.statements(conn)));
        } catch (SQLException e) {
            throw failure(action, e);
        }
    }

    <T> T write(String action, Work<T> work) {
        return write(action, work, null);
    }

    /**
     * Runs one statement that is atomic by itself (a conditional {@code UPDATE}): auto-committed, one
     * round trip, where the connection auto-commits (as pools hand them out by default); in a
     * transaction where it does not.
     */
    <T> T single(String action, Work<T> work) {
        try (Connection c = dataSource.getConnection()) {
            Dialect d = dialect(c);
            if (!c.getAutoCommit()) {
                return bounded(c, conn -> inTransaction(conn, d, work));
            }
            return bounded(c, conn -> work.run(d == null ? conn : d.statements(conn)));
        } catch (SQLException e) {
            throw failure(action, e);
        }
    }


    /**
     * Runs {@code work} in one transaction. A constraint violation (SQLState class 23) is handed to
     * {@code onConflict} after the transaction was rolled back and its connection closed, so the
     * handler may read the database to say what conflicted.
     */
    <T> T write(String action, Work<T> work, Function<SQLException, RuntimeException> onConflict) {
        SQLException failure;
        try (Connection c = dataSource.getConnection()) {
            return bounded(c, conn -> inTransaction(conn, dialect(conn), work));
        } catch (SQLException e) {
            failure = e;
        }
        if (onConflict != null && isConstraintViolation(failure)) {
            throw onConflict.apply(failure);
        }
        throw failure(action, failure);
    }

    /**
     * Runs {@code work} in one transaction, and runs it again, in a new transaction, when the
     * database rolled the first one back to break a deadlock or a serialization conflict: what the
     * token stores need, whose writes are compare-and-sets that decide again from scratch. A
     * constraint violation rolls the transaction back and returns {@code whenConstraintViolated}
     * instead, when that is not null.
     */
    <T> T writeRetrying(String action, Work<T> work, T whenConstraintViolated) {
        for (int attempt = 1; ; attempt++) {
            try (Connection c = dataSource.getConnection()) {
                return bounded(c, conn -> inTransaction(conn, dialect(conn), work));
            } catch (SQLException e) {
                if (whenConstraintViolated != null && isConstraintViolation(e)) {
                    return whenConstraintViolated;
                }
                if (attempt >= MAX_ATTEMPTS || !isConflict(e)) {
                    throw failure(action, e);
                }
            }
        }
    }

    <T> T writeRetrying(String action, Work<T> work) {
        return writeRetrying(action, work, null);
    }

    /**
     * Runs {@code work} with a network timeout of {@value #NETWORK_TIMEOUT_MILLIS} ms when the connection
     * has none (0), and puts the connection's own setting back afterwards, so that a pool that does not
     * reset it hands its other users the connection as it was. Drivers without network timeouts
     * (embedded databases) are left as they are.
     */
    static <T> T bounded(Connection c, Work<T> work) throws SQLException {
        if (!setNetworkTimeout(c)) {
            return work.run(c);
        }
        try {
            return work.run(c);
        } finally {
            resetNetworkTimeout(c);
        }
    }

    /**
     * Whether the timeout was set here (and must be reset). A driver that cannot set one (some throw
     * {@link java.sql.SQLFeatureNotSupportedException}, others a plain {@link SQLException}) runs the
     * work as it is; a connection that is broken fails in the work itself, with its own SQLState.
     */
    private static boolean setNetworkTimeout(Connection c) {
        try {
            if (c.getNetworkTimeout() != 0) {
                return false;
            }
            c.setNetworkTimeout(DIRECT, NETWORK_TIMEOUT_MILLIS);
            return true;
        } catch (SQLException | UnsupportedOperationException e) {
            return false;
        }
    }

    private static void resetNetworkTimeout(Connection c) {
        try {
            if (!c.isClosed()) {
                c.setNetworkTimeout(DIRECT, 0);
            }
        } catch (SQLException e) {
            // the connection broke (it timed out, say): the pool discards it
        }
    }

    /** The data source's dialect, asked of the first connection only (one data source is one database). */
    private Dialect dialect(Connection c) throws SQLException {
        Optional<Dialect> known = dialect;
        if (known == null) {
            known = Optional.ofNullable(Dialect.find(c));
            dialect = known;
        }
        return known.orElse(null);
    }

    /**
     * Runs {@code work} in one transaction on {@code c}: the JDBC way, or on SQLite ({@code dialect}
     * {@link Dialect#SQLITE}) begun {@code IMMEDIATE}, which takes the write lock before the first read.
     */
    static <T> T inTransaction(Connection c, Dialect dialect, Work<T> work) throws SQLException {
        if (dialect == Dialect.SQLITE) {
            return inImmediateTransaction(c, work);
        }
        boolean autoCommit = c.getAutoCommit();
        if (autoCommit) {
            c.setAutoCommit(false);
        }
        try {
            T result = work.run(c);
            c.commit();
            return result;
        } catch (Throwable t) {
            rollbackQuietly(c, t);
            throw t;
        } finally {
            if (autoCommit) {
                restoreAutoCommit(c);
            }
        }
    }

    /**
     * A transaction begun with {@code BEGIN IMMEDIATE} on an auto-commit connection, ended with
     * {@code COMMIT}, which under {@code synchronous=FULL} returns once the commit is on disk. A
     * connection handed out in manual-commit mode holds the driver's own (deferred) transaction:
     * auto-commit ends it first, and is turned off again after.
     */
    private static <T> T inImmediateTransaction(Connection c, Work<T> work) throws SQLException {
        boolean autoCommit = c.getAutoCommit();
        if (!autoCommit) {
            c.setAutoCommit(true);
        }
        try {
            execute(c, "BEGIN IMMEDIATE");
            try {
                T result = work.run(Dialect.SQLITE.statements(c));
                execute(c, "COMMIT");
                return result;
            } catch (Throwable t) {
                try {
                    execute(c, "ROLLBACK");
                } catch (SQLException e) {
                    t.addSuppressed(e); // SQLite may have rolled back itself (a full disk, an I/O error)
                }
                throw t;
            }
        } finally {
            if (!autoCommit) {
                c.setAutoCommit(false);
            }
        }
    }

    private static void execute(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    /** A {@link StoreException} for a failed operation, transient when a retry may succeed. */
    static StoreException failure(String action, SQLException e) {
        String state = sqlState(e);
        boolean transientFailure = isTransient(e);
        StringBuilder message = new StringBuilder("could not ").append(action).append(": ")
                .append(transientFailure ? "the database is unreachable or busy" : "the database refused the statement")
                .append(" (SQLState ").append(state == null ? "unknown" : state)
                .append(", vendor code ").append(e.getErrorCode()).append(')');
        if (transientFailure) {
            message.append("; retry later");
        } else if (state != null && state.startsWith("42")) {
            message.append("; check that JdbcSchema.migrate(dataSource) has run on this database"
                    + " and that its user may use the lanyard_ tables");
        }
        return new StoreException(message.toString(), e, transientFailure);
    }

    /** Whether a unique, foreign-key or other integrity constraint refused the statement. */
    static boolean isConstraintViolation(SQLException e) {
        String state = sqlState(e);
        return state != null && state.startsWith("23");
    }

    /**
     * Whether the database rolled the transaction back because it conflicted with another one:
     * serialization failure (40001, also MariaDB's and MySQL's deadlock), deadlock (40P01), or
     * MariaDB's "record has changed since last read" (1020) under {@code innodb_snapshot_isolation}.
     */
    static boolean isConflict(SQLException e) {
        String state = sqlState(e);
        if ("40001".equals(state) || "40P01".equals(state)) {
            return true;
        }
        Throwable t = e;
        for (int i = 0; t != null && i < MAX_CAUSES; i++, t = next(t)) {
            if (t instanceof SQLException s && s.getErrorCode() == MARIADB_RECORD_CHANGED) {
                return true;
            }
        }
        return false;
    }

    /**
     * Connection failures (class 08), rolled-back transactions such as deadlocks (class 40), a server
     * out of resources (class 53: PostgreSQL's "too many clients" 53300, a full disk 53100), a server
     * shutting down (57P0x), a statement cancelled by a timeout (57014, MariaDB's 70100, HY008), an I/O
     * error (58030), a read-only database (25006), MariaDB's and MySQL's connection limits (1040, 1203,
     * 1226) and whatever the driver itself calls transient: a pool's
     * {@link java.sql.SQLTransientConnectionException} when no connection was free in time, a
     * {@link java.sql.SQLTimeoutException}. A write that could not be made durable now may be once the
     * operator freed space or fixed the disk.
     */
    static boolean isTransient(SQLException e) {
        Throwable t = e;
        for (int i = 0; t != null && i < MAX_CAUSES; i++, t = next(t)) {
            if (t instanceof SQLTransientException || t instanceof SQLRecoverableException) {
                return true;
            }
            if (t instanceof SQLException s && (isTransientState(state(s))
                    || MARIADB_TOO_MANY_CONNECTIONS.contains(s.getErrorCode()))) {
                return true;
            }
        }
        return false;
    }

    private static boolean isTransientState(String state) {
        return state != null && (state.startsWith("08") || state.startsWith("40") || state.startsWith("53")
                || state.startsWith("57P0") || state.equals("57014") || state.equals("70100") || state.equals("HY008")
                || state.equals("58030") || state.equals("25006"));
    }

    /**
     * Whether the database was busy: a serialization failure or, on SQLite, another connection holding
     * the lock past the busy timeout (both SQLState 40001). Such work may simply be run again.
     */
    static boolean isBusy(SQLException e) {
        Throwable t = e;
        for (int i = 0; t != null && i < MAX_CAUSES; i++, t = next(t)) {
            if (t instanceof SQLException s && "40001".equals(state(s))) {
                return true;
            }
        }
        return false;
    }

    /** The first SQLState in the chain: a batch failure often carries it on the next exception only. */
    static String sqlState(SQLException e) {
        Throwable t = e;
        for (int i = 0; t != null && i < MAX_CAUSES; i++, t = next(t)) {
            if (t instanceof SQLException s && state(s) != null) {
                return state(s);
            }
        }
        return null;
    }

    /** The exception's own SQLState, or the one its SQLite result code stands for. */
    private static String state(SQLException e) {
        return e.getSQLState() != null ? e.getSQLState() : Dialect.sqliteState(e);
    }

    private static Throwable next(Throwable t) {
        if (t instanceof SQLException s && s.getNextException() != null && s.getNextException() != s) {
            return s.getNextException();
        }
        return t.getCause() == t ? null : t.getCause();
    }

    private static void rollbackQuietly(Connection c, Throwable failure) {
        try {
            c.rollback();
        } catch (SQLException e) {
            failure.addSuppressed(e);
        }
    }

    private static void restoreAutoCommit(Connection c) {
        try {
            c.setAutoCommit(true);
        } catch (SQLException e) {
            // The connection is closed right after; a pool resets it or discards it.
        }
    }
}
