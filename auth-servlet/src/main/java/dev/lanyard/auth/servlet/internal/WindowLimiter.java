package dev.lanyard.auth.servlet.internal;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * At most {@code max} events per key in each fixed window of time, which starts at a key's first event.
 * Memory is bounded: at most {@code maxKeys} keys are tracked (Caffeine, size-bounded); a key evicted
 * under a flood of others starts afresh, which is why callers also keep an overall limit.
 */
public final class WindowLimiter {

    private final int max;
    private final long windowMillis;
    private final Clock clock;
    private final Cache<String, Window> windows;

    private record Window(long startMillis, int count) {
    }

    public WindowLimiter(int max, Duration window, long maxKeys, Clock clock) {
        if (max < 1) {
            throw new IllegalArgumentException("max must be at least 1");
        }
        if (window == null || window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("window must be positive");
        }
        this.max = max;
        this.windowMillis = window.toMillis();
        this.clock = Objects.requireNonNull(clock, "clock");
        this.windows = Caffeine.newBuilder()
                .maximumSize(maxKeys)
                .expireAfterWrite(window)
                .ticker(() -> clock.millis() * 1_000_000L)
                .executor(Runnable::run)
                .build();
    }

    /**
     * Counts an event for the key when the key has room left in its window.
     *
     * @return empty when the event was counted; otherwise how long until the key's window ends
     */
    public Optional<Duration> tryAcquire(String key) {
        long now = clock.millis();
        Duration[] wait = {null};
        windows.asMap().compute(key, (k, w) -> {
            if (w == null || now - w.startMillis() >= windowMillis) {
                return new Window(now, 1);
            }
            if (w.count() >= max) {
                wait[0] = Duration.ofMillis(w.startMillis() + windowMillis - now);
                return w;
            }
            return new Window(w.startMillis(), w.count() + 1);
        });
        return Optional.ofNullable(wait[0]);
    }

    /** How many keys are tracked now (for tests). */
    public long trackedKeys() {
        windows.cleanUp();
        return windows.estimatedSize();
    }
}
