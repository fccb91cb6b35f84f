package dev.lanyard.auth.jdbc;

import dev.lanyard.auth.testing.TestDatabase;

import org.junit.jupiter.api.extension.RegisterExtension;

class JdbcThrottleStoreH2Test extends JdbcThrottleStoreTest {

    @RegisterExtension
    static final TestDatabase DB = TestDatabase.h2();

    @Override
    TestDatabase db() {
        return DB;
    }
}
