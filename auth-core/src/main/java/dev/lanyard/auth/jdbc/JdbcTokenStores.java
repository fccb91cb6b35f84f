package dev.lanyard.auth.jdbc;

import dev.lanyard.auth.TokenStores;

import java.time.Clock;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * The JDBC token stores over one database, as a {@link TokenStores} bundle: what every node of a
 * cluster shares. Create the tables first with {@link JdbcSchema#migrate}.
 *
 * <pre>{@code
 * JdbcSchema.migrate(dataSource);
 * TokenService tokens = TokenService.builder()...
 *         .stores(JdbcTokenStores.of(dataSource, Clock.systemUTC()))
 *         .build();
 * }</pre>
 */
public final class JdbcTokenStores {

    private JdbcTokenStores() {
    }

    /**
     * A {@link JdbcRefreshTokenStore}, {@link JdbcAuthorizationCodeStore}, {@link JdbcReferenceTokenStore},
     * {@link JdbcRevocationList} and {@link JdbcReplayStore} over this data source.
     *
     * @param dataSource the database holding the tables; a pooled data source for a server
     * @param clock      the clock of the revocation list and the replay store; the service's clock
     * @return the bundle
     */
    public static TokenStores of(DataSource dataSource, Clock clock) {
        Objects.requireNonNull(dataSource, "dataSource");
        Objects.requireNonNull(clock, "clock");
        return new TokenStores(new JdbcRefreshTokenStore(dataSource), new JdbcAuthorizationCodeStore(dataSource),
                new JdbcReferenceTokenStore(dataSource), new JdbcRevocationList(dataSource, clock),
                new JdbcReplayStore(dataSource, clock));
    }
}
