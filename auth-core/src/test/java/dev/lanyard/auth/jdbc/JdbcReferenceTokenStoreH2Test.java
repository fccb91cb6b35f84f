package dev.lanyard.auth.jdbc;

import dev.lanyard.auth.reference.ReferenceTokenStore;
import dev.lanyard.auth.testing.ReferenceTokenStoreContract;
import dev.lanyard.auth.testing.TestDatabase;

import org.junit.jupiter.api.extension.RegisterExtension;

class JdbcReferenceTokenStoreH2Test extends ReferenceTokenStoreContract {

    @RegisterExtension
    static final TestDatabase DB = TestDatabase.h2();

    @Override
    protected ReferenceTokenStore newStore() {
        return new JdbcReferenceTokenStore(DB.emptyLanyardSchema());
    }
}
