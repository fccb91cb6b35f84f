package dev.lanyard.auth.jdbc;

import dev.lanyard.auth.client.ReplayStore;

import java.sql.PreparedStatement;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * A {@link ReplayStore} in the {@code lanyard_used_jtis} table, shared by every node over one
 * database. A first use is an {@code INSERT} under the table's primary key, so the database decides
 * a race between nodes: exactly one insert succeeds (PostgreSQL, MariaDB, MySQL and H2 alike), the
 * other sees a constraint violation and reports a replay. An expired row of the same id is deleted in
 * the same transaction first, so an id may be used again once its JWT has expired. Create the table
 * with {@link JdbcSchema#migrate}; call {@link #purge} now and then.
 *
 * <pre>{@code
 * ReplayStore replays = new JdbcReplayStore(dataSource, Clock.systemUTC());
 * }</pre>
 */
public final class JdbcReplayStore implements ReplayStore {

    private final Sql sql;
    private final Clock clock;

    /**
     * A store over this data source.
     *
     * @param dataSource the data source whose {@code lanyard_used_jtis} table {@link JdbcSchema#migrate} created
     * @param clock      the time that decides whether a row has expired
     */
    public JdbcReplayStore(DataSource dataSource, Clock clock) {
        this.sql = new Sql(dataSource);
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public boolean firstUse(String issuer, String jti, Instant expiresAt) {
        Objects.requireNonNull(issuer, "issuer");
        Objects.requireNonNull(jti, "jti");
        Objects.requireNonNull(expiresAt, "expiresAt");
        long now = clock.millis();
        return sql.writeRetrying("record a use of jti " + jti.length() + " characters long", c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "DELETE FROM lanyard_used_jtis WHERE issuer = ? AND jti = ? AND expires_at < ?")) {
                ps.setString(1, issuer);
                ps.setString(2, jti);
                ps.setLong(3, now);
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO lanyard_used_jtis (issuer, jti, expires_at) VALUES (?, ?, ?)")) {
                ps.setString(1, issuer);
                ps.setString(2, jti);
                ps.setLong(3, expiresAt.toEpochMilli());
                ps.executeUpdate();
            }
            return true;
        }, false);
    }

    @Override
    public int purge(Instant now) {
        Objects.requireNonNull(now, "now");
        return sql.writeRetrying("purge used jtis", c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM lanyard_used_jtis WHERE expires_at < ?")) {
                ps.setLong(1, now.toEpochMilli());
                return ps.executeUpdate();
            }
        });
    }
}
