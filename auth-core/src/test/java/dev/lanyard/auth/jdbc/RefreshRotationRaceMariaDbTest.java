package dev.lanyard.auth.jdbc;

import dev.lanyard.auth.testing.TestDatabase;

import org.junit.jupiter.api.extension.RegisterExtension;

/** Nodes racing on refresh tokens in MariaDB at its default isolation, REPEATABLE READ. */
class RefreshRotationRaceMariaDbTest extends RefreshRotationRace {

    @RegisterExtension
    static final TestDatabase DB = TestDatabase.mariaDb();

    @Override
    TestDatabase db() {
        return DB;
    }
}
