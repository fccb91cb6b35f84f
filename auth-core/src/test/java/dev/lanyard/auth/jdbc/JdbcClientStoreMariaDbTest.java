package dev.lanyard.auth.jdbc;

import dev.lanyard.auth.client.ClientStore;
import dev.lanyard.auth.testing.ClientStoreContract;
import dev.lanyard.auth.testing.TestDatabase;

import org.junit.jupiter.api.extension.RegisterExtension;

class JdbcClientStoreMariaDbTest extends ClientStoreContract {

    @RegisterExtension
    static final TestDatabase DB = TestDatabase.mariaDb();

    @Override
    protected ClientStore.Writable newStore() {
        return new JdbcClientStore(DB.emptyLanyardSchema());
    }
}
