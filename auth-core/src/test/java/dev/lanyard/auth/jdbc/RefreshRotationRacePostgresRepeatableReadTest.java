package dev.lanyard.auth.jdbc;

import dev.lanyard.auth.testing.TestDatabase;

import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Nodes racing on refresh tokens in PostgreSQL at REPEATABLE READ, as a pool may configure it: a
 * transaction that writes a row changed since its snapshot fails with 40001 and the store runs it
 * again.
 */
class RefreshRotationRacePostgresRepeatableReadTest extends RefreshRotationRace {

    @RegisterExtension
    static final TestDatabase DB = TestDatabase.postgres();

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
        return new String[] {"SET SESSION CHARACTERISTICS AS TRANSACTION ISOLATION LEVEL REPEATABLE READ"};
    }
}
