package dev.lanyard.auth.jdbc;

import dev.lanyard.auth.StoreException;
import dev.lanyard.auth.refresh.RefreshFamily;
import dev.lanyard.auth.refresh.RefreshTokenEntry;
import dev.lanyard.auth.refresh.RefreshTokenEntry.State;
import dev.lanyard.auth.refresh.RefreshTokenStore;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * A {@link RefreshTokenStore} in the {@code lanyard_refresh_families} and {@code lanyard_refresh_tokens}
 * tables, for several app nodes sharing one PostgreSQL, MariaDB, MySQL or H2 database, or for one
 * process (or a few on one host) on an SQLite file. Create the
 * tables first with {@link JdbcSchema#migrate}. Thread-safe; it holds no connection between calls, so
 * give it a pooled {@link DataSource}.
 *
 * <pre>{@code
 * JdbcSchema.migrate(dataSource);             // once, at start
 * RefreshTokens refresh = RefreshTokens.builder()
 *         .store(new JdbcRefreshTokenStore(dataSource))
 *         .revocations(new JdbcRevocationList(dataSource, Clock.systemUTC()))
 *         .build();
 * }</pre>
 *
 * <p>Every method is one transaction. {@link #rotate} is a compare-and-set that the database decides:
 * when requests on several nodes race on one token, exactly one rotation takes effect. It holds at
 * the databases' default isolation levels (READ COMMITTED on PostgreSQL and H2, REPEATABLE READ on
 * MariaDB and MySQL) and at stricter ones, where a transaction the database rolls back over a
 * conflict is run again. On SQLite, which has one writer at a time, each write transaction takes the
 * database's write lock as it begins ({@code BEGIN IMMEDIATE}), so rotations and revocations simply
 * take turns.
 *
 * <p>How: a rotation and a revocation of a family first lock the family's row ({@code SELECT ... FOR
 * UPDATE}), so they take turns per family. Under that lock a rotation changes its token from ACTIVE to
 * ROTATED with a conditional UPDATE and inserts the successor only when that UPDATE changed one row;
 * a revocation reads the access tokens of the family with a locking read, which sees every committed
 * row whatever the isolation level. So a revocation never misses the access token of a rotation that
 * won (it waited for it), and no rotation wins after a revocation (it finds the family revoked). Of
 * two revocations of one family only the first returns its access tokens; the second finds it
 * revoked and returns nothing, as {@link dev.lanyard.auth.refresh.InMemoryRefreshTokenStore} does.
 *
 * <p>What the columns keep: instants to the millisecond (finer parts are dropped); scopes one per
 * line, in order, in 4000 characters; a sealed successor of at most 65,535 bytes. Values that do not
 * fit are refused with an {@link IllegalArgumentException} before anything is written. A family or
 * first token that exists already is refused with an {@link IllegalStateException}, as in memory. A
 * database failure is a {@link StoreException} (transient when the database could not be reached),
 * and nothing was written.
 */
public final class JdbcRefreshTokenStore implements RefreshTokenStore {

    private static final String TOKEN_COLUMNS = "t.digest, t.family_id, t.issued_at, t.idle_expires_at, t.state,"
            + " t.rotated_at, t.successor_digest, t.sealed_successor, t.access_token_id, t.access_expires_at";
    private static final String FAMILY_COLUMNS = "f.id, f.client_id, f.subject, f.scopes, f.created_at, f.expires_at,"
            + " f.auth_time, f.revoked";
    private static final String FIND = "SELECT " + TOKEN_COLUMNS + ", " + FAMILY_COLUMNS
            + " FROM lanyard_refresh_tokens t JOIN lanyard_refresh_families f ON f.id = t.family_id WHERE t.digest = ?";
    private static final String INSERT_FAMILY = "INSERT INTO lanyard_refresh_families (id, client_id, subject, scopes,"
            + " created_at, expires_at, auth_time, revoked) VALUES (?, ?, ?, ?, ?, ?, ?, ?)";
    private static final String INSERT_TOKEN = "INSERT INTO lanyard_refresh_tokens (digest, family_id, issued_at,"
            + " idle_expires_at, state, rotated_at, successor_digest, sealed_successor, access_token_id,"
            + " access_expires_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    private static final String LOCK_FAMILY = "SELECT revoked FROM lanyard_refresh_families WHERE id = ? FOR UPDATE";
    private static final String ROTATE = "UPDATE lanyard_refresh_tokens SET state = 'ROTATED', rotated_at = ?,"
            + " successor_digest = ?, sealed_successor = ? WHERE digest = ? AND family_id = ? AND state = 'ACTIVE'";

    private final Sql sql;

    /**
     * A store over tables that {@link JdbcSchema#migrate} has created in this data source.
     *
     * @param dataSource the database holding the tables; a pooled data source for a server
     */
    public JdbcRefreshTokenStore(DataSource dataSource) {
        this.sql = new Sql(dataSource);
    }

