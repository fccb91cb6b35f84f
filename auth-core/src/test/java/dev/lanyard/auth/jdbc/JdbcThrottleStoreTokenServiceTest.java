package dev.lanyard.auth.jdbc;

import dev.lanyard.auth.InvalidCredentialsException;
import dev.lanyard.auth.OAuthError;
import dev.lanyard.auth.StoreException;
import dev.lanyard.auth.TokenRequest;
import dev.lanyard.auth.TokenService;
import dev.lanyard.auth.client.Client;
import dev.lanyard.auth.client.ClientSecret;
import dev.lanyard.auth.client.InMemoryClientStore;
import dev.lanyard.auth.guard.LoginThrottle;
import dev.lanyard.auth.key.KeyManager;
import dev.lanyard.auth.password.ClientSecrets;
import dev.lanyard.auth.password.PasswordHasher;
import dev.lanyard.auth.testing.MutableClock;
import dev.lanyard.auth.testing.TestDatabase;
import dev.lanyard.auth.user.InMemoryUserStore;
import dev.lanyard.auth.user.User;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A token service whose throttle is in the database: the hot path (client_credentials with a generated
 * secret) leaves no place held, a database that is down refuses the request as temporarily unavailable
 * (never lets it through unthrottled), and {@link TokenService#purge} deletes idle keys.
 */
class JdbcThrottleStoreTokenServiceTest {

    @RegisterExtension
    static final TestDatabase DB = TestDatabase.postgres();

    static final KeyManager KEYS = KeyManager.builder().build();
    static final PasswordHasher HASHER = PasswordHasher.builder().argon2id(8192, 1, 1).build();
    static final String ADDRESS = "203.0.113.7";

    final MutableClock clock = MutableClock.at("2026-12-03T10:00:00Z");
    final String secret = ClientSecrets.generate();
    final InMemoryClientStore clients = new InMemoryClientStore();
    final InMemoryUserStore users = new InMemoryUserStore();

    JdbcThrottleStoreTokenServiceTest() {
        clients.create(Client.builder("machine").grants(Set.of("client_credentials", "password"))
                .secrets(List.of(new ClientSecret("s1", ClientSecrets.digest(secret), clock.instant()))).build());
        users.create(User.builder("alice").passwordHash(HASHER.hash("wonderland".toCharArray())).build());
    }

    TokenService service(DataSource throttleDatabase) {
        LoginThrottle throttle = LoginThrottle.builder().store(new JdbcThrottleStore(throttleDatabase)).clock(clock).build();
        return TokenService.builder().issuer("https://auth.example").keys(KEYS).clients(clients).users(users)
                .hasher(HASHER).clock(clock).throttle(throttle).build();
    }

    @Test
    void clientCredentialsLeaveTheAddressRowWithNoPlaceHeld() throws SQLException {
        TokenService tokens = service(DB.emptyLanyardSchema());
        for (int i = 0; i < 3; i++) {
            tokens.grant(TokenRequest.clientCredentials("machine", secret).remoteAddress(ADDRESS).build());
        }

        assertThat(query("SELECT reserved, failures FROM lanyard_throttle WHERE throttle_key = 'ip:" + ADDRESS + "'"))
                .isEqualTo("0 0");
        assertThatThrownBy(() -> tokens.grant(TokenRequest.clientCredentials("machine", "wrong").remoteAddress(ADDRESS)
                .build())).isInstanceOf(InvalidCredentialsException.class);
        assertThat(query("SELECT reserved, failures FROM lanyard_throttle WHERE throttle_key = 'ip:" + ADDRESS + "'"))
                .isEqualTo("0 1");
    }

    @Test
    void aPasswordLoginCountsTheAccountAndTheAddressInTheDatabase() throws SQLException {
        TokenService tokens = service(DB.emptyLanyardSchema());
        assertThatThrownBy(() -> tokens.grant(TokenRequest.password("machine", secret, "alice", "guess".toCharArray())
                .remoteAddress(ADDRESS).build())).isInstanceOf(InvalidCredentialsException.class);

        assertThat(query("SELECT COUNT(*) FROM lanyard_throttle WHERE failures = 1 AND reserved = 0")).isEqualTo("2");
        tokens.grant(TokenRequest.password("machine", secret, "alice", "wonderland".toCharArray())
                .remoteAddress(ADDRESS).build());
        assertThat(query("SELECT failures FROM lanyard_throttle WHERE throttle_key LIKE 'a:user:%'"))
                .as("a success forgets the account's failures").isEqualTo("0");
        assertThat(query("SELECT failures FROM lanyard_throttle WHERE throttle_key = 'ip:" + ADDRESS + "'"))
                .as("not the address's").isEqualTo("1");
    }

    @Test
    void aThrottleDatabaseThatIsDownRefusesEveryGrantAsTemporarilyUnavailable() {
        TokenService tokens = service(DownDataSource.create());

        assertThatThrownBy(() -> tokens.grant(TokenRequest.clientCredentials("machine", secret).remoteAddress(ADDRESS)
                .build())).isInstanceOfSatisfying(StoreException.class, e -> {
                    assertThat(e.isTransient()).isTrue();
                    assertThat(e.error()).isEqualTo(OAuthError.TEMPORARILY_UNAVAILABLE);
                });
        assertThatThrownBy(() -> tokens.grant(TokenRequest.password("machine", secret, "alice",
                "wonderland".toCharArray()).remoteAddress(ADDRESS).build()))
                .isInstanceOfSatisfying(StoreException.class, e -> assertThat(e.isTransient()).isTrue());
    }

    @Test
    void purgeOfTheTokenServiceDeletesTheThrottlesIdleKeys() throws SQLException {
        TokenService tokens = service(DB.emptyLanyardSchema());
        tokens.grant(TokenRequest.clientCredentials("machine", secret).remoteAddress(ADDRESS).build());
        clock.advance(Duration.ofMinutes(29)); // twice the default longest lockout, 15 minutes, is kept
        tokens.purge();
        assertThat(query("SELECT COUNT(*) FROM lanyard_throttle")).isEqualTo("1");

        clock.advance(Duration.ofMinutes(2));
        tokens.purge();

        assertThat(query("SELECT COUNT(*) FROM lanyard_throttle")).isEqualTo("0");
    }

    private static String query(String sql) throws SQLException {
        try (Connection c = DB.dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(sql)) {
            assertThat(rs.next()).as("a row for " + sql).isTrue();
            StringBuilder out = new StringBuilder();
            for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                out.append(i > 1 ? " " : "").append(rs.getString(i));
            }
            return out.toString();
        }
    }
}
