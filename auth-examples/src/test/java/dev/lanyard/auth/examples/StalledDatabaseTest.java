package dev.lanyard.auth.examples;

import dev.lanyard.auth.testing.LocalServers;
import dev.lanyard.auth.testing.MutableClock;
import dev.lanyard.auth.testing.StallingProxy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static dev.lanyard.auth.examples.RunningDemo.basic;
import static dev.lanyard.auth.examples.RunningDemo.error;
import static dev.lanyard.auth.examples.RunningDemo.params;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

/**
 * {@code serve --jdbc-url} on a PostgreSQL or MariaDB that stalls (through a {@link StallingProxy} in this JVM:
 * connections accepted, nothing forwarded) or refuses connections (SQLState 53300), with the demo's
 * real pool and over real HTTP: requests that need the database are answered 503
 * {@code temporarily_unavailable} with {@code Retry-After} within a bounded time, never 500; the JWKS,
 * which needs no database, is served at once meanwhile; no Jetty thread is left inside JDBC after the
 * database returns, and the server works again within seconds. The figures go to standard output.
 */
class StalledDatabaseTest {

    /** Requests at once during the stall: more than the bulkhead lets in (20 for the default pool of 10). */
    private static final int CONCURRENT = 40;
    /** The longest a request may take while the database is stalled: the socket timeout plus the pool's, and a margin. */
    private static final Duration BOUND = DatabasePool.SOCKET_TIMEOUT.plus(DatabasePool.ACQUIRE_TIMEOUT).plusSeconds(3);

    @TempDir
    Path dir;
    final String schema = "lanyard_stall_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    final String role = schema + "_role";
    final MutableClock clock = MutableClock.at("2026-12-02T10:00:00Z");
    private final ExecutorService clients = Executors.newFixedThreadPool(CONCURRENT);

    @BeforeEach
    void createSchema() throws SQLException {
        assumeFalse("true".equalsIgnoreCase(System.getenv("LANYARD_SKIP_DB_TESTS")), "LANYARD_SKIP_DB_TESTS=true");
        execute("CREATE SCHEMA " + schema);
    }

    @AfterEach
    void dropSchema() throws SQLException {
        clients.shutdownNow();
        if (!"true".equalsIgnoreCase(System.getenv("LANYARD_SKIP_DB_TESTS"))) {
            execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
            execute("DROP ROLE IF EXISTS " + role);
        }
    }

    @Test
    void stalledPostgresAnswers503InBoundedTimeServesJwksAndRecoversAfterRelease() throws Exception {
        LocalServers.Address pg = LocalServers.postgres();
        URI server = URI.create(pg.url().substring("jdbc:".length()));
        try (StallingProxy proxy = StallingProxy.to(server.getHost(), server.getPort())) {
            stallAndRecover("PostgreSQL", proxy, "jdbc:postgresql://127.0.0.1:" + proxy.port() + server.getPath()
                    + "?user=" + pg.user() + "&currentSchema=" + schema);
        }
    }

    @Test
    void stalledMariaDbAnswers503InBoundedTimeServesJwksAndRecoversAfterRelease() throws Exception {
        LocalServers.Address maria = LocalServers.mariaDb();
        executeOnMariaDb(maria, "CREATE DATABASE " + schema);
        URI server = URI.create(maria.url().substring("jdbc:".length()));
        try (StallingProxy proxy = StallingProxy.to(server.getHost(), server.getPort())) {
            stallAndRecover("MariaDB", proxy, "jdbc:mariadb://127.0.0.1:" + proxy.port() + "/" + schema + "?"
                    + (server.getQuery() == null ? "" : server.getQuery() + "&") + "user=" + maria.user()
                    + (maria.password().isEmpty() ? "" : "&password=" + maria.password()));
        } finally {
            executeOnMariaDb(maria, "DROP DATABASE IF EXISTS " + schema);
        }
    }

