package dev.lanyard.auth.jdbc;

import dev.lanyard.auth.reference.ReferenceTokenStore;
import dev.lanyard.auth.testing.ReferenceTokenStoreContract;
import dev.lanyard.auth.testing.TestDatabase;

import org.junit.jupiter.api.extension.RegisterExtension;

class JdbcReferenceTokenStoreMariaDbTest extends ReferenceTokenStoreContract {

    @RegisterExtension
    static final TestDatabase DB = TestDatabase.mariaDb();

    @Override
    protected ReferenceTokenStore newStore() {
        return new JdbcReferenceTokenStore(DB.emptyLanyardSchema());
    }
}
