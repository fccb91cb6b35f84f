package dev.lanyard.auth.examples.customstore;

import dev.lanyard.auth.testing.TestDatabase;
import org.junit.jupiter.api.extension.RegisterExtension;

import javax.sql.DataSource;

/**
 * The legacy-table example in a schema of its own on PostgreSQL (where {@link TestDatabase} says; skipped
 * with {@code LANYARD_SKIP_DB_TESTS=true}).
 */
class CustomUserStorePostgresTest extends CustomUserStoreExampleCases {

    @RegisterExtension
    static final TestDatabase DB = TestDatabase.postgres();

    @Override
    DataSource database() {
        return DB.dataSource();
    }
}
