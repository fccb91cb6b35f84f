package dev.lanyard.auth.jdbc;

import dev.lanyard.auth.client.ReplayStore;
import dev.lanyard.auth.testing.MutableClock;
import dev.lanyard.auth.testing.ReplayStoreContract;
import dev.lanyard.auth.testing.TestDatabase;

import org.junit.jupiter.api.extension.RegisterExtension;

class JdbcReplayStoreSqliteTest extends ReplayStoreContract {

    @RegisterExtension
    static final TestDatabase DB = TestDatabase.sqlite();

    @Override
    protected ReplayStore newStore(MutableClock clock) {
        return new JdbcReplayStore(DB.emptyLanyardSchema(), clock);
    }
}
