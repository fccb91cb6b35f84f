package dev.lanyard.auth.jdbc;

import dev.lanyard.auth.grant.AuthorizationCodeStore;
import dev.lanyard.auth.testing.AuthorizationCodeStoreContract;
import dev.lanyard.auth.testing.TestDatabase;

import org.junit.jupiter.api.extension.RegisterExtension;

class JdbcAuthorizationCodeStoreSqliteTest extends AuthorizationCodeStoreContract {

    @RegisterExtension
    static final TestDatabase DB = TestDatabase.sqlite();

    @Override
    protected AuthorizationCodeStore newStore() {
        return new JdbcAuthorizationCodeStore(DB.emptyLanyardSchema());
    }
}
