package dev.lanyard.auth.examples;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DataDirTest {

    @TempDir
    Path tmp;

    @Test
    void aNewDataDirectoryIsReadableByItsOwnerOnly() throws Exception {
        Path dir = tmp.resolve("nested/lanyard-data");
        try (DataDir data = DataDir.open(dir, null)) {
            assertThat(data.path()).isEqualTo(dir.toAbsolutePath());
        }
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir))).isEqualTo("rwx------");
    }

    @Test
    void aCommandClosingTheDataDirectoryLeavesTheServersConnectionsAlone() throws Exception {
        Path dir = tmp.resolve("data");
        try (DataDir server = DataDir.open(dir, null).shutdownOnClose();
             java.sql.Connection inFlight = server.dataSource().getConnection()) {
            try (DataDir command = DataDir.open(dir, null)) {
                assertThat(command.users().findByUsername("nobody")).isEmpty();
            }
            try (java.sql.Statement s = inFlight.createStatement()) {
                assertThat(s.execute("SELECT 1")).as("the server's connection survived the command").isTrue();
            }
        }
    }

    @Test
    void aNewDataDirectoryHoldsAnSqliteDatabaseThatSyncsEveryCommit() throws Exception {
        Path dir = tmp.resolve("data");
        try (DataDir data = DataDir.open(dir, null);
             java.sql.Connection c = data.dataSource().getConnection();
             java.sql.Statement s = c.createStatement()) {
            assertThat(c.getMetaData().getDatabaseProductName()).isEqualTo("SQLite");
            try (java.sql.ResultSet rs = s.executeQuery("PRAGMA journal_mode")) {
                assertThat(rs.next() && rs.getString(1).equals("wal")).isTrue();
            }
            try (java.sql.ResultSet rs = s.executeQuery("PRAGMA synchronous")) {
                assertThat(rs.next() ? rs.getInt(1) : -1).as("FULL").isEqualTo(2);
            }
        }
        assertThat(dir.resolve(DataDir.SQLITE_FILE)).isRegularFile();
        assertThat(dir.resolve(DataDir.H2_FILE)).doesNotExist();
        assertThat(DataDir.hasDatabase(dir, null)).isTrue();
    }

    @Test
    void aDirectoryAnEarlierVersionLeftWithAnH2DatabaseIsStillOpenedOnIt() {
        Path dir = LegacyH2.create(tmp.resolve("old"), "alice");
        try (DataDir data = DataDir.open(dir, null)) {
            assertThat(data.users().findByUsername("alice")).isPresent();
        }
        assertThat(dir.resolve(DataDir.SQLITE_FILE)).doesNotExist();
    }

    @Test
    void theServerShutsItsEmbeddedDatabaseDownAtStop() throws Exception {
        // H2 (a directory of an earlier version) keeps its database open in the JVM; SQLite has nothing to shut
        Path dir = LegacyH2.create(tmp.resolve("data"), "alice");
        java.sql.Connection leftOpen;
        try (DataDir server = DataDir.open(dir, null).shutdownOnClose()) {
            leftOpen = server.dataSource().getConnection();
        }
        // the pool hands out wrappers: the database's own connection under it is the one H2 closed
        assertThat(leftOpen.unwrap(org.h2.jdbc.JdbcConnection.class).isClosed()).isTrue();
        assertThatThrownBy(() -> leftOpen.createStatement().execute("SELECT 1")).isInstanceOf(java.sql.SQLException.class);
    }

    @Test
    void aJdbcUrlOfAnUnknownDatabaseIsRefusedWithAMessageNamingIt() {
        assertThatThrownBy(() -> DataDir.open(tmp.resolve("d"), "jdbc:nosuchdb://x/y"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("jdbc:nosuchdb");
        assertThatThrownBy(() -> DataDir.open(tmp.resolve("d"), "postgresql://x/y"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("jdbc:");
    }
}
