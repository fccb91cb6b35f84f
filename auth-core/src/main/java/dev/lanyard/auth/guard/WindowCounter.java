package dev.lanyard.auth.guard;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Counts events per key in fixed windows of time, each starting at the key's first event: what a rate
 * limit such as open client registration's (auth-servlet's {@code ClientRegistrationEndpoint}) needs.
 * Its default there is this process's memory; nodes that share a database share the limit through
 * {@link dev.lanyard.auth.jdbc.JdbcThrottleStore}.
 *
 * <pre>{@code
 * WindowCounter windows = new JdbcThrottleStore(dataSource);
 * Optional<Duration> wait = windows.tryAcquire("registration:" + address, 10, Duration.ofHours(1), clock.instant());
 * if (wait.isPresent()) {
 *     // refuse, with Retry-After: wait
 * }
 * }</pre>
 */
@FunctionalInterface
public interface WindowCounter {

    /**
     * Counts one event for the key when its window has room, in one atomic step: of two callers that race
     * for the last place, one gets it.
     *
     * @param key    what is counted, e.g. an address; at most 160 characters
     * @param max    the events allowed per window, at least 1
     * @param window the length of a window, positive
     * @param now    the current time
     * @return empty when the event was counted; otherwise how long until the key's window ends
     */
    Optional<Duration> tryAcquire(String key, int max, Duration window, Instant now);
}
