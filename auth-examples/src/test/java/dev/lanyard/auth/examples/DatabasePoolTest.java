package dev.lanyard.auth.examples;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The demo's pool: its size per database, its timeouts, and the URL's own settings winning. */
class DatabasePoolTest extends CliTestSupport {

    @TempDir
    Path dir;

    @Test
    void sizesAreBoundedPerDatabaseAndTheOptionOverridesThem() {
        assertThat(DatabasePool.defaultSize("jdbc:postgresql://127.0.0.1:5432/lanyard")).isEqualTo(10);
        assertThat(DatabasePool.defaultSize("jdbc:mariadb://127.0.0.1:3306/lanyard")).isEqualTo(10);
        assertThat(DatabasePool.defaultSize("jdbc:h2:file:/tmp/x/lanyard")).isEqualTo(4);
        assertThat(DatabasePool.defaultSize("jdbc:sqlite:/tmp/x/lanyard.db")).as("one writer").isEqualTo(1);
        try (HikariDataSource pool = DatabasePool.open("jdbc:h2:mem:pool-size", null)) {
            assertThat(pool.getMaximumPoolSize()).isEqualTo(4);
            assertThat(pool.getConnectionTimeout()).isEqualTo(DatabasePool.ACQUIRE_TIMEOUT.toMillis());
        }
        try (HikariDataSource pool = DatabasePool.open("jdbc:h2:mem:pool-size", 7)) {
            assertThat(pool.getMaximumPoolSize()).isEqualTo(7);
        }
    }

    @Test
    void postgresAndMariaDbGetConnectAndSocketTimeoutsUnlessTheUrlSetsItsOwn() throws Exception {
        assertThat(DatabasePool.driverDefaults("jdbc:postgresql://h/db")).containsEntry("socketTimeout", "10")
                .containsEntry("connectTimeout", "5").containsEntry("loginTimeout", "5");
        assertThat(DatabasePool.driverDefaults("jdbc:mariadb://h/db")).containsEntry("socketTimeout", "10000")
                .containsEntry("connectTimeout", "5000");
        assertThat(DatabasePool.driverDefaults("jdbc:h2:mem:x")).isEmpty();
        assertThat(DatabasePool.mentions("jdbc:postgresql://h/db?user=u&SocketTimeout=30", "socketTimeout")).isTrue();
        assertThat(DatabasePool.mentions("jdbc:postgresql://h/db?user=u", "socketTimeout")).isFalse();

        String pg = dev.lanyard.auth.testing.LocalServers.postgres().url() + "?user="
                + dev.lanyard.auth.testing.LocalServers.postgres().user();
        try (HikariDataSource pool = DatabasePool.open(pg, 1); Connection c = pool.getConnection()) {
            assertThat(c.getNetworkTimeout()).as("the driver's socket timeout").isEqualTo(10_000);
        }
        try (HikariDataSource pool = DatabasePool.open(pg + "&socketTimeout=30", 1); Connection c = pool.getConnection()) {
            assertThat(c.getNetworkTimeout()).as("the URL's own").isEqualTo(30_000);
        }
    }

    @Test
    void aWrongUrlOrSizeIsRefusedWithAMessageThatDoesNotRepeatTheUrl() {
        assertThatThrownBy(() -> DatabasePool.open("jdbc:nosuchdb://db.example/x?password=hunter2", null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("jdbc:nosuchdb")
                .message().doesNotContain("hunter2");
        assertThatThrownBy(() -> DatabasePool.open("jdbc:h2:mem:x", 0))
                .hasMessage("--pool-size must be between 1 and 200, got 0");
    }

    @Test
    void servePoolSizeOutOfRangeIsOneLine() {
        Result r = runRaw("serve", "--port", "0", "--data", dir.toString(), "--pool-size", "0");

        assertThat(r.code()).isNotZero();
        assertThat(r.errLines()).singleElement().asString().contains("--pool-size must be between 1 and 200");
    }

    @Test
    void aCommandOnADatabaseThatIsDownSaysWhyInOneLineWithinThePoolTimeout() throws Exception {
        int closedPort;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        long start = System.nanoTime();
        Result r = run("users", "list", "--jdbc-url", "jdbc:postgresql://127.0.0.1:" + closedPort
                + "/lanyard?user=u&password=hunter2");
        long millis = java.util.concurrent.TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

        assertThat(r.code()).isNotZero();
        assertThat(r.errLines()).singleElement().asString()
                .contains("the database is unreachable or busy (SQLState 08001")
                .as("the driver's reason, not only the pool's timeout").contains("refused")
                .doesNotContain("hunter2");
        assertThat(millis).isLessThan(DatabasePool.ACQUIRE_TIMEOUT.toMillis() + 5_000);
    }
}
