package dev.lanyard.auth.jdbc;

import dev.lanyard.auth.StoreException;
import dev.lanyard.auth.guard.ThrottleStore;
import dev.lanyard.auth.guard.WindowCounter;
import dev.lanyard.auth.internal.Secrets;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The {@link dev.lanyard.auth.guard.LoginThrottle}'s state and the rate limits' windows in the database
 * ({@code lanyard_throttle}, {@code lanyard_rate_windows}), shared by every node over it: N nodes allow
 * the guesses of one, not N times as many. Failure counts, lockouts and their doubling per account and
 * per address are shared, and so are the reservations of attempts still being checked, so parallel
 * guesses spread over the nodes are not checked beyond the budget. Create the tables with
 * {@link JdbcSchema#migrate}; {@link #purge} (called by {@link dev.lanyard.auth.TokenService#purge}
 * for the service's throttle) deletes idle keys and ended windows.
 *
 * <pre>{@code
 * JdbcThrottleStore shared = new JdbcThrottleStore(dataSource);
 * LoginThrottle throttle = LoginThrottle.builder().store(shared).events(events).build();
 * TokenService tokens = TokenService.builder()...throttle(throttle).build();
 * ClientRegistrationEndpoint.openRegistration(clientAdmin).windowCounter(shared).build();
 * }</pre>
 *
 * <p><b>Why the database, not Redis:</b> an embedded library's operators already run the database its
 * stores use, with its backups, credentials and failover; a second piece of infrastructure for the
 * throttle alone would be one more thing to run and secure, and one more way for logins to fail. The
 * throttle's writes are single-row, keyed by primary key, and few.
 *
 * <p><b>Round trips.</b> Every step is one atomic statement or one short transaction on one row. On the
 * success path, where a key exists and is not locked out: reserving is one conditional {@code UPDATE}
 * (auto-committed), giving the place back is another. A {@code client_credentials} request (only the
 * address counts for clients) thus adds 2 round trips; a password login, which counts the account and
 * the address, adds 4. The first attempt of a key, a refusal and a failure take a transaction: a
 * {@code SELECT ... FOR UPDATE}, an {@code UPDATE} or {@code INSERT}, and the commit. A registration
 * window costs 1 round trip per counted event, a transaction when the window is new or full.
 *
 * <p><b>Failures.</b> A statement that fails throws a {@link StoreException} (transient when the
 * database is down or busy) and the throttle refuses the attempt: the guess is never let through. A
 * place reserved by a node that died before giving it back lapses after {@value #RESERVATION_SECONDS}
 * seconds without a new reservation of its key; until then it counts as a failure would.
 *
 * <p>What stays in each process: the caps on concurrent and per-minute password checks, which protect
 * that process's own hash slots ({@link dev.lanyard.auth.guard.LoginThrottle.Attempt#beforeHash}).
 */
public final class JdbcThrottleStore implements ThrottleStore, WindowCounter {

    /** How long a reservation lasts without being given back: a check runs for a hash or two. */
    static final long RESERVATION_SECONDS = 60;
    private static final long RESERVATION_MILLIS = RESERVATION_SECONDS * 1000;
    /** Keys longer than this are stored as their digest. */
    private static final int MAX_KEY = 160;
    /** Tries of a transaction whose first insert of a key lost a race with another node's. */
    private static final int MAX_INSERT_RACES = 5;

    private static final String RESERVE = """
            UPDATE lanyard_throttle
            SET reserved = CASE WHEN reserved_until > ? THEN reserved + 1 ELSE 1 END,
                reserved_until = ?, expires_at = GREATEST(expires_at, ?)
            WHERE throttle_key = ? AND expires_at > ? AND locked_until <= ?
              AND failures + CASE WHEN reserved_until > ? THEN reserved ELSE 0 END < ?""";
    // MariaDB assigns left to right, each assignment seeing the ones before: reserved is set before
    // reserved_until so that its CASE reads the old reservation's end, as on the other databases.
    private static final String RELEASE = """
            UPDATE lanyard_throttle
            SET reserved = CASE WHEN reserved > 0 AND reserved_until > ? THEN reserved - 1 ELSE 0 END
            WHERE throttle_key = ? AND expires_at > ?""";
    private static final String SUCCEED = """
            UPDATE lanyard_throttle
            SET reserved = CASE WHEN reserved > 0 AND reserved_until > ? THEN reserved - 1 ELSE 0 END,
                failures = 0, lockouts = 0
            WHERE throttle_key = ? AND expires_at > ?""";
    private static final String FORGET = """
            UPDATE lanyard_throttle SET failures = 0, lockouts = 0
            WHERE throttle_key = ? AND expires_at > ?""";
    private static final String SELECT_FOR_UPDATE = """
            SELECT failures, lockouts, locked_until, reserved, reserved_until, expires_at
            FROM lanyard_throttle WHERE throttle_key = ? FOR UPDATE""";
    private static final String INSERT = """
            INSERT INTO lanyard_throttle
                (throttle_key, failures, lockouts, locked_until, reserved, reserved_until, expires_at)
            VALUES (?, ?, ?, ?, ?, ?, ?)""";
    private static final String UPDATE = """
            UPDATE lanyard_throttle
            SET failures = ?, lockouts = ?, locked_until = ?, reserved = ?, reserved_until = ?, expires_at = ?
            WHERE throttle_key = ?""";
    private static final String COUNT_IN_WINDOW = """
            UPDATE lanyard_rate_windows SET event_count = event_count + 1
            WHERE window_key = ? AND expires_at > ? AND event_count < ?""";

    private final Sql sql;

    /**
     * A store over this data source.
     *
     * @param dataSource the data source whose {@code lanyard_throttle} and {@code lanyard_rate_windows}
     *                   tables {@link JdbcSchema#migrate} created
     */
    public JdbcThrottleStore(DataSource dataSource) {
        this.sql = new Sql(dataSource);
    }

    @Override
    public Optional<Refused> reserve(String key, Limits limits, Instant now) {
        String k = key(key);
        Objects.requireNonNull(limits, "limits");
        long t = now.toEpochMilli();
        long until = t + RESERVATION_MILLIS;
        long keep = Math.max(until, t + limits.forgetAfter().toMillis());
        int updated = sql.single("reserve a login attempt", c -> {
            try (PreparedStatement ps = c.prepareStatement(RESERVE)) {
                ps.setLong(1, t);
                ps.setLong(2, until);
                ps.setLong(3, keep);
                ps.setString(4, k);
                ps.setLong(5, t);
                ps.setLong(6, t);
                ps.setLong(7, t);
                ps.setInt(8, limits.maxFailures());
                return ps.executeUpdate();
            }
        });
        if (updated == 1) {
            return Optional.empty();
        }
        // A new or expired key, a lockout, or a full budget: decided under the row's lock.
        return locked("reserve a login attempt", k, t, state -> {
            if (state.lockedUntil > t) {
                return Optional.of(new Refused(true, Instant.ofEpochMilli(state.lockedUntil)));
            }
            if (state.failures + state.liveReserved(t) >= limits.maxFailures()) {
                return Optional.of(new Refused(false, now));
            }
            state.reserved = state.liveReserved(t) + 1;
            state.reservedUntil = until;
            state.keep(keep);
            return Optional.empty();
        });
    }

    @Override
    public void release(String key, Instant now) {
        String k = key(key);
        long t = now.toEpochMilli();
        sql.single("give back a login attempt's reservation", c -> {
            try (PreparedStatement ps = c.prepareStatement(RELEASE)) {
                ps.setLong(1, t);
                ps.setString(2, k);
                ps.setLong(3, t);
                return ps.executeUpdate();
            }
        });
    }

    @Override
    public void succeed(String key, boolean reserved, Instant now) {
        String k = key(key);
        long t = now.toEpochMilli();
        sql.single("forget the failures of a login", c -> {
            try (PreparedStatement ps = c.prepareStatement(reserved ? SUCCEED : FORGET)) {
                if (reserved) {
                    ps.setLong(1, t);
                    ps.setString(2, k);
                    ps.setLong(3, t);
                } else {
                    ps.setString(1, k);
                    ps.setLong(2, t);
                }
                return ps.executeUpdate();
            }
        });
    }

    @Override
    public Optional<Duration> fail(String key, boolean reserved, Limits limits, Instant now) {
        String k = key(key);
        Objects.requireNonNull(limits, "limits");
        long t = now.toEpochMilli();
        return locked("count a failed login", k, t, state -> {
            if (reserved) {
                state.reserved = Math.max(0, state.liveReserved(t) - 1);
            }
            state.failures++;
            state.keep(t + limits.forgetAfter().toMillis());
            if (state.failures < limits.maxFailures()) {
                return Optional.empty();
            }
            Duration lockout = limits.lockoutAfter(state.lockouts);
            state.lockouts++;
            state.failures = 0;
            state.lockedUntil = t + lockout.toMillis();
            state.keep(state.lockedUntil);
            return Optional.of(lockout);
        });
    }

    @Override
    public Optional<Instant> lockedUntil(String key, Instant now) {
        String k = key(key);
        long t = now.toEpochMilli();
        return sql.read("read a login lockout", c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT locked_until FROM lanyard_throttle WHERE throttle_key = ? AND expires_at > ?")) {
                ps.setString(1, k);
                ps.setLong(2, t);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() && rs.getLong(1) > t ? Optional.of(Instant.ofEpochMilli(rs.getLong(1)))
                            : Optional.<Instant>empty();
                }
            }
        });
    }

    @Override
    public Optional<Duration> tryAcquire(String key, int max, Duration window, Instant now) {
        String k = key(key);
        if (max < 1) {
            throw new IllegalArgumentException("max must be at least 1");
        }
        if (window == null || window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("window must be positive");
        }
        long t = now.toEpochMilli();
        int updated = sql.single("count an event in a rate window", c -> {
            try (PreparedStatement ps = c.prepareStatement(COUNT_IN_WINDOW)) {
                ps.setString(1, k);
                ps.setLong(2, t);
                ps.setInt(3, max);
                return ps.executeUpdate();
            }
        });
        if (updated == 1) {
            return Optional.empty();
        }
        for (int attempt = 1; attempt <= MAX_INSERT_RACES; attempt++) {
            Holder<Optional<Duration>> lost = new Holder<>(null);
            Holder<Optional<Duration>> done = sql.writeRetrying("count an event in a rate window",
                    c -> new Holder<>(windowStep(c, k, max, window, t)), lost);
            if (done != lost) {
                return done.value;
            }
        }
        throw racing("count an event in a rate window");
    }

    /**
     * Deletes the keys idle for longer than their {@link Limits#forgetAfter()} (and past any lockout or
     * reservation) and the windows that have ended.
     *
     * @param now the current time
     * @return how many rows were deleted
     */
    @Override
    public int purge(Instant now) {
        long t = now.toEpochMilli();
        return sql.writeRetrying("purge the login throttle", c -> {
            int deleted = 0;
            for (String table : new String[] {"lanyard_throttle", "lanyard_rate_windows"}) {
                try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + table + " WHERE expires_at <= ?")) {
                    ps.setLong(1, t);
                    deleted += ps.executeUpdate();
                }
            }
            return deleted;
        });
    }

    private static Optional<Duration> windowStep(Connection c, String k, int max, Duration window, long t)
            throws SQLException {
        Long count = null;
        long end = 0;
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT event_count, expires_at FROM lanyard_rate_windows WHERE window_key = ? FOR UPDATE")) {
            ps.setString(1, k);
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    count = rs.getLong(1);
                    end = rs.getLong(2);
                }
            }
        }
        if (count != null && end > t && count >= max) {
            return Optional.of(Duration.ofMillis(end - t));
        }
        boolean fresh = count == null || end <= t;
        String statement = count == null
                ? "INSERT INTO lanyard_rate_windows (event_count, expires_at, window_key) VALUES (?, ?, ?)"
                : "UPDATE lanyard_rate_windows SET event_count = ?, expires_at = ? WHERE window_key = ?";
        try (PreparedStatement ps = c.prepareStatement(statement)) {
            ps.setLong(1, fresh ? 1 : count + 1);
            ps.setLong(2, fresh ? t + window.toMillis() : end);
            ps.setString(3, k);
            ps.executeUpdate();
        }
        return Optional.empty();
    }

    /** One transition of a key's state, decided in Java while the transaction holds the row. */
    @FunctionalInterface
    private interface Transition<T> {
        T apply(State state);
    }

    /**
     * Reads the key's row under its lock ({@code FOR UPDATE}; SQLite's transaction holds the only write
     * lock), applies the transition and writes the row back, in one transaction. Two nodes inserting a
     * new key at once: one insert fails on the primary key and its transaction starts again.
     */
    private <T> T locked(String action, String k, long t, Transition<T> transition) {
        for (int attempt = 1; attempt <= MAX_INSERT_RACES; attempt++) {
            Holder<T> lost = new Holder<>(null);
            Holder<T> done = sql.writeRetrying(action, c -> {
                State state = State.read(c, k, t);
                String before = state.toString();
                T result = transition.apply(state);
                if (!state.toString().equals(before)) {
                    state.write(c, k); // a refusal changes nothing and writes nothing
                }
                return new Holder<>(result);
            }, lost);
            if (done != lost) {
                return done.value;
            }
        }
        throw racing(action);
    }

    private static StoreException racing(String action) {
        return new StoreException("could not " + action + ": other nodes kept creating the same row; retry later",
                null, true);
    }

    private static String key(String key) {
        Objects.requireNonNull(key, "key");
        return key.length() <= MAX_KEY ? key : "#" + Secrets.digest(key);
    }

    /** A transaction's result, so that a lost insert race can be told from any result. */
    private static final class Holder<T> {
        final T value;

        Holder(T value) {
            this.value = value;
        }
    }

    /** A key's row as the transaction read it; a missing or expired row reads as a fresh key. */
    private static final class State {
        /** Whether a row exists (expired or not): the write is then an UPDATE, else an INSERT. */
        boolean exists;
        int failures;
        int lockouts;
        long lockedUntil;
        int reserved;
        long reservedUntil;
        long expiresAt;

        static State read(Connection c, String k, long t) throws SQLException {
            State s = new State();
            try (PreparedStatement ps = c.prepareStatement(SELECT_FOR_UPDATE)) {
                ps.setString(1, k);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return s;
                    }
                    s.exists = true;
                    if (rs.getLong(6) <= t) {
                        return s; // expired: forgotten, as if new
                    }
                    s.failures = rs.getInt(1);
                    s.lockouts = rs.getInt(2);
                    s.lockedUntil = rs.getLong(3);
                    s.reserved = rs.getInt(4);
                    s.reservedUntil = rs.getLong(5);
                    s.expiresAt = rs.getLong(6);
                }
            }
            return s;
        }

        /** The reservations that have not lapsed. */
        int liveReserved(long t) {
            return reservedUntil > t ? reserved : 0;
        }

        void keep(long until) {
            expiresAt = Math.max(expiresAt, until);
        }

        /** The fields, to tell whether a transition changed anything. */
        @Override
        public String toString() {
            return exists + " " + failures + " " + lockouts + " " + lockedUntil + " " + reserved + " " + reservedUntil
                    + " " + expiresAt;
        }

        void write(Connection c, String k) throws SQLException {
            try (PreparedStatement ps = c.prepareStatement(exists ? UPDATE : INSERT)) {
                int i = 1;
                if (!exists) {
                    ps.setString(i++, k);
                }
                ps.setInt(i++, failures);
                ps.setInt(i++, lockouts);
                ps.setLong(i++, lockedUntil);
                ps.setInt(i++, reserved);
                ps.setLong(i++, reservedUntil);
                ps.setLong(i++, expiresAt);
                if (exists) {
                    ps.setString(i, k);
                }
                ps.executeUpdate();
            }
        }
    }
}
