package dev.lanyard.auth.examples.customstore;

import dev.lanyard.auth.testing.TestDatabase;
import org.junit.jupiter.api.extension.RegisterExtension;

import javax.sql.DataSource;

/** The legacy-table example on an in-memory H2 database. */
class CustomUserStoreExampleTest extends CustomUserStoreExampleCases {

    @RegisterExtension
    static final TestDatabase DB = TestDatabase.h2();

    @Override
    DataSource database() {
        return DB.dataSource();
    }
}
