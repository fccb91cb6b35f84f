package dev.lanyard.auth.bench;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.lanyard.auth.TokenRequest;
import dev.lanyard.auth.TokenResponse;
import dev.lanyard.auth.TokenService;
import dev.lanyard.auth.client.Client;
import dev.lanyard.auth.client.ClientSecret;
import dev.lanyard.auth.client.ClientStore;
import dev.lanyard.auth.client.InMemoryClientStore;
import dev.lanyard.auth.guard.LoginThrottle;
import dev.lanyard.auth.jdbc.JdbcClientStore;
import dev.lanyard.auth.jdbc.JdbcRefreshTokenStore;
import dev.lanyard.auth.jdbc.JdbcSchema;
import dev.lanyard.auth.key.KeyManager;
import dev.lanyard.auth.password.ClientSecrets;
import dev.lanyard.auth.refresh.InMemoryRefreshTokenStore;
import dev.lanyard.auth.refresh.RefreshTokenStore;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.postgresql.ds.PGSimpleDataSource;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Grant throughput of {@code TokenService}, with the stores in memory or in PostgreSQL (run with
 * {@code -t 1} and {@code -t 2} for one and two threads): a {@code client_credentials} grant (client
 * lookup, digest check of a generated secret, RS256 mint) and a {@code refresh_token} rotation (lookup
 * of the token's digest, compare-and-set in the store, successor mint and seal). Each thread rotates
 * its own family, as separate clients would.
 *
 * <p>PostgreSQL: {@code jdbc:postgresql://127.0.0.1:5432/test} as {@code postgres} (override with the
 * system properties {@code pg.url}, {@code pg.user}) through a small connection pool, as an app would
 * have; the benchmark uses its own schema {@code lanyard_bench}, recreated at each trial.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class GrantBenchmark {

    @Param({"memory", "postgres"})
    public String store;

    static final String SECRET = ClientSecrets.generate();

    /** Issues as RFC 6749 says: client_credentials without a refresh token. */
    TokenService tokens;
    /** The same stores, issuing a refresh token with client_credentials, to start each thread's family. */
    TokenService tokensWithRefresh;
    private PGSimpleDataSource pg;
    private HikariDataSource pool;

    @Setup(Level.Trial)
    public void setUp() throws SQLException {
        ClientStore.Writable clients;
        RefreshTokenStore refresh;
        if (store.equals("postgres")) {
            pg = new PGSimpleDataSource();
            pg.setUrl(System.getProperty("pg.url", "jdbc:postgresql://127.0.0.1:5432/test"));
            pg.setUser(System.getProperty("pg.user", "postgres"));
            try (Connection c = pg.getConnection(); Statement s = c.createStatement()) {
                s.execute("DROP SCHEMA IF EXISTS lanyard_bench CASCADE");
                s.execute("CREATE SCHEMA lanyard_bench");
            }
            pg.setCurrentSchema("lanyard_bench");
            JdbcSchema.migrate(pg);
            HikariConfig config = new HikariConfig();
            config.setDataSource(pg);
            config.setMaximumPoolSize(8);
            pool = new HikariDataSource(config);
            clients = new JdbcClientStore(pool);
            refresh = new JdbcRefreshTokenStore(pool);
        } else {
            clients = new InMemoryClientStore();
            refresh = new InMemoryRefreshTokenStore();
        }
        clients.create(Client.builder("bench").grants(Set.of("client_credentials", "refresh_token"))
                .scopes(Set.of("read")).secrets(List.of(new ClientSecret("s1", ClientSecrets.digest(SECRET),
                        Instant.now()))).build());
        KeyManager keys = KeyManager.builder().build();
        tokens = TokenService.builder().issuer("https://bench.example").keys(keys)
                .clients(clients).refreshTokens(refresh).throttle(LoginThrottle.disabled()).build();
        tokensWithRefresh = TokenService.builder().issuer("https://bench.example").keys(keys)
                .clients(clients).refreshTokens(refresh).refreshTokensForClientCredentials()
                .throttle(LoginThrottle.disabled()).build();
    }

    @TearDown(Level.Trial)
    public void tearDown() throws SQLException {
        if (pool != null) {
            pool.close();
        }
        if (pg != null) {
            try (Connection c = pg.getConnection(); Statement s = c.createStatement()) {
                s.execute("DROP SCHEMA IF EXISTS lanyard_bench CASCADE");
            }
        }
    }

    /** Each thread's own refresh family. */
    @State(Scope.Thread)
    public static class Family {
        String refreshToken;

        @Setup(Level.Iteration)
        public void login(GrantBenchmark b) {
            refreshToken = b.tokensWithRefresh.grant(TokenRequest.clientCredentials("bench", SECRET).build())
                    .refreshToken();
        }
    }

    @Benchmark
    public TokenResponse clientCredentials() {
        return tokens.grant(TokenRequest.clientCredentials("bench", SECRET).build());
    }

    @Benchmark
    public TokenResponse refreshRotation(Family family) {
        TokenResponse next = tokensWithRefresh.grant(TokenRequest.refreshToken("bench", SECRET, family.refreshToken)
                .build());
        family.refreshToken = next.refreshToken();
        return next;
    }
}
