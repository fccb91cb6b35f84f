package dev.lanyard.auth.jdbc;

import dev.lanyard.auth.StoreException;
import dev.lanyard.auth.testing.MutableClock;
import dev.lanyard.auth.testing.TestDatabase;

import java.lang.reflect.Proxy;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JdbcRevocationListTest {

    private final MutableClock clock = MutableClock.at("2026-11-22T10:00:00Z");
    private final Instant exp = clock.instant().plus(Duration.ofMinutes(15));
    private TestDatabase db;

    @AfterEach
    void drop() {
        if (db != null) {
            db.close();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"H2", "PostgreSQL", "MariaDB", "SQLite"})
    void aRevocationIsSeenAtOnceOnTheNodeThatMadeIt(String product) {
        DataSource ds = schema(product);
        JdbcRevocationList node = new JdbcRevocationList(ds, clock);

        assertThat(node.isRevoked("jti-1")).isFalse(); // now cached as not revoked
        node.revoke("jti-1", exp);

        assertThat(node.isRevoked("jti-1")).isTrue();
        assertThat(node.isRevoked("jti-2")).isFalse();
        assertThat(node.isRevoked(null)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"H2", "PostgreSQL", "MariaDB", "SQLite"})
    void aRevocationOnAnotherNodeIsSeenOnceTheCachedAnswerExpires(String product) {
        DataSource ds = schema(product);
        JdbcRevocationList a = new JdbcRevocationList(ds, clock, Duration.ofSeconds(5));
        JdbcRevocationList b = new JdbcRevocationList(ds, clock, Duration.ofSeconds(5));
        assertThat(b.isRevoked("jti-1")).isFalse();

        a.revoke("jti-1", exp);

        assertThat(b.isRevoked("jti-1")).as("b still trusts its cached answer").isFalse();
        clock.advance(Duration.ofMillis(4999));
        assertThat(b.isRevoked("jti-1")).isFalse();
        clock.advance(Duration.ofMillis(1));
        assertThat(b.isRevoked("jti-1")).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"H2", "PostgreSQL", "MariaDB", "SQLite"})
    void aJtiNotAskedBeforeIsReadFromTheDatabase(String product) {
        DataSource ds = schema(product);
        new JdbcRevocationList(ds, clock).revoke("jti-1", exp);

        assertThat(new JdbcRevocationList(ds, clock).isRevoked("jti-1")).isTrue();
        assertThat(new JdbcRevocationList(ds, clock).isRevoked("JTI-1")).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"H2", "PostgreSQL", "MariaDB", "SQLite"})
    void withoutCacheEveryAnswerComesFromTheDatabase(String product) {
        DataSource ds = schema(product);
        JdbcRevocationList a = new JdbcRevocationList(ds, clock);
        JdbcRevocationList b = new JdbcRevocationList(ds, clock, Duration.ZERO);
        assertThat(b.isRevoked("jti-1")).isFalse();

        a.revoke("jti-1", exp);

        assertThat(b.isRevoked("jti-1")).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"H2", "PostgreSQL", "MariaDB", "SQLite"})
    void revokingTwiceKeepsTheLaterExpiry(String product) {
        DataSource ds = schema(product);
        JdbcRevocationList list = new JdbcRevocationList(ds, clock);
        Instant later = exp.plus(Duration.ofHours(1));

        list.revoke("jti-1", exp);
        list.revoke("jti-1", later);
        list.revoke("jti-1", exp.minusSeconds(60));

        Instant margin = later.plus(JdbcRevocationList.MARGIN);
        assertThat(list.purge(margin)).isZero();
        assertThat(list.purge(margin.plusMillis(1))).isEqualTo(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"H2", "PostgreSQL", "MariaDB", "SQLite"})
    void purgeDeletesOnlyEntriesFiveMinutesPastTheirExpiry(String product) {
        DataSource ds = schema(product);
        JdbcRevocationList list = new JdbcRevocationList(ds, clock, Duration.ZERO);
        list.revoke("old", exp.minus(Duration.ofMinutes(10)));
        list.revoke("edge", exp.minus(JdbcRevocationList.MARGIN));
        list.revoke("live", exp.plusSeconds(1));

        assertThat(list.purge(exp)).isEqualTo(1);

        assertThat(list.isRevoked("old")).isFalse();
        assertThat(list.isRevoked("edge")).isTrue();
        assertThat(list.isRevoked("live")).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"H2", "PostgreSQL", "MariaDB", "SQLite"})
    void nodesRevokingTheSameJtiAtOnceAllSucceed(String product) throws Exception {
        DataSource ds = schema(product);
        int nodes = 6;
        CyclicBarrier start = new CyclicBarrier(nodes);
        ExecutorService pool = Executors.newFixedThreadPool(nodes);
        try {
            List<Future<?>> runs = new ArrayList<>();
            for (int i = 0; i < nodes; i++) {
                Instant expiry = exp.plusSeconds(i);
                runs.add(pool.submit(() -> {
                    start.await(10, TimeUnit.SECONDS);
                    new JdbcRevocationList(ds, clock).revoke("jti-1", expiry);
                    return null;
                }));
            }
            for (Future<?> run : runs) {
                run.get(30, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }

        JdbcRevocationList list = new JdbcRevocationList(ds, clock, Duration.ZERO);
        Instant latest = exp.plusSeconds(nodes - 1).plus(JdbcRevocationList.MARGIN);
        assertThat(list.purge(latest)).isZero();
        assertThat(list.purge(latest.plusMillis(1))).isEqualTo(1);
    }

    @Test
    void whenTheDatabaseIsDownThenIsRevokedFailsClosed() {
        AtomicInteger calls = new AtomicInteger();
        DataSource down = (DataSource) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {DataSource.class}, (proxy, method, args) -> {
                    if (method.getName().equals("getConnection")) {
                        calls.incrementAndGet();
                        throw new SQLException("Connection refused", "08001");
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
        JdbcRevocationList list = new JdbcRevocationList(down, clock);

        assertThatThrownBy(() -> list.isRevoked("jti-1"))
                .isInstanceOfSatisfying(StoreException.class, e -> assertThat(e.isTransient()).isTrue())
                .hasMessageContaining("jti-1");
        assertThatThrownBy(() -> list.revoke("jti-2", exp)).isInstanceOf(StoreException.class);
        assertThat(calls).hasValue(2);
    }

    @Test
    void aNegativeCacheDurationIsRefused() {
        DataSource ds = schema("H2");

        assertThatThrownBy(() -> new JdbcRevocationList(ds, clock, Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cacheFor");
    }

    private DataSource schema(String product) {
        db = switch (product) {
            case "H2" -> TestDatabase.h2();
            case "SQLite" -> TestDatabase.sqlite();
            case "PostgreSQL" -> TestDatabase.postgres();
            case "MariaDB" -> TestDatabase.mariaDb();
            default -> throw new IllegalArgumentException(product);
        };
        db.open();
        JdbcSchema.migrate(db.dataSource());
        return db.dataSource();
    }
}
