package dev.lanyard.auth.jdbc;

import dev.lanyard.auth.guard.ThrottleStore;
import dev.lanyard.auth.guard.WindowCounter;
import dev.lanyard.auth.testing.SharedThrottleStoreContract;
import dev.lanyard.auth.testing.TestDatabase;

import java.time.Duration;

/** The shared throttle contract on one database; a subclass per database says which. */
abstract class JdbcThrottleStoreTest extends SharedThrottleStoreContract {

    private JdbcThrottleStore store;

    /** The database of this run, registered as the subclass's extension. */
    abstract TestDatabase db();

    @Override
    protected ThrottleStore newStore() {
        store = new JdbcThrottleStore(db().emptyLanyardSchema());
        return store;
    }

    @Override
    protected ThrottleStore anotherNode() {
        return new JdbcThrottleStore(db().dataSource());
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
