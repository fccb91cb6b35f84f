package dev.lanyard.auth.jdbc;

import dev.lanyard.auth.grant.AuthorizationCode;
import dev.lanyard.auth.grant.AuthorizationCodeStore;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * An {@link AuthorizationCodeStore} in the {@code lanyard_authorization_codes} table, for several app
 * nodes sharing one database: a code issued by one node is redeemed once, on whichever node the token
 * request reaches. Create the table first with {@link JdbcSchema#migrate}. Thread-safe; give it a
 * pooled {@link DataSource}.
 *
 * <pre>{@code
 * AuthorizationCodeStore codes = new JdbcAuthorizationCodeStore(dataSource);
 * }</pre>
 *
 * <p>{@link #redeem} is one conditional UPDATE ({@code ... SET used = TRUE ... WHERE digest = ? AND
 * used = FALSE}) that the database decides: of several redemptions racing on one code, on one node or
 * many, exactly one changes the row, and the others then read what it recorded, with a locking read
 * that sees it whatever the isolation level.
 *
 * <p>Instants are kept to the millisecond. A code whose digest exists already is refused with an
 * {@link IllegalStateException}, as in memory; a database failure is a
 * {@link dev.lanyard.auth.StoreException} and nothing was written.
 */
public final class JdbcAuthorizationCodeStore implements AuthorizationCodeStore {

    private static final String INSERT = "INSERT INTO lanyard_authorization_codes (digest, client_id, subject,"
            + " redirect_uri, scopes, code_challenge, challenge_method, auth_time, expires_at, used)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, FALSE)";
    private static final String REDEEM = "UPDATE lanyard_authorization_codes SET used = TRUE, family_id = ?,"
            + " access_token_id = ?, access_expires_at = ? WHERE digest = ? AND used = FALSE";
    private static final String SELECT_LOCKED = "SELECT digest, client_id, subject, redirect_uri, scopes,"
            + " code_challenge, challenge_method, auth_time, expires_at, used, family_id, access_token_id,"
            + " access_expires_at FROM lanyard_authorization_codes WHERE digest = ? FOR UPDATE";

    private final Sql sql;

    /**
     * A store over tables that {@link JdbcSchema#migrate} has created in this data source.
     *
     * @param dataSource the database holding the tables; a pooled data source for a server
     */
    public JdbcAuthorizationCodeStore(DataSource dataSource) {
        this.sql = new Sql(dataSource);
    }

    @Override
    public void save(AuthorizationCode code) {
        Objects.requireNonNull(code, "code");
        String scopes = TextList.encode(code.scopes(), "the scopes of an authorization code");
        sql.write("save an authorization code", c -> {
            try (PreparedStatement ps = c.prepareStatement(INSERT)) {
                ps.setString(1, code.digest());
                ps.setString(2, code.clientId());
                ps.setString(3, code.subject());
                ps.setString(4, code.redirectUri());
                ps.setString(5, scopes);
                Columns.setString(ps, 6, code.codeChallenge());
                Columns.setString(ps, 7, code.challengeMethod());
                Columns.setInstant(ps, 8, code.authTime());
                Columns.setInstant(ps, 9, code.expiresAt());
                ps.executeUpdate();
            }
            return null;
        }, e -> {
            IllegalStateException taken = new IllegalStateException("an authorization code with this digest already"
                    + " exists");
            taken.addSuppressed(e);
            return taken;
        });
    }

    @Override
    public Optional<Redemption> redeem(String digest, Issued issued) {
        Objects.requireNonNull(issued, "issued");
        if (digest == null) {
            return Optional.empty();
        }
        return sql.writeRetrying("redeem an authorization code", c -> {
            boolean first;
            try (PreparedStatement ps = c.prepareStatement(REDEEM)) {
                Columns.setString(ps, 1, issued.familyId());
                Columns.setString(ps, 2, issued.accessTokenId());
                Columns.setInstant(ps, 3, issued.accessExpiresAt());
                ps.setString(4, digest);
                first = ps.executeUpdate() == 1;
            }
            try (PreparedStatement ps = c.prepareStatement(SELECT_LOCKED)) {
                ps.setString(1, digest);
                try (ResultSet rs = ps.executeQuery()) {
                    // Not used means the code did not exist when the UPDATE ran: saved just now, by a racing save.
                    if (!rs.next() || !rs.getBoolean(10)) {
                        return Optional.<Redemption>empty();
                    }
                    Issued recorded = new Issued(rs.getString(11), rs.getString(12), Columns.instant(rs, 13));
                    return Optional.of(new Redemption(code(rs), first, first ? issued : recorded));
                }
            }
        });
    }

    @Override
    public int purge(Instant now) {
        Objects.requireNonNull(now, "now");
        return sql.writeRetrying("purge expired authorization codes", c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "DELETE FROM lanyard_authorization_codes WHERE expires_at < ?")) {
                ps.setLong(1, now.toEpochMilli());
                return ps.executeUpdate();
            }
        });
    }

    private static AuthorizationCode code(ResultSet rs) throws SQLException {
        return new AuthorizationCode(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                new LinkedHashSet<>(TextList.decode(rs.getString(5))), rs.getString(6), rs.getString(7),
                Columns.instant(rs, 8), Columns.instant(rs, 9));
    }
}
