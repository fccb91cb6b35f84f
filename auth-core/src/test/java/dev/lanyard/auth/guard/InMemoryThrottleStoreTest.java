package dev.lanyard.auth.guard;

import dev.lanyard.auth.testing.ThrottleStoreContract;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** The default store: two throttles over one in-memory store share it, as two callers in one process do. */
class InMemoryThrottleStoreTest extends ThrottleStoreContract {

    private InMemoryThrottleStore store;

    @Override
    protected ThrottleStore newStore() {
        store = new InMemoryThrottleStore(1_000, Duration.ofMinutes(10), clock);
        return store;
    }

    @Override
    protected ThrottleStore anotherNode() {
        return store;
    }

    /** A custom store whose client library fails with its own exception, not a StoreException. */
    @Override
    protected ThrottleStore unreachable() {
        return new ThrottleStore() {
            @Override
            public Optional<Refused> reserve(String key, Limits limits, Instant now) {
                throw new IllegalStateException("connection refused");
            }

            @Override
            public void release(String key, Instant now) {
                throw new IllegalStateException("connection refused");
            }

            @Override
            public void succeed(String key, boolean reserved, Instant now) {
                throw new IllegalStateException("connection refused");
            }

            @Override
            public Optional<Duration> fail(String key, boolean reserved, Limits limits, Instant now) {
                throw new IllegalStateException("connection refused");
            }

            @Override
            public Optional<Instant> lockedUntil(String key, Instant now) {
                throw new IllegalStateException("connection refused");
            }

            @Override
            public int purge(Instant now) {
                throw new IllegalStateException("connection refused");
            }
        };
    }
}
