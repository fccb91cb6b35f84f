package dev.lanyard.auth.jdbc;

import dev.lanyard.auth.reference.ReferenceToken;
import dev.lanyard.auth.reference.ReferenceTokenStore;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * A {@link ReferenceTokenStore} in the {@code lanyard_reference_tokens} table, for several app nodes
 * sharing one database: a token used on one node stays alive on all of them, and a logout on one
 * kills it on all of them at once. Create the table first with {@link JdbcSchema#migrate}.
 * Thread-safe; give it a pooled {@link DataSource}.
 *
 * <pre>{@code
 * ReferenceTokenStore tokens = new JdbcReferenceTokenStore(dataSource);
 * tokens.touch(digest, now, now.plus(idleTimeout)).ifPresentOrElse(this::allow, this::deny);
 * }</pre>
 *
 * <p>{@link #touch} is one conditional UPDATE, so touches racing on several nodes never move the idle
 * expiry backwards: each only raises it, capped at the token's absolute expiry, and only while the
 * token is live. Every touch of a live token writes its row; a busy API pays one small UPDATE per
 * request.
 *
 * <p>Instants are kept to the millisecond; scopes one per line, in order, in 4000 characters. A token
 * whose digest exists already is refused with an {@link IllegalStateException}, as in memory; a
 * database failure is a {@link dev.lanyard.auth.StoreException} and nothing was written.
 */
public final class JdbcReferenceTokenStore implements ReferenceTokenStore {

    private static final String SELECT = "SELECT digest, id, client_id, subject, scopes, issued_at, idle_expires_at,"
            + " expires_at, family_id FROM lanyard_reference_tokens WHERE digest = ?";
    private static final String INSERT = "INSERT INTO lanyard_reference_tokens (digest, id, client_id, subject, scopes,"
            + " issued_at, idle_expires_at, expires_at, family_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)";
    /** Raises the idle expiry to the target capped at the absolute expiry, only while live and only upwards. */
    private static final String TOUCH = "UPDATE lanyard_reference_tokens SET idle_expires_at = LEAST(?, expires_at)"
            + " WHERE digest = ? AND idle_expires_at > ? AND expires_at > ? AND idle_expires_at < LEAST(?, expires_at)";

    private final Sql sql;

    /**
     * A store over tables that {@link JdbcSchema#migrate} has created in this data source.
     *
     * @param dataSource the database holding the tables; a pooled data source for a server
     */
    public JdbcReferenceTokenStore(DataSource dataSource) {
        this.sql = new Sql(dataSource);
    }

    @Override
    public void save(ReferenceToken token) {
        Objects.requireNonNull(token, "token");
        String scopes = TextList.encode(token.scopes(), "the scopes of reference token " + token.id());
        sql.write("save reference token " + token.id(), c -> {
            try (PreparedStatement ps = c.prepareStatement(INSERT)) {
                ps.setString(1, token.digest());
                ps.setString(2, token.id());
                ps.setString(3, token.clientId());
                ps.setString(4, token.subject());
                ps.setString(5, scopes);
                Columns.setInstant(ps, 6, token.issuedAt());
                Columns.setInstant(ps, 7, token.idleExpiresAt());
                Columns.setInstant(ps, 8, token.expiresAt());
                ps.setString(9, token.familyId());
                ps.executeUpdate();
            }
            return null;
        }, e -> {
            IllegalStateException taken = new IllegalStateException("a reference token with this digest already exists");
            taken.addSuppressed(e);
            return taken;
        });
    }

    @Override
    public Optional<ReferenceToken> find(String digest) {
        if (digest == null) {
            return Optional.empty();
        }
        return sql.read("find a reference token", c -> select(c, digest));
    }

    @Override
    public Optional<ReferenceToken> touch(String digest, Instant now, Instant idleExpiresAt) {
        Objects.requireNonNull(now, "now");
        Objects.requireNonNull(idleExpiresAt, "idleExpiresAt");
        if (digest == null) {
            return Optional.empty();
        }
        long target = idleExpiresAt.toEpochMilli();
        long at = now.toEpochMilli();
        return sql.writeRetrying("touch a reference token", c -> {
            try (PreparedStatement ps = c.prepareStatement(TOUCH)) {
                ps.setLong(1, target);
                ps.setString(2, digest);
                ps.setLong(3, at);
                ps.setLong(4, at);
                ps.setLong(5, target);
                ps.executeUpdate();
            }
            return select(c, digest).filter(t -> t.liveAt(now));
        });
    }

    @Override
    public boolean revoke(String digest) {
        if (digest == null) {
            return false;
        }
        return sql.write("revoke a reference token", c -> delete(c, "digest = ?", digest) > 0);
    }

    @Override
    public int revokeSubject(String subject) {
        if (subject == null) {
            return 0;
        }
        return sql.writeRetrying("revoke the reference tokens of a subject", c -> delete(c, "subject = ?", subject));
    }

    @Override
    public int purge(Instant now) {
        Objects.requireNonNull(now, "now");
        // Two statements, so that each uses its index; dead means not before either expiry.
        return sql.writeRetrying("purge dead reference tokens", c -> delete(c, "idle_expires_at <= ?", now.toEpochMilli())
                + delete(c, "expires_at <= ?", now.toEpochMilli()));
    }

    private static Optional<ReferenceToken> select(Connection c, String digest) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(SELECT)) {
            ps.setString(1, digest);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(new ReferenceToken(rs.getString(1), rs.getString(2), rs.getString(3),
                        rs.getString(4), new LinkedHashSet<>(TextList.decode(rs.getString(5))),
                        Columns.instant(rs, 6), Columns.instant(rs, 7), Columns.instant(rs, 8), rs.getString(9)));
            }
        }
    }

    private static int delete(Connection c, String where, Object value) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM lanyard_reference_tokens WHERE " + where)) {
            ps.setObject(1, value);
            return ps.executeUpdate();
        }
    }
}
