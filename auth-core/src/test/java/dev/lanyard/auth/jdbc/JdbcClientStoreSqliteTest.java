package dev.lanyard.auth.jdbc;

import dev.lanyard.auth.client.ClientStore;
import dev.lanyard.auth.testing.ClientStoreContract;
import dev.lanyard.auth.testing.TestDatabase;

import org.junit.jupiter.api.extension.RegisterExtension;

class JdbcClientStoreSqliteTest extends ClientStoreContract {

    @RegisterExtension
    static final TestDatabase DB = TestDatabase.sqlite();

    @Override
    protected ClientStore.Writable newStore() {
        return new JdbcClientStore(DB.emptyLanyardSchema());
    }
}
