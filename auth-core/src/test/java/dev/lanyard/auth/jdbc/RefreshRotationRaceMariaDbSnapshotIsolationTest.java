package dev.lanyard.auth.jdbc;

import dev.lanyard.auth.testing.TestDatabase;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Nodes racing on refresh tokens in MariaDB with {@code innodb_snapshot_isolation=ON}, the default
 * from MariaDB 11.6: a transaction that writes a row changed since its snapshot is rolled back
 * (error 1020) and the store runs it again.
 */
class RefreshRotationRaceMariaDbSnapshotIsolationTest extends RefreshRotationRace {

    @RegisterExtension
    static final TestDatabase DB = TestDatabase.mariaDb();

    @Override
    TestDatabase db() {
        return DB;
    }

    @Override
    int rounds() {
        return 50;
    }

    @Override
    String[] sessionSetup() {
        return new String[] {"SET SESSION innodb_snapshot_isolation = ON"};
    }

    @BeforeEach
    void requireSnapshotIsolation() throws SQLException {
        try (Connection c = DB.dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SHOW VARIABLES LIKE 'innodb_snapshot_isolation'")) {
            assumeTrue(rs.next(), "this MariaDB has no innodb_snapshot_isolation (before 10.6.18 / 10.11.8)");
        }
    }
}