    private void stallAndRecover(String product, StallingProxy proxy, String jdbcUrl) throws Exception {
        try (RunningDemo demo = RunningDemo.start(dir, clock, "--jdbc-url", jdbcUrl,
                "--key-encryption-key-file", RunningDemo.keyEncryptionKeyFile().toString())) {
            assertThat(token(demo).statusCode()).isEqualTo(200);

            proxy.stall();
            long stalledAt = System.nanoTime();
            List<Future<Timed>> requests = new ArrayList<>();
            for (int i = 0; i < CONCURRENT; i++) {
                requests.add(clients.submit(() -> timed(() -> token(demo))));
            }
            Thread.sleep(500);
            long jwksWorst = 0;
            int mostInJdbc = 0;
            for (int i = 0; i < 10; i++) {
                Timed jwks = timed(() -> demo.get("/oauth2/jwks"));
                assertThat(jwks.response.statusCode()).as("the JWKS needs no database").isEqualTo(200);
                jwksWorst = Math.max(jwksWorst, jwks.millis);
                mostInJdbc = Math.max(mostInJdbc, jettyThreadsInJdbc().size());
                Thread.sleep(200);
            }
            assertThat(jwksWorst).as("the JWKS answers at once while the database is stalled").isLessThan(1_000);
            assertThat(mostInJdbc).as("the bulkhead keeps all but 20 of Jetty's threads out of JDBC")
                    .isLessThanOrEqualTo(2 * DatabasePool.DEFAULT_SIZE);

            long fastest = Long.MAX_VALUE;
            long slowest = 0;
            for (Future<Timed> f : requests) {
                Timed t = f.get(BOUND.toSeconds() + 10, TimeUnit.SECONDS);
                error(t.response, 503, "temporarily_unavailable");
                assertThat(t.response.headers().firstValue("Retry-After")).isPresent();
                fastest = Math.min(fastest, t.millis);
                slowest = Math.max(slowest, t.millis);
            }
            assertThat(slowest).as("every request is answered within the timeouts").isLessThan(BOUND.toMillis());
            long stalledFor = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - stalledAt);

            proxy.release();
            long releasedAt = System.nanoTime();
            long recovery = awaitOk(demo);
            List<String> stuck = awaitNoThreadInJdbc();
            assertThat(stuck).as("Jetty threads still inside JDBC after the release").isEmpty();
            assertThat(recovery).as("the server works again within seconds").isLessThan(10_000);
            System.out.printf("stall figures (%s, pool %d, %d requests at once): time to 503 %d..%d ms;"
                            + " jwks while stalled at most %d ms; Jetty threads inside JDBC at most %d; stalled %d ms;"
                            + " recovery %d ms after release (threads out of JDBC after %d ms)%n",
                    product, DatabasePool.DEFAULT_SIZE, CONCURRENT, fastest, slowest, jwksWorst, mostInJdbc, stalledFor,
                    recovery, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - releasedAt));
        }
    }

    @Test
    void databaseRefusingConnectionsAnswers503NotServerError() throws Exception {
        execute("CREATE ROLE " + role + " LOGIN CONNECTION LIMIT 4");
        execute("ALTER SCHEMA " + schema + " OWNER TO " + role);
        LocalServers.Address pg = LocalServers.postgres();
        try (RunningDemo demo = RunningDemo.start(dir, clock, "--pool-size", "2",
                "--key-encryption-key-file", RunningDemo.keyEncryptionKeyFile().toString(), "--jdbc-url", pg.url()
                + "?user=" + role + "&currentSchema=" + schema)) {
            assertThat(token(demo).statusCode()).isEqualTo(200);

            // every new connection of the role now fails with SQLState 53300, and the pool's are gone
            execute("ALTER ROLE " + role + " CONNECTION LIMIT 0");
            execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = '" + role + "'");
            long start = System.nanoTime();
            for (int i = 0; i < 3; i++) {
                HttpResponse<String> r = token(demo);
                error(r, 503, "temporarily_unavailable");
                assertThat(r.headers().firstValue("Retry-After")).isPresent();
            }
            long perRequest = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start) / 3;
            assertThat(perRequest).isLessThan(DatabasePool.ACQUIRE_TIMEOUT.toMillis() + 2_000);

            execute("ALTER ROLE " + role + " CONNECTION LIMIT 4");
            long recovery = awaitOk(demo);
            System.out.printf("too many connections (53300): 503 after %d ms per request; recovery %d ms%n",
                    perRequest, recovery);
        }
    }

    private static HttpResponse<String> token(RunningDemo demo) {
        Map<String, String> form = params("grant_type", "client_credentials");
        return demo.postForm("/oauth2/token", form, "Authorization", basic("web", "web-secret-123"));
    }

    /** Milliseconds until a token request is answered 200 again. */
    private static long awaitOk(RunningDemo demo) throws InterruptedException {
        long start = System.nanoTime();
        while (token(demo).statusCode() != 200) {
            assertThat(System.nanoTime() - start).as("recovery").isLessThan(TimeUnit.SECONDS.toNanos(30));
            Thread.sleep(100);
        }
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    }

    private static List<String> awaitNoThreadInJdbc() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        List<String> stuck = jettyThreadsInJdbc();
        while (!stuck.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(100);
            stuck = jettyThreadsInJdbc();
        }
        return stuck;
    }

    /** Jetty's request threads (named qtp...) with a PostgreSQL, MariaDB driver or HikariCP frame on their stack. */
    private static List<String> jettyThreadsInJdbc() {
        List<String> out = new ArrayList<>();
        Thread.getAllStackTraces().forEach((thread, stack) -> {
            if (thread.getName().startsWith("qtp") && Arrays.stream(stack).anyMatch(f -> f.getClassName().startsWith("org.postgresql.")
                    || f.getClassName().startsWith("org.mariadb.") || f.getClassName().startsWith("com.zaxxer.hikari."))) {
                out.add(thread.getName());
            }
        });
        return out;
    }

    private record Timed(HttpResponse<String> response, long millis) {
    }

    private interface Call {
        HttpResponse<String> run();
    }

    private static Timed timed(Call call) {
        long start = System.nanoTime();
        HttpResponse<String> r = call.run();
        return new Timed(r, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
    }

    private static void executeOnMariaDb(LocalServers.Address maria, String sql) throws SQLException {
        java.util.Properties p = new java.util.Properties();
        p.setProperty("user", maria.user());
        if (!maria.password().isEmpty()) {
            p.setProperty("password", maria.password());
        }
        try (Connection c = DriverManager.getConnection(maria.url(), p); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private static void execute(String sql) throws SQLException {
        LocalServers.Address server = LocalServers.postgres();
        try (Connection c = DriverManager.getConnection(server.url() + "?user=" + server.user() + "&connectTimeout=5");
             Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
