package dev.lanyard.auth.jdbc;

import dev.lanyard.auth.token.RevocationList;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * A {@link RevocationList} in the {@code lanyard_revoked_access_tokens} table, shared by every app
 * node over one database, with a short local cache of answers in front of it. Create the table first
 * with {@link JdbcSchema#migrate}. Thread-safe; give it a pooled {@link DataSource}.
 *
 * <pre>{@code
 * RevocationList revoked = new JdbcRevocationList(dataSource, Clock.systemUTC());
 * AccessTokenVerifier verifier = AccessTokenVerifier.builder()...revocations(revoked).build();
 * }</pre>
 *
 * <p>A verifier asks {@link #isRevoked} on every request, so each node remembers the answer for a jti
 * for {@code cacheFor} (default 5 seconds; at most 100,000 answers) and asks the database again only
 * after that. The price: <b>a token revoked on another node is still accepted here for up to
 * {@code cacheFor}</b>, if this node had looked it up just before. A revocation made through
 * <i>this</i> list is seen here at once, since {@link #revoke} updates the local cache too. A
 * {@code cacheFor} of zero caches nothing and asks the database every time.
 *
 * <p>When the database cannot be reached, {@link #isRevoked} throws a
 * {@link dev.lanyard.auth.StoreException} for any jti it holds no answer for: the verifier refuses
 * what it cannot check rather than let a revoked token through.
 *
 * <p>An entry is kept in the table until five minutes after its token expired (for verifiers that
 * allow clock skew); call {@link #purge} now and then to delete older ones.
 */
public final class JdbcRevocationList implements RevocationList {

    /** How long an answer is cached when the constructor is not told. */
    public static final Duration DEFAULT_CACHE = Duration.ofSeconds(5);
    /** Kept past the token's expiry so that a verifier with maximum skew still refuses it. */
    static final Duration MARGIN = Duration.ofMinutes(5);
    private static final int MAX_CACHED = 100_000;
    private static final int MAX_ATTEMPTS = 3;

    private final Sql sql;
    private final Cache<String, Boolean> answers;

    /**
     * A list with answers cached for {@link #DEFAULT_CACHE}.
     *
     * @param dataSource the data source whose revocation table {@link JdbcSchema#migrate} has created
     * @param clock      the time the cache and expiry run on (a fake clock in tests)
     */
    public JdbcRevocationList(DataSource dataSource, Clock clock) {
        this(dataSource, clock, DEFAULT_CACHE);
    }

    /**
     * A list with answers cached for {@code cacheFor}.
     *
     * @param dataSource the data source whose revocation table {@link JdbcSchema#migrate} has created
     * @param clock    the time the cache runs on (a fake clock in tests)
     * @param cacheFor how long this node trusts an answer: how late it may see a revocation made on
     *                 another node; zero or more
     */
    public JdbcRevocationList(DataSource dataSource, Clock clock, Duration cacheFor) {
        this.sql = new Sql(dataSource);
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(cacheFor, "cacheFor");
        if (cacheFor.isNegative()) {
            throw new IllegalArgumentException("cacheFor must not be negative, got " + cacheFor);
        }
        this.answers = Caffeine.newBuilder()
                .ticker(() -> clock.millis() * 1_000_000L)
                .executor(Runnable::run)
                .maximumSize(cacheFor.isZero() ? 0 : MAX_CACHED)
                .expireAfterWrite(cacheFor)
                .build();
    }

    @Override
    public boolean isRevoked(String jti) {
        if (jti == null) {
            return false;
        }
        return answers.get(jti, this::lookUp);
    }

    /**
     * Records the revocation for every node; when the jti is revoked already, the later of the two
     * expiries is kept.
     */
    @Override
    public void revoke(String jti, Instant expiresAt) {
        Objects.requireNonNull(jti, "jti");
        Objects.requireNonNull(expiresAt, "expiresAt");
        long millis = expiresAt.toEpochMilli();
        // Portable insert-or-raise: try the insert; on a duplicate, raise the expiry. A row purged
        // between the two is inserted again.
        for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
            boolean inserted = sql.writeRetrying("revoke access token " + jti, c -> {
                try (PreparedStatement ps = c.prepareStatement(
                        "INSERT INTO lanyard_revoked_access_tokens (jti, expires_at) VALUES (?, ?)")) {
                    ps.setString(1, jti);
                    ps.setLong(2, millis);
                    ps.executeUpdate();
                }
                return true;
            }, false);
            if (inserted || sql.writeRetrying("revoke access token " + jti, c -> raise(c, jti, millis))) {
                answers.put(jti, true);
                return;
            }
        }
        throw new IllegalStateException("could not revoke access token " + jti + ": its row kept disappearing");
    }

    /**
     * Deletes the entries of tokens that expired more than five minutes before {@code now}.
     *
     * @return how many
     */
    @Override
    public int purge(Instant now) {
        Objects.requireNonNull(now, "now");
        return sql.writeRetrying("purge revoked access tokens", c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "DELETE FROM lanyard_revoked_access_tokens WHERE expires_at < ?")) {
                ps.setLong(1, now.minus(MARGIN).toEpochMilli());
                return ps.executeUpdate();
            }
        });
    }

    private Boolean lookUp(String jti) {
        return sql.read("check whether access token " + jti + " is revoked", c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT 1 FROM lanyard_revoked_access_tokens WHERE jti = ?")) {
                ps.setString(1, jti);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next();
                }
            }
        });
    }

    /** Raises the expiry of an existing entry; false when there is no entry (purged meanwhile). */
    private static boolean raise(Connection c, String jti, long millis) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE lanyard_revoked_access_tokens SET expires_at = ? WHERE jti = ? AND expires_at < ?")) {
            ps.setLong(1, millis);
            ps.setString(2, jti);
            ps.setLong(3, millis);
            if (ps.executeUpdate() == 1) {
                return true;
            }
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM lanyard_revoked_access_tokens WHERE jti = ?")) {
            ps.setString(1, jti);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }
}
