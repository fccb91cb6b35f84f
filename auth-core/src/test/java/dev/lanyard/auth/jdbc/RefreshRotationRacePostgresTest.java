package dev.lanyard.auth.jdbc;

import dev.lanyard.auth.testing.TestDatabase;

import org.junit.jupiter.api.extension.RegisterExtension;

/** Nodes racing on refresh tokens in PostgreSQL at its default isolation, READ COMMITTED. */
class RefreshRotationRacePostgresTest extends RefreshRotationRace {

    @RegisterExtension
    static final TestDatabase DB = TestDatabase.postgres();

    @Override
    TestDatabase db() {
        return DB;
    }
}
