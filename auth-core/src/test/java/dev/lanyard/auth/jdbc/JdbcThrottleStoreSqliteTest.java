package dev.lanyard.auth.jdbc;

import dev.lanyard.auth.testing.TestDatabase;

import org.junit.jupiter.api.extension.RegisterExtension;

class JdbcThrottleStoreSqliteTest extends JdbcThrottleStoreTest {

    @RegisterExtension
    static final TestDatabase DB = TestDatabase.sqlite();

    @Override
    TestDatabase db() {
        return DB;
    }
}
