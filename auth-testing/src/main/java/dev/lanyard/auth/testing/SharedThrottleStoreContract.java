package dev.lanyard.auth.testing;

import dev.lanyard.auth.guard.ThrottleStore;
import dev.lanyard.auth.guard.WindowCounter;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a {@link ThrottleStore} shared by several processes owes beyond {@link ThrottleStoreContract}: a
 * place that a process died holding lapses, and the store counts the rate-limit windows of open
 * registration ({@link WindowCounter}) on the same backing.
 *
 * <pre>{@code
 * class RedisThrottleStoreTest extends SharedThrottleStoreContract {
 *     // newStore(), anotherNode(), unreachable() as for ThrottleStoreContract, and:
 *     protected WindowCounter windows() { return (RedisThrottleStore) anotherNode(); }
 *     protected Duration reservationLapse() { return RedisThrottleStore.RESERVATION_LAPSE; }
 * }
 * }</pre>
 */
public abstract class SharedThrottleStoreContract extends ThrottleStoreContract {

    /**
     * The window counter over the same backing as the last {@link #newStore()}.
     *
     * @return the window counter
     */
    protected abstract WindowCounter windows();

    /**
     * How long a place lasts that is never given back (its process died holding it).
     *
     * @return the lapse
     */
    protected abstract Duration reservationLapse();

    @Test
    void aPlaceNeverGivenBackLapsesInASharedStore() {
        Duration lapse = reservationLapse();
        for (int i = 0; i < 3; i++) {
            assertThat(store.reserve("a:alice", LIMITS, now())).isEmpty(); // then the node dies
        }
        assertThat(store.reserve("a:alice", LIMITS, now())).isPresent();
        clock.advance(lapse.minusMillis(1));
        assertThat(store.reserve("a:alice", LIMITS, now())).isPresent();

        clock.advance(Duration.ofMillis(1));

        assertThat(store.reserve("a:alice", LIMITS, now())).isEmpty();
    }

    // Rate-limit windows

    @Test
    void aWindowCountsUpToItsMaximumThenSaysHowLongUntilItEnds() {
        WindowCounter windows = windows();
        Duration hour = Duration.ofHours(1);
        for (int i = 0; i < 3; i++) {
            assertThat(windows.tryAcquire("registration:203.0.113.7", 3, hour, now())).isEmpty();
            clock.advance(Duration.ofMinutes(10));
        }

        assertThat(windows.tryAcquire("registration:203.0.113.7", 3, hour, now())).hasValue(Duration.ofMinutes(30));
        assertThat(windows.tryAcquire("registration:198.51.100.1", 3, hour, now())).as("keys apart").isEmpty();
        clock.advance(Duration.ofMinutes(30));
        assertThat(windows.tryAcquire("registration:203.0.113.7", 3, hour, now())).as("a new window").isEmpty();
        store.purge(now());
        assertThat(windows.tryAcquire("registration:203.0.113.7", 3, hour, now())).isEmpty();
    }

    @Test
    void ofManyConcurrentEventsOnlyTheWindowsMaximumIsCounted() throws Exception {
        WindowCounter windows = windows();

        List<Boolean> counted = Race.run(12, i -> windows.tryAcquire("registration:all", 4, Duration.ofHours(1), now())
                .isEmpty());

        assertThat(counted.stream().filter(c -> c)).hasSize(4);
    }
}
