package dev.lanyard.auth.jdbc;

import dev.lanyard.auth.testing.TestDatabase;

import org.junit.jupiter.api.extension.RegisterExtension;

/** Nodes racing on refresh tokens in one SQLite file: one writer at a time, transactions begun IMMEDIATE. */
class RefreshRotationRaceSqliteTest extends RefreshRotationRace {

    @RegisterExtension
    static final TestDatabase DB = TestDatabase.sqlite();

    @Override
    TestDatabase db() {
        return DB;
    }
}
