package dev.lanyard.auth.jdbc;

import dev.lanyard.auth.StoreException;
import dev.lanyard.auth.internal.Secrets;
import dev.lanyard.auth.refresh.RefreshFamily;
import dev.lanyard.auth.refresh.RefreshTokenEntry;
import dev.lanyard.auth.refresh.RefreshTokenEntry.State;
import dev.lanyard.auth.refresh.RefreshTokenStore.Found;
import dev.lanyard.auth.refresh.RefreshTokens;
import dev.lanyard.auth.testing.MutableClock;
import dev.lanyard.auth.testing.TestDatabase;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A rotation whose transaction fails halfway, after its token was marked rotated but before the
 * successor was stored, writes nothing: the old token stays active and usable, and no successor
 * appears.
 */
class JdbcRefreshTokenStoreFailureTest {

    private final MutableClock clock = MutableClock.at("2026-11-22T10:00:00Z");
    private final AtomicInteger minted = new AtomicInteger();

    @ParameterizedTest
    @ValueSource(strings = {"H2", "PostgreSQL", "MariaDB"})
    void aConnectionLostWhileStoringTheSuccessorLeavesTheOldTokenActive(String product) throws SQLException {
        try (TestDatabase db = open(product)) {
            JdbcSchema.migrate(db.dataSource());
            JdbcRefreshTokenStore healthy = new JdbcRefreshTokenStore(db.dataSource());
            String token = refresh(healthy).startFamily("web-app", "alice", Set.of("read"), clock.instant(), "at-0",
                    clock.instant().plusSeconds(900), null);
            DataSource breaking = failingOn(db.dataSource(), "INSERT INTO lanyard_refresh_tokens",
                    new SQLException("I/O error: connection reset", "08006"));

            assertThatThrownBy(() -> refresh(new JdbcRefreshTokenStore(breaking)).rotate(token, "web-app", this::issue))
                    .isInstanceOfSatisfying(StoreException.class, e -> assertThat(e.isTransient()).isTrue())
                    .hasMessageContaining("rotate a refresh token")
                    .message().doesNotContain(token).doesNotContain(Secrets.digest(token));

            Found found = healthy.find(Secrets.digest(token)).orElseThrow();
            assertThat(found.token().state()).isEqualTo(State.ACTIVE);
            assertThat(found.token().rotatedAt()).isNull();
            assertThat(found.token().successorDigest()).isNull();
            assertThat(found.token().sealedSuccessor()).isNull();
            assertThat(found.family().revoked()).isFalse();
            assertThat(tokensOf(db.dataSource(), found.family().id())).isEqualTo(1);

            RefreshTokens.Rotated next = refresh(healthy).rotate(token, "web-app", this::issue);
            assertThat(next.replay()).isFalse();
            assertThat(next.payload()).isEqualTo("payload-2");
            assertThat(tokensOf(db.dataSource(), found.family().id())).isEqualTo(2);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"H2", "PostgreSQL", "MariaDB"})
    void aStatementRefusedWhileStoringTheSuccessorIsNotTransientAndWritesNothing(String product) throws SQLException {
        try (TestDatabase db = open(product)) {
            JdbcSchema.migrate(db.dataSource());
            JdbcRefreshTokenStore healthy = new JdbcRefreshTokenStore(db.dataSource());
            String token = refresh(healthy).startFamily("web-app", "alice", Set.of(), clock.instant(), "at-0",
                    clock.instant().plusSeconds(900), null);
            String digest = Secrets.digest(token);
            String familyId = healthy.find(digest).orElseThrow().family().id();
            RefreshTokenEntry successor = RefreshTokenEntry.active(Secrets.digest("next"), familyId, clock.instant(),
                    clock.instant().plusSeconds(60), "at-1", clock.instant().plusSeconds(60));
            DataSource breaking = failingOn(db.dataSource(), "INSERT INTO lanyard_refresh_tokens",
                    new SQLException("value too long", "22001"));

            assertThatThrownBy(() -> new JdbcRefreshTokenStore(breaking).rotate(digest, clock.instant(), new byte[] {1},
                    successor))
                    .isInstanceOfSatisfying(StoreException.class, e -> assertThat(e.isTransient()).isFalse());

            assertThat(healthy.find(digest).orElseThrow().token().state()).isEqualTo(State.ACTIVE);
            assertThat(healthy.find(successor.digest())).isEmpty();
            assertThat(healthy.rotate(digest, clock.instant(), new byte[] {1}, successor)).isTrue();
        }
    }

    private RefreshTokens refresh(JdbcRefreshTokenStore store) {
        return RefreshTokens.builder().store(store).clock(clock).absoluteLifetime(Duration.ofHours(10))
                .idleLifetime(Duration.ofHours(2)).build();
    }

    private RefreshTokens.Successor issue(RefreshFamily family) {
        int n = minted.incrementAndGet();
        return new RefreshTokens.Successor("at-" + n, clock.instant().plusSeconds(900), "payload-" + n);
    }

    /**
     * Connections of {@code dataSource} whose statements starting with {@code sqlPrefix} fail with
     * {@code failure} when executed; everything else runs, so the transaction has done its first
     * writes when the failure strikes.
     */
    private static DataSource failingOn(DataSource dataSource, String sqlPrefix, SQLException failure) {
        return (DataSource) Proxy.newProxyInstance(JdbcRefreshTokenStoreFailureTest.class.getClassLoader(),
                new Class<?>[] {DataSource.class}, (proxy, method, args) -> {
                    Object result = invoke(dataSource, method, args);
                    return method.getName().equals("getConnection") ? connection((Connection) result, sqlPrefix, failure)
                            : result;
                });
    }

    private static Connection connection(Connection c, String sqlPrefix, SQLException failure) {
        return (Connection) Proxy.newProxyInstance(JdbcRefreshTokenStoreFailureTest.class.getClassLoader(),
                new Class<?>[] {Connection.class}, (proxy, method, args) -> {
                    Object result = invoke(c, method, args);
                    if (method.getName().equals("prepareStatement") && ((String) args[0]).startsWith(sqlPrefix)) {
                        return failing((PreparedStatement) result, failure);
                    }
                    return result;
                });
    }

    private static PreparedStatement failing(PreparedStatement ps, SQLException failure) {
        return (PreparedStatement) Proxy.newProxyInstance(JdbcRefreshTokenStoreFailureTest.class.getClassLoader(),
                new Class<?>[] {PreparedStatement.class}, (proxy, method, args) -> {
                    if (method.getName().startsWith("execute")) {
                        throw failure;
                    }
                    return invoke(ps, method, args);
                });
    }

    private static Object invoke(Object target, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    private static long tokensOf(DataSource dataSource, String familyId) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM lanyard_refresh_tokens WHERE family_id = ?")) {
            ps.setString(1, familyId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static TestDatabase open(String product) {
        TestDatabase db = switch (product) {
            case "H2" -> TestDatabase.h2();
            case "PostgreSQL" -> TestDatabase.postgres();
            case "MariaDB" -> TestDatabase.mariaDb();
            default -> throw new IllegalArgumentException(product);
        };
        return db.open();
    }
}
