package dev.lanyard.auth.guard;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.lanyard.auth.event.AuthEvent;
import dev.lanyard.auth.event.AuthEvents;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Slows down password and client-secret guessing, per account and per source address. After
 * {@code maxFailures} failures in a row an account is locked out for {@code lockout}; each further
 * lockout of the same account doubles it, up to {@code maxLockout}. Addresses get the same treatment
 * with their own, higher, threshold (many users may share one NAT address). A success resets the
 * account's counter (not the address's, so an attacker with one valid account cannot reset the
 * address by logging into it).
 *
 * <p>Accounts are counted whether they exist or not, so lockouts do not reveal which usernames are
 * real. Memory is bounded: at most {@code maxTracked} accounts and addresses are tracked (Caffeine,
 * size-bounded with frequency-aware eviction), and idle entries expire after the longest lockout.
 *
 * <pre>{@code
 * LoginThrottle throttle = LoginThrottle.builder()
 *         .maxFailures(5).lockout(Duration.ofMinutes(1)).maxLockout(Duration.ofMinutes(15))
 *         .build();
 * throttle.lockedFor("user:alice", "203.0.113.7")
 *         .ifPresent(wait -> { throw new LockedOutException(OAuthError.INVALID_GRANT, wait); });
 * if (!passwordOk) throttle.recordFailure("user:alice", "203.0.113.7");
 * else throttle.recordSuccess("user:alice");
 * }</pre>
 */
public final class LoginThrottle {

    private final int maxFailures;
    private final int maxAddressFailures;
    private final Duration lockout;
    private final Duration maxLockout;
    private final Clock clock;
    private final AuthEvents events;
    private final Cache<String, Counter> counters;

