package dev.lanyard.auth.jdbc;

import dev.lanyard.auth.reference.ReferenceTokenStore;
import dev.lanyard.auth.testing.ReferenceTokenStoreContract;
import dev.lanyard.auth.testing.TestDatabase;

import org.junit.jupiter.api.extension.RegisterExtension;

class JdbcReferenceTokenStoreSqliteTest extends ReferenceTokenStoreContract {

    @RegisterExtension
    static final TestDatabase DB = TestDatabase.sqlite();

    @Override
    protected ReferenceTokenStore newStore() {
        return new JdbcReferenceTokenStore(DB.emptyLanyardSchema());
    }
}
