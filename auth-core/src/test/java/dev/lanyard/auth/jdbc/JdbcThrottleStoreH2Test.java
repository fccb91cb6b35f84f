package dev.lanyard.auth.jdbc;

import dev.lanyard.auth.guard.ThrottleStore;
import dev.lanyard.auth.guard.WindowCounter;
import dev.lanyard.auth.testing.TestDatabase;
import dev.lanyard.auth.testing.SharedThrottleStoreContract;

import java.time.Duration;

import org.junit.jupiter.api.extension.RegisterExtension;

class JdbcThrottleStoreH2Test extends SharedThrottleStoreContract {

    @RegisterExtension
    static final TestDatabase DB = TestDatabase.h2();

    private JdbcThrottleStore store;

    @Override
    protected ThrottleStore newStore() {
        store = new JdbcThrottleStore(DB.emptyLanyardSchema());
        return store;
    }

    @Override
    protected ThrottleStore anotherNode() {
        return new JdbcThrottleStore(DB.dataSource());
    }

    @Override
    protected ThrottleStore unreachable() {
        return new JdbcThrottleStore(DownDataSource.create());
    }

    @Override
    protected WindowCounter windows() {
        return store;
    }

    @Override
    protected Duration reservationLapse() {
        return Duration.ofSeconds(JdbcThrottleStore.RESERVATION_SECONDS);
    }
}