    private LoginThrottle(Builder b) {
        this.maxFailures = b.maxFailures;
        this.maxAddressFailures = b.maxAddressFailures;
        this.lockout = b.lockout;
        this.maxLockout = b.maxLockout;
        this.clock = b.clock;
        this.events = b.events;
        this.counters = Caffeine.newBuilder()
                .maximumSize(b.maxTracked)
                .expireAfterAccess(maxLockout.multipliedBy(2))
                .ticker(() -> clock.millis() * 1_000_000L)
                .executor(Runnable::run)
                .build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A throttle with the defaults: 5 failures per account, 50 per address, 1 to 15 minutes of lockout. */
    public static LoginThrottle defaults() {
        return builder().build();
    }

    /** A throttle that never refuses: for tests, or when an upstream proxy already rate-limits. */
    public static LoginThrottle disabled() {
        return builder().maxFailures(Integer.MAX_VALUE).maxAddressFailures(Integer.MAX_VALUE).build();
    }

    /**
     * How long the account or the address (whichever is longer) is still locked out; empty when the
     * attempt may proceed. Call it before checking credentials, and refuse without checking them when
     * it is present (throw a {@link LockedOutException}).
     *
     * @param account a key naming the account, e.g. {@code "user:" + usernameKey}, or null to check only
     *                the address
     * @param address the client's address, or null when unknown
     */
    public Optional<Duration> lockedFor(String account, String address) {
        Instant now = clock.instant();
        Optional<Duration> wait = account == null ? Optional.empty() : remaining(key("a:", account), now);
        if (address != null) {
            Optional<Duration> addressWait = remaining(key("ip:", address), now);
            if (addressWait.isPresent() && (wait.isEmpty() || addressWait.get().compareTo(wait.get()) > 0)) {
                wait = addressWait;
            }
        }
        return wait;
    }

    /** Counts a failure for the account (unless null) and the address; may start a lockout of either. */
    public void recordFailure(String account, String address) {
        if (account != null) {
            fail(key("a:", account), maxFailures);
        }
        if (address != null) {
            fail(key("ip:", address), maxAddressFailures);
        }
    }

    /** Resets the account's counter after a successful authentication. */
    public void recordSuccess(String account) {
        if (account != null) {
            counters.invalidate(key("a:", account));
        }
    }

    /** How many accounts and addresses are tracked now (for tests and metrics). */
    public long trackedCount() {
        counters.cleanUp();
        return counters.estimatedSize();
    }

    private Optional<Duration> remaining(String key, Instant now) {
        Counter c = counters.getIfPresent(key);
        if (c == null) {
            return Optional.empty();
        }
        synchronized (c) {
            return c.lockedUntil != null && c.lockedUntil.isAfter(now)
                    ? Optional.of(Duration.between(now, c.lockedUntil)) : Optional.empty();
        }
    }

    private void fail(String key, int threshold) {
        Counter c = counters.get(key, k -> new Counter());
        Instant now = clock.instant();
        AuthEvent.LockedOut locked = null;
        synchronized (c) {
            c.failures++;
            if (c.failures >= threshold) {
                Duration d = lockout.multipliedBy(1L << Math.min(c.lockouts, 20));
                if (d.compareTo(maxLockout) > 0) {
                    d = maxLockout;
                }
                c.lockouts++;
                c.failures = 0;
                c.lockedUntil = now.plus(d);
                locked = new AuthEvent.LockedOut(now, key, threshold, d);
            }
        }
        if (locked != null) {
            events.publish(locked);
        }
    }

    /** Long keys (an attacker's 60 KB username) are kept as a digest, so memory is bounded in bytes too. */
    private static String key(String prefix, String value) {
        Objects.requireNonNull(value, "key");
        return prefix + (value.length() <= 128 ? value : dev.lanyard.auth.internal.Secrets.digest(value));
    }

    private static final class Counter {
        int failures;
        int lockouts;
        Instant lockedUntil;
    }

    /** Builds a {@link LoginThrottle}; every setting has a default. */
    public static final class Builder {
        private int maxFailures = 5;
        private int maxAddressFailures = 50;
        private Duration lockout = Duration.ofMinutes(1);
        private Duration maxLockout = Duration.ofMinutes(15);
        private long maxTracked = 100_000;
        private Clock clock = Clock.systemUTC();
        private AuthEvents events = AuthEvents.none();

        private Builder() {
        }

        /** Failures in a row before an account is locked out; default 5. */
        public Builder maxFailures(int n) {
            this.maxFailures = atLeastOne(n, "maxFailures");
            return this;
        }

        /** Failures from one address before it is locked out; default 50. */
        public Builder maxAddressFailures(int n) {
            this.maxAddressFailures = atLeastOne(n, "maxAddressFailures");
            return this;
        }

        /** The first lockout's length; default 1 minute; doubled for each further lockout. */
        public Builder lockout(Duration d) {
            this.lockout = positive(d, "lockout");
            return this;
        }

        /** The longest lockout; default 15 minutes. */
        public Builder maxLockout(Duration d) {
            this.maxLockout = positive(d, "maxLockout");
            return this;
        }

        /** How many accounts and addresses are tracked at most; default 100,000. */
        public Builder maxTracked(long n) {
            if (n < 100) {
                throw new IllegalArgumentException("maxTracked must be at least 100");
            }
            this.maxTracked = n;
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** Where lockouts are reported. */
        public Builder events(AuthEvents events) {
            this.events = Objects.requireNonNull(events, "events");
            return this;
        }

        public LoginThrottle build() {
            if (maxLockout.compareTo(lockout) < 0) {
                throw new IllegalStateException("maxLockout (" + maxLockout + ") is shorter than lockout (" + lockout + ")");
            }
            return new LoginThrottle(this);
        }

        private static int atLeastOne(int n, String name) {
            if (n < 1) {
                throw new IllegalArgumentException(name + " must be at least 1");
            }
            return n;
        }

        private static Duration positive(Duration d, String name) {
            if (d == null || d.isZero() || d.isNegative()) {
                throw new IllegalArgumentException(name + " must be positive");
            }
            return d;
        }
    }
}
