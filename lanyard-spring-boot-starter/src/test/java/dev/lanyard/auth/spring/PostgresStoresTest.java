package dev.lanyard.auth.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lanyard.auth.client.ClientStore;
import dev.lanyard.auth.guard.ThrottleStore;
import dev.lanyard.auth.jdbc.JdbcThrottleStore;
import dev.lanyard.auth.jdbc.JdbcClientStore;
import dev.lanyard.auth.jdbc.JdbcRefreshTokenStore;
import dev.lanyard.auth.jdbc.JdbcRevocationList;
import dev.lanyard.auth.jdbc.JdbcUserStore;
import dev.lanyard.auth.refresh.RefreshTokenStore;
import dev.lanyard.auth.spring.sample.SampleApp;
import dev.lanyard.auth.testing.TestDatabase;
import dev.lanyard.auth.token.RevocationList;
import dev.lanyard.auth.user.UserStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;

/** The sample app on the application's DataSource, a real PostgreSQL: the stores are auth-core's JDBC stores. */
@SpringBootTest(classes = {SampleApp.class, PostgresStoresTest.Db.class},
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "lanyard.issuer=http://localhost",
        "lanyard.audience=https://api.example",
        "lanyard.clients-file=classpath:clients.yaml"})
class PostgresStoresTest {

    @RegisterExtension
    static final TestDatabase db = TestDatabase.postgres();

    @TestConfiguration(proxyBeanMethods = false)
    static class Db {
        @Bean
        DataSource dataSource() {
            return db.dataSource();
        }
    }

    @LocalServerPort
    int port;

    @Autowired
    ClientStore clients;

    @Autowired
    UserStore users;

    @Autowired
    RefreshTokenStore refreshTokens;

    @Autowired
    RevocationList revocations;

    @Autowired
    ThrottleStore throttleStore;

    @Test
    void withDataSourceTheStoresAreJdbc() {
        assertThat(clients).isInstanceOf(JdbcClientStore.class);
        assertThat(users).isInstanceOf(JdbcUserStore.class);
        assertThat(refreshTokens).isInstanceOf(JdbcRefreshTokenStore.class);
        assertThat(revocations).isInstanceOf(JdbcRevocationList.class);
        assertThat(throttleStore).isInstanceOf(JdbcThrottleStore.class);
    }

    @Test
    void aTokenRequestIsThrottledInTheDatabaseSharedByEveryInstance() throws Exception {
        Http.accessToken(port, "reports", "reports-secret-123", "orders:read");

        try (Connection c = db.dataSource().getConnection();
             PreparedStatement s = c.prepareStatement(
                     "select reserved from lanyard_throttle where throttle_key like 'ip:%'");
             ResultSet r = s.executeQuery()) {
            assertThat(r.next()).as("the caller's address is counted in the database").isTrue();
            assertThat(r.getInt(1)).as("its place given back").isZero();
        }
    }

    @Test
    void importedClientIsARowInPostgresAndGetsTokens() throws Exception {
        try (Connection c = db.dataSource().getConnection();
             PreparedStatement s = c.prepareStatement("select count(*) from lanyard_clients where client_id = ?")) {
            s.setString(1, "reports");
            try (ResultSet r = s.executeQuery()) {
                r.next();
                assertThat(r.getInt(1)).isEqualTo(1);
            }
            assertThat(c.getMetaData().getDatabaseProductName()).isEqualTo("PostgreSQL");
        }

        String token = Http.accessToken(port, "reports", "reports-secret-123", "orders:read");

        assertThat(Http.get(port, "/orders", token).statusCode()).isEqualTo(200);
    }
}