    @Override
    public void createFamily(RefreshFamily family, RefreshTokenEntry first) {
        Objects.requireNonNull(family, "family");
        Objects.requireNonNull(first, "first");
        if (!first.familyId().equals(family.id())) {
            throw new IllegalArgumentException("the first token belongs to family " + first.familyId() + ", not "
                    + family.id());
        }
        String scopes = TextList.encode(family.scopes(), "the scopes of refresh family " + family.id());
        Columns.checkBytes(first.sealedSuccessor(), "the sealed successor of the first token of family " + family.id());
        String action = "create refresh family " + family.id();
        sql.write(action, c -> {
            try (PreparedStatement ps = c.prepareStatement(INSERT_FAMILY)) {
                ps.setString(1, family.id());
                ps.setString(2, family.clientId());
                ps.setString(3, family.subject());
                ps.setString(4, scopes);
                Columns.setInstant(ps, 5, family.createdAt());
                Columns.setInstant(ps, 6, family.expiresAt());
                Columns.setInstant(ps, 7, family.authTime());
                ps.setBoolean(8, family.revoked());
                ps.executeUpdate();
            }
            insertToken(c, first);
            return null;
        }, e -> {
            IllegalStateException taken = new IllegalStateException("could not " + action
                    + ": the family or its first token already exists");
            taken.addSuppressed(e);
            return taken;
        });
    }

