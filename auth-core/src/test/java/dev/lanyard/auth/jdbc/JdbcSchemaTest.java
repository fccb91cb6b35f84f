package dev.lanyard.auth.jdbc;

import dev.lanyard.auth.StoreException;
import dev.lanyard.auth.client.Client;
import dev.lanyard.auth.client.ClientSecret;
import dev.lanyard.auth.testing.TestDatabase;
import dev.lanyard.auth.user.User;

import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JdbcSchemaTest {

    private static final String HASH = "$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$NEVERINAMESSAGEhashvalue";

    @ParameterizedTest
    @ValueSource(strings = {"H2", "PostgreSQL", "MariaDB", "SQLite"})
    void migrateCreatesTheSchemaAtTheLatestVersion(String product) {
        try (TestDatabase db = open(product)) {
            assertThat(JdbcSchema.installedVersion(db.dataSource())).isZero();

            JdbcSchema.migrate(db.dataSource());

            assertThat(JdbcSchema.installedVersion(db.dataSource())).isEqualTo(JdbcSchema.latestVersion());
            assertThat(new JdbcUserStore(db.dataSource()).count()).isZero();
            assertThat(new JdbcClientStore(db.dataSource()).list(0, 10)).isEmpty();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"H2", "PostgreSQL", "MariaDB", "SQLite"})
    void migrateTwiceIsIdempotentAndKeepsTheData(String product) {
        try (TestDatabase db = open(product)) {
            JdbcSchema.migrate(db.dataSource());
            User alice = User.builder("alice").build();
            new JdbcUserStore(db.dataSource()).create(alice);

            JdbcSchema.migrate(db.dataSource());

            assertThat(JdbcSchema.installedVersion(db.dataSource())).isEqualTo(JdbcSchema.latestVersion());
            assertThat(new JdbcUserStore(db.dataSource()).findByUsername("alice")).contains(alice);
            assertThat(countRows(db.dataSource(), "lanyard_schema_version")).isEqualTo(1);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"H2", "PostgreSQL", "MariaDB", "SQLite"})
    void migrateFromTwoNodesAtOnceBothSucceed(String product) throws Exception {
        try (TestDatabase db = open(product)) {
            int nodes = 2;
            CyclicBarrier start = new CyclicBarrier(nodes);
            ExecutorService pool = Executors.newFixedThreadPool(nodes);
            try {
                List<Future<?>> runs = new ArrayList<>();
                for (int i = 0; i < nodes; i++) {
                    runs.add(pool.submit(() -> {
                        start.await(10, TimeUnit.SECONDS);
                        JdbcSchema.migrate(db.dataSource());
                        return null;
                    }));
                }
                for (Future<?> run : runs) {
                    run.get(30, TimeUnit.SECONDS);
                }
            } finally {
                pool.shutdownNow();
            }

            assertThat(JdbcSchema.installedVersion(db.dataSource())).isEqualTo(JdbcSchema.latestVersion());
            assertThat(countRows(db.dataSource(), "lanyard_schema_version")).isEqualTo(1);
            new JdbcUserStore(db.dataSource()).create(User.builder("alice").build());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"H2", "PostgreSQL", "MariaDB", "SQLite"})
    void migrateWhenTheSchemaIsNewerThenRefused(String product) throws SQLException {
        try (TestDatabase db = open(product)) {
            JdbcSchema.migrate(db.dataSource());
            execute(db.dataSource(), "UPDATE lanyard_schema_version SET version = 999");

            assertThatThrownBy(() -> JdbcSchema.migrate(db.dataSource()))
                    .isInstanceOfSatisfying(StoreException.class, e -> assertThat(e.isTransient()).isFalse())
                    .hasMessageContaining("version 999")
                    .hasMessageContaining("version " + JdbcSchema.latestVersion() + " that this Lanyard knows")
                    .hasMessageContaining("Upgrade Lanyard");
            assertThat(JdbcSchema.installedVersion(db.dataSource())).isEqualTo(999);
        }
    }

    @Test
    void migrationsAreNumberedOneByOneFromOne() {
        for (int i = 0; i < Migration.ALL.size(); i++) {
            assertThat(Migration.ALL.get(i).version()).isEqualTo(i + 1);
        }
        assertThat(JdbcSchema.latestVersion()).isEqualTo(6);
        assertThat(Migration.after(JdbcSchema.latestVersion())).isNull();
    }

    @Test
    void storeWhenTheConnectionFailsThenTransient() {
        DataSource down = failing(new SQLException("Connection to 127.0.0.1:5432 refused", "08001"));

        assertThatThrownBy(() -> new JdbcUserStore(down).findById("x"))
                .isInstanceOfSatisfying(StoreException.class, e -> assertThat(e.isTransient()).isTrue())
                .hasMessageContaining("08001")
                .hasMessageContaining("retry later");
        assertThatThrownBy(() -> new JdbcUserStore(down).create(User.builder("alice").passwordHash(HASH).build()))
                .isInstanceOfSatisfying(StoreException.class, e -> assertThat(e.isTransient()).isTrue())
                .message().doesNotContain(HASH);
        assertThatThrownBy(() -> new JdbcClientStore(down).list(0, 10))
                .isInstanceOfSatisfying(StoreException.class, e -> assertThat(e.isTransient()).isTrue());
        assertThatThrownBy(() -> JdbcSchema.migrate(down))
                .isInstanceOfSatisfying(StoreException.class, e -> assertThat(e.isTransient()).isTrue());
    }

    @Test
    void storeWhenTheDriverSaysTransientThenTransient() {
        DataSource busy = failing(new SQLTransientConnectionException("pool exhausted"));

        assertThatThrownBy(() -> new JdbcClientStore(busy).findById("x"))
                .isInstanceOfSatisfying(StoreException.class, e -> assertThat(e.isTransient()).isTrue());
    }

    @Test
    void storeWhenAStatementFailsThenNotTransientAndPointsAtMigrate() {
        try (TestDatabase db = TestDatabase.h2().open()) {
            assertThatThrownBy(() -> new JdbcUserStore(db.dataSource()).findByUsername("alice"))
                    .isInstanceOfSatisfying(StoreException.class, e -> assertThat(e.isTransient()).isFalse())
                    .hasMessageContaining("could not find a user by username")
                    .hasMessageContaining("JdbcSchema.migrate");
        }
    }

    @Test
    void storeFailureMessageNeverHoldsThePasswordHash() throws SQLException {
        try (TestDatabase db = TestDatabase.h2().open()) {
            JdbcSchema.migrate(db.dataSource());
            // H2 quotes the value that does not fit in its own message.
            execute(db.dataSource(), "ALTER TABLE lanyard_users ALTER COLUMN password_hash VARCHAR(10)");

            assertThatThrownBy(() -> new JdbcUserStore(db.dataSource()).create(User.builder("alice").passwordHash(HASH).build()))
                    .isInstanceOfSatisfying(StoreException.class, e -> assertThat(e.isTransient()).isFalse())
                    .message().doesNotContain(HASH).doesNotContain("NEVERINAMESSAGE");
        }
    }

    @Test
    void lifetimeWithASubMillisecondPartIsRefused() {
        try (TestDatabase db = TestDatabase.h2().open()) {
            JdbcSchema.migrate(db.dataSource());
            Client client = Client.builder("my-app").accessTokenLifetime(Duration.ofNanos(1_500_000)).build();

            assertThatThrownBy(() -> new JdbcClientStore(db.dataSource()).create(client))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("accessTokenLifetime of client 'my-app'")
                    .hasMessageContaining("whole milliseconds");
        }
    }

    @Test
    void listsLongerThanTheColumnAreRefusedBeforeAnyWrite() {
        try (TestDatabase db = TestDatabase.h2().open()) {
            JdbcSchema.migrate(db.dataSource());
            List<String> roles = new ArrayList<>();
            for (int i = 0; i < 150; i++) {
                roles.add("role-with-a-fairly-long-name-number-" + i);
            }
            JdbcUserStore store = new JdbcUserStore(db.dataSource());

            assertThatThrownBy(() -> store.createAll(List.of(User.builder("alice").build(),
                    User.builder("bob").roles(roles).build())))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("roles of user 'bob'")
                    .hasMessageContaining("at most 4000");
            assertThat(store.count()).isZero();
        }
    }

    @Test
    void secretCreationTimeIsKeptToTheMillisecond() {
        try (TestDatabase db = TestDatabase.h2().open()) {
            JdbcSchema.migrate(db.dataSource());
            Instant fine = Instant.parse("2026-03-04T05:06:07.123456Z");
            JdbcClientStore store = new JdbcClientStore(db.dataSource());
            store.create(Client.builder("my-app").secrets(List.of(new ClientSecret("s1", "$sha256$x", fine))).build());

            assertThat(store.findById("my-app").orElseThrow().secrets().get(0).createdAt())
                    .isEqualTo(Instant.parse("2026-03-04T05:06:07.123Z"));
        }
    }

    @Test
    void textListsRoundTripExactly() {
        List<String> values = List.of("b a", "a", "ünï 🦊", "x?y=1&z");

        assertThat(TextList.decode(TextList.encode(values, "test"))).containsExactlyElementsOf(values);
        assertThat(TextList.decode(TextList.encode(List.of(), "test"))).isEmpty();
        assertThat(TextList.decode(TextList.encode(List.of("one"), "test"))).containsExactly("one");
        assertThatThrownBy(() -> TextList.encode(List.of("a\nb"), "test")).isInstanceOf(IllegalArgumentException.class);
    }

    private static TestDatabase open(String product) {
        TestDatabase db = switch (product) {
            case "H2" -> TestDatabase.h2();
            case "SQLite" -> TestDatabase.sqlite();
            case "PostgreSQL" -> TestDatabase.postgres();
            case "MariaDB" -> TestDatabase.mariaDb();
            default -> throw new IllegalArgumentException(product);
        };
        return db.open();
    }

    private static DataSource failing(SQLException failure) {
        return (DataSource) Proxy.newProxyInstance(JdbcSchemaTest.class.getClassLoader(), new Class<?>[] {DataSource.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("getConnection")) {
                        throw failure;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }

    private static void execute(DataSource dataSource, String sql) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.executeUpdate(sql);
        }
    }

    private static long countRows(DataSource dataSource, String table) {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
             var rs = s.executeQuery("SELECT COUNT(*) FROM " + table)) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
