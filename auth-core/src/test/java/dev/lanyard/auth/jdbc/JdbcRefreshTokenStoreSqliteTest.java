package dev.lanyard.auth.jdbc;

import dev.lanyard.auth.refresh.RefreshTokenStore;
import dev.lanyard.auth.testing.RefreshTokenStoreContract;
import dev.lanyard.auth.testing.TestDatabase;

import org.junit.jupiter.api.extension.RegisterExtension;

class JdbcRefreshTokenStoreSqliteTest extends RefreshTokenStoreContract {

    @RegisterExtension
    static final TestDatabase DB = TestDatabase.sqlite();

    @Override
    protected RefreshTokenStore newStore() {
        return new JdbcRefreshTokenStore(DB.emptyLanyardSchema());
    }
}
