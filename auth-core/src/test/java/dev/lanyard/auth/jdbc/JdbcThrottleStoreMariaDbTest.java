package dev.lanyard.auth.jdbc;

import dev.lanyard.auth.testing.TestDatabase;

import org.junit.jupiter.api.extension.RegisterExtension;

class JdbcThrottleStoreMariaDbTest extends JdbcThrottleStoreTest {

    @RegisterExtension
    static final TestDatabase DB = TestDatabase.mariaDb();

    @Override
    TestDatabase db() {
        return DB;
    }
}
