package dev.lanyard.auth.guard;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The default {@link ThrottleStore}: this process's memory, right for one node. At most {@code maxTracked}
 * keys (Caffeine, size-bounded with frequency-aware eviction); a key idle for the longest
 * {@link Limits#forgetAfter()} it was used with (at least {@code forgetAfter}) expires.
 * Reservations never lapse: they die with the process that holds them.
 */
final class InMemoryThrottleStore implements ThrottleStore {

    private final Cache<String, Counter> counters;
    private final long forgetNanos;

    InMemoryThrottleStore(long maxTracked, Duration forgetAfter, Clock clock) {
        this.forgetNanos = forgetAfter.toNanos();
        this.counters = Caffeine.newBuilder()
                .maximumSize(maxTracked)
                .expireAfter(new Expiry<String, Counter>() {
                    @Override
                    public long expireAfterCreate(String key, Counter c, long now) {
                        return c.keepNanos;
                    }

                    @Override
                    public long expireAfterUpdate(String key, Counter c, long now, long remaining) {
                        return c.keepNanos;
                    }

                    @Override
                    public long expireAfterRead(String key, Counter c, long now, long remaining) {
                        return c.keepNanos;
                    }
                })
                .ticker(() -> clock.millis() * 1_000_000L)
                .executor(Runnable::run)
                .build();
    }

    @Override
    public Optional<Refused> reserve(String key, Limits limits, Instant now) {
        return Optional.ofNullable(counter(key, limits).reserve(limits.maxFailures(), now));
    }

    @Override
    public void release(String key, Instant now) {
        Counter c = counters.getIfPresent(key);
        if (c != null) {
            c.release();
        }
    }

    @Override
    public void succeed(String key, boolean reserved, Instant now) {
        // Reset in place rather than dropping the entry: other attempts still running hold places on it.
        Counter c = reserved ? counter(key, null) : counters.getIfPresent(key);
        if (c != null) {
            c.succeed(reserved);
        }
    }

    @Override
    public Optional<Duration> fail(String key, boolean reserved, Limits limits, Instant now) {
        return Optional.ofNullable(counter(key, limits).fail(reserved, limits, now));
    }

    @Override
    public Optional<Instant> lockedUntil(String key, Instant now) {
        Counter c = counters.getIfPresent(key);
        return c == null ? Optional.empty() : c.lockedUntil(now);
    }

    @Override
    public int purge(Instant now) {
        counters.cleanUp();
        return 0;
    }

    /** How many keys are held now. */
    long size() {
        counters.cleanUp();
        return counters.estimatedSize();
    }

    /** The key's counter, kept at least as long as {@code limits} ask from now on (null: no change). */
    private Counter counter(String key, Limits limits) {
        long keep = limits == null ? forgetNanos : Math.max(forgetNanos, limits.forgetAfter().toNanos());
        Counter c = counters.get(key, k -> new Counter(keep));
        if (keep > c.keepNanos) {
            c.keepNanos = keep;
            counters.put(key, c); // the expiry is read again on an update
        }
        return c;
    }

    /** The state of one key; every access holds its monitor. */
    private static final class Counter {
        /** How long the key is kept after its last access. */
        volatile long keepNanos;
        int failures;
        int lockouts;
        Instant lockedUntil;
        /** Attempts begun and not ended: they count against the failure budget until they end. */
        int reserved;

        Counter(long keepNanos) {
            this.keepNanos = keepNanos;
        }

        synchronized Refused reserve(int threshold, Instant now) {
            if (lockedUntil != null && lockedUntil.isAfter(now)) {
                return new Refused(true, lockedUntil);
            }
            if (failures + reserved >= threshold) {
                return new Refused(false, now);
            }
            reserved++;
            return null;
        }

        synchronized void release() {
            reserved = Math.max(0, reserved - 1);
        }

        synchronized void succeed(boolean wasReserved) {
            if (wasReserved) {
                release();
            }
            failures = 0;
            lockouts = 0;
        }

        /** Counts a failure (ending its reservation, if any); the lockout it started, or null. */
        synchronized Duration fail(boolean wasReserved, Limits limits, Instant now) {
            if (wasReserved) {
                release();
            }
            failures++;
            if (failures < limits.maxFailures()) {
                return null;
            }
            Duration d = limits.lockoutAfter(lockouts);
            lockouts++;
            failures = 0;
            lockedUntil = now.plus(d);
            return d;
        }

        synchronized Optional<Instant> lockedUntil(Instant now) {
            return lockedUntil != null && lockedUntil.isAfter(now) ? Optional.of(lockedUntil) : Optional.empty();
        }
    }
}