    @Override
    public Optional<Found> find(String digest) {
        if (digest == null) {
            return Optional.empty();
        }
        return sql.read("find a refresh token", c -> {
            try (PreparedStatement ps = c.prepareStatement(FIND)) {
                ps.setString(1, digest);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(new Found(token(rs), family(rs, 11))) : Optional.empty();
                }
            }
        });
    }

    /**
     * {@inheritDoc}
     *
     * <p>Also false when {@code successor} names another family than the token's, or its digest is
     * taken already; then nothing was written either.
     */
    @Override
    public boolean rotate(String digest, Instant rotatedAt, byte[] sealedSuccessor, RefreshTokenEntry successor) {
        Objects.requireNonNull(rotatedAt, "rotatedAt");
        Objects.requireNonNull(successor, "successor");
        if (digest == null) {
            return false;
        }
        Columns.checkBytes(sealedSuccessor, "the sealed successor of a refresh token of family " + successor.familyId());
        Columns.checkBytes(successor.sealedSuccessor(), "the successor's own sealed successor");
        // A successor digest that is taken (a unique violation) rolls the whole rotation back: false.
        return sql.writeRetrying("rotate a refresh token of family " + successor.familyId(), c -> {
            if (!lockLiveFamily(c, successor.familyId())) {
                return false;
            }
            try (PreparedStatement ps = c.prepareStatement(ROTATE)) {
                Columns.setInstant(ps, 1, rotatedAt);
                ps.setString(2, successor.digest());
                Columns.setBytes(ps, 3, sealedSuccessor);
                ps.setString(4, digest);
                ps.setString(5, successor.familyId());
                if (ps.executeUpdate() != 1) {
                    return false; // rotated, revoked, gone, or of another family: nothing was written
                }
            }
            insertToken(c, successor);
            return true;
        }, false);
    }

    @Override
    public List<IssuedAccess> revokeFamily(String familyId, Instant now) {
        Objects.requireNonNull(now, "now");
        if (familyId == null) {
            return List.of();
        }
        return revokeWhere("id", familyId, now, "revoke refresh family " + familyId);
    }

    @Override
    public List<IssuedAccess> revokeSubject(String subject, Instant now) {
        Objects.requireNonNull(now, "now");
        if (subject == null) {
            return List.of();
        }
        return revokeWhere("subject", subject, now, "revoke the refresh families of a subject");
    }

    @Override
    public List<IssuedAccess> revokeClient(String clientId, Instant now) {
        Objects.requireNonNull(now, "now");
        if (clientId == null) {
            return List.of();
        }
        return revokeWhere("client_id", clientId, now, "revoke the refresh families of client '" + clientId + "'");
    }

    @Override
    public int purge(Instant now) {
        Objects.requireNonNull(now, "now");
        long millis = now.toEpochMilli();
        return sql.writeRetrying("purge expired refresh tokens", c -> {
            // The tokens of expired families are deleted by name to count them; the cascade then only
            // catches what a node with a late clock may have added meanwhile.
            int deleted = update(c, "DELETE FROM lanyard_refresh_tokens WHERE family_id IN"
                    + " (SELECT id FROM lanyard_refresh_families WHERE expires_at < ?)", millis);
            update(c, "DELETE FROM lanyard_refresh_families WHERE expires_at < ?", millis);
            return deleted + update(c, "DELETE FROM lanyard_refresh_tokens WHERE idle_expires_at < ?", millis);
        });
    }

    /**
     * Locks the family's row until the transaction ends.
     *
     * @return whether it exists and is not revoked
     */
    private static boolean lockLiveFamily(Connection c, String familyId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(LOCK_FAMILY)) {
            ps.setString(1, familyId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() && !rs.getBoolean(1);
            }
        }
    }

    /**
     * Revokes the families whose {@code column} is {@code value} and that are not revoked yet, locking
     * them first (in id order, so that two revocations over the same families take the locks in the
     * same order), and returns the live access tokens of their tokens.
     */
    private List<IssuedAccess> revokeWhere(String column, String value, Instant now, String action) {
        return sql.writeRetrying(action, c -> {
            List<String> ids = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT id FROM lanyard_refresh_families WHERE " + column
                    + " = ? AND revoked = FALSE ORDER BY id FOR UPDATE")) {
                ps.setString(1, value);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        ids.add(rs.getString(1));
                    }
                }
            }
            List<IssuedAccess> access = new ArrayList<>();
            for (List<String> chunk : Columns.chunks(ids)) {
                access.addAll(liveAccess(c, chunk, now));
                String in = " IN (" + Columns.marks(chunk.size()) + ")";
                update(c, "UPDATE lanyard_refresh_families SET revoked = TRUE WHERE id" + in, chunk);
                update(c, "UPDATE lanyard_refresh_tokens SET state = 'REVOKED', sealed_successor = NULL"
                        + " WHERE family_id" + in, chunk);
            }
            return access;
        });
    }

    /** A locking read: it sees every committed token of these families, whatever the isolation level. */
    private static List<IssuedAccess> liveAccess(Connection c, List<String> familyIds, Instant now)
            throws SQLException {
        List<IssuedAccess> access = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT access_token_id, access_expires_at"
                + " FROM lanyard_refresh_tokens WHERE family_id IN (" + Columns.marks(familyIds.size()) + ")"
                + " AND access_token_id IS NOT NULL AND access_expires_at > ? ORDER BY issued_at, digest FOR UPDATE")) {
            int p = Columns.bindAll(ps, 1, familyIds);
            ps.setLong(p, now.toEpochMilli());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    access.add(new IssuedAccess(rs.getString(1), Columns.instant(rs, 2)));
                }
            }
        }
        return access;
    }

    private static void insertToken(Connection c, RefreshTokenEntry t) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(INSERT_TOKEN)) {
            ps.setString(1, t.digest());
            ps.setString(2, t.familyId());
            Columns.setInstant(ps, 3, t.issuedAt());
            Columns.setInstant(ps, 4, t.idleExpiresAt());
            ps.setString(5, t.state().name());
            Columns.setInstant(ps, 6, t.rotatedAt());
            Columns.setString(ps, 7, t.successorDigest());
            Columns.setBytes(ps, 8, t.sealedSuccessor());
            Columns.setString(ps, 9, t.accessTokenId());
            Columns.setInstant(ps, 10, t.accessExpiresAt());
            ps.executeUpdate();
        }
    }

    private static int update(Connection c, String statement, long millis) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(statement)) {
            ps.setLong(1, millis);
            return ps.executeUpdate();
        }
    }

    private static int update(Connection c, String statement, List<String> values) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(statement)) {
            Columns.bindAll(ps, 1, values);
            return ps.executeUpdate();
        }
    }

    private static RefreshTokenEntry token(ResultSet rs) throws SQLException {
        String digest = rs.getString(1);
        try {
            return new RefreshTokenEntry(digest, rs.getString(2), Columns.instant(rs, 3), Columns.instant(rs, 4),
                    State.valueOf(rs.getString(5)), Columns.instant(rs, 6), rs.getString(7), rs.getBytes(8),
                    rs.getString(9), Columns.instant(rs, 10));
        } catch (IllegalArgumentException e) {
            throw new StoreException("a row of lanyard_refresh_tokens (digest " + prefix(digest) + "…) is invalid: "
                    + e.getMessage(), e, false);
        }
    }

    private static RefreshFamily family(ResultSet rs, int from) throws SQLException {
        return new RefreshFamily(rs.getString(from), rs.getString(from + 1), rs.getString(from + 2),
                new LinkedHashSet<>(TextList.decode(rs.getString(from + 3))), Columns.instant(rs, from + 4),
                Columns.instant(rs, from + 5), Columns.instant(rs, from + 6), rs.getBoolean(from + 7));
    }

    /** Enough of a digest to find its row, too little to matter: never log a whole one. */
    private static String prefix(String digest) {
        return digest == null ? "null" : digest.substring(0, Math.min(8, digest.length()));
    }
}
