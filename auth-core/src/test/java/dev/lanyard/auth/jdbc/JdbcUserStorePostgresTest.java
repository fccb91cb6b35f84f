package dev.lanyard.auth.jdbc;

import dev.lanyard.auth.testing.TestDatabase;
import dev.lanyard.auth.testing.UserStoreContract;
import dev.lanyard.auth.user.UserStore;

import org.junit.jupiter.api.extension.RegisterExtension;

class JdbcUserStorePostgresTest extends UserStoreContract {

    @RegisterExtension
    static final TestDatabase DB = TestDatabase.postgres();

    @Override
    protected UserStore.Writable newStore() {
        return new JdbcUserStore(DB.emptyLanyardSchema());
    }
}
