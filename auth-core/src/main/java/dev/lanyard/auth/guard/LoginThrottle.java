package dev.lanyard.auth.guard;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.lanyard.auth.StoreException;
import dev.lanyard.auth.event.AuthEvent;
import dev.lanyard.auth.event.AuthEvents;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

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
 * size-bounded with frequency-aware eviction), and idle entries expire after twice the longest lockout.
 *
 * <p><b>Attempts are reserved before the credentials are checked</b> ({@link #begin}): a check that is
 * still running counts against the budget as if it had failed, and is refunded when it succeeds. Without
 * that, every one of N parallel wrong guesses would pass the lockout check before the first of them had
 * been recorded as failed (a slow hash takes long enough for that), and N guesses would be evaluated
 * against a budget of 5.
 *
 * <p><b>Password checks are capped</b> ({@link Attempt#beforeHash}), successful or not, per principal
 * (user or client) and per address: at most {@code maxConcurrentChecks} running at once and
 * {@code maxChecksPerMinute} per minute. Every check costs a slow hash in one of the hasher's few slots,
 * so without a cap one principal or address flooding with its own valid password would take the slots
 * from everyone else. A refused check is a {@link RateLimitedException} (HTTP 429 with {@code Retry-After}).
 *
 * <p><b>Several nodes.</b> The failure counts, lockouts and reservations live in a {@link ThrottleStore}:
 * by default this process's memory, so N nodes behind one load balancer would allow N times the
 * guesses. Nodes that share a database share the budget with
 * {@link dev.lanyard.auth.jdbc.JdbcThrottleStore} ({@link Builder#store}): failures split across the
 * nodes lock the account on all of them, lockouts double for all, and parallel guesses through several
 * nodes are reserved in the database, so no more of them are checked than the budget allows. The caps
 * on checks stay in each process: they protect that process's own hash slots. With a shared store,
 * a store that cannot answer refuses the attempt (fail closed, 503 {@code temporarily_unavailable} for a
 * database that is down), never lets it through unthrottled.
 *
 * <pre>{@code
 * LoginThrottle throttle = LoginThrottle.builder()
 *         .maxFailures(5).lockout(Duration.ofMinutes(1)).maxLockout(Duration.ofMinutes(15))
 *         .maxConcurrentChecks(2, 4).maxChecksPerMinute(30, 300)
 *         .build();
 * try (LoginThrottle.Attempt attempt = throttle.begin("user:alice", "203.0.113.7")) {
 *     attempt.refusal().ifPresent(r -> { throw r.exception(OAuthError.INVALID_GRANT); });
 *     attempt.beforeHash("user:alice").ifPresent(r -> { throw r.exception(OAuthError.INVALID_GRANT); });
 *     if (hasher.verify(password, hash)) attempt.succeeded(); else attempt.failed();
 * }
 * }</pre>
 */
public final class LoginThrottle {

    /** How long a caller refused for checks already in flight should wait: they finish within a hash or two. */
    private static final Duration IN_FLIGHT_WAIT = Duration.ofSeconds(1);
    private static final Duration WINDOW = Duration.ofMinutes(1);

    private final ThrottleStore.Limits accountLimits;
    private final ThrottleStore.Limits addressLimits;
    private final int maxConcurrent;
    private final int maxAddressConcurrent;
    private final int maxPerMinute;
    private final int maxAddressPerMinute;
    private final Clock clock;
    private final AuthEvents events;
    private final ThrottleStore store;
    /** The default store, for {@link #trackedCount}; null when the builder was given one. */
    private final InMemoryThrottleStore memory;
    /** The caps on checks, always in this process: they protect its own hash slots. */
    private final Cache<String, Checks> checks;

    private LoginThrottle(Builder b) {
        this.accountLimits = new ThrottleStore.Limits(b.maxFailures, b.lockout, b.maxLockout);
        this.addressLimits = new ThrottleStore.Limits(b.maxAddressFailures, b.lockout, b.maxLockout);
        this.maxConcurrent = b.maxConcurrent;
        this.maxAddressConcurrent = b.maxAddressConcurrent;
        this.maxPerMinute = b.maxPerMinute;
        this.maxAddressPerMinute = b.maxAddressPerMinute;
        this.clock = b.clock;
        this.events = b.events;
        this.memory = b.store == null ? new InMemoryThrottleStore(b.maxTracked, accountLimits.forgetAfter(), clock) : null;
        this.store = b.store == null ? memory : b.store;
        this.checks = Caffeine.newBuilder()
                .maximumSize(b.maxTracked)
                .expireAfterAccess(accountLimits.forgetAfter())
                .ticker(() -> clock.millis() * 1_000_000L)
                .executor(Runnable::run)
                .build();
    }

    /**
     * Starts a builder with the defaults of {@link #defaults()}.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A throttle with the defaults: 5 failures per account, 50 per address, 1 to 15 minutes of lockout;
     * password checks at most 2 at once and 30 a minute per principal, 4 at once and 300 a minute per address.
     *
     * @return a new throttle; share it among every door that checks passwords or secrets
     */
    public static LoginThrottle defaults() {
        return builder().build();
    }

    /**
     * A throttle that never refuses: for tests, or when an upstream proxy already rate-limits.
     *
     * @return a throttle whose attempts are never refused
     */
    public static LoginThrottle disabled() {
        return builder().maxFailures(Integer.MAX_VALUE).maxAddressFailures(Integer.MAX_VALUE)
                .maxConcurrentChecks(Integer.MAX_VALUE, Integer.MAX_VALUE)
                .maxChecksPerMinute(Integer.MAX_VALUE, Integer.MAX_VALUE).build();
    }

    /**
     * Starts an attempt: refuses it while the account or the address is locked out or its whole failure
     * budget is taken by checks still in flight, else reserves one failure of each budget until the
     * attempt ends. Call it before looking at the credentials; close the attempt in all cases
     * (try-with-resources), after {@link Attempt#succeeded()} or {@link Attempt#failed()}; an attempt
     * closed with neither (the check threw) is released without counting.
     *
     * @param account a key naming the account whose failures count, e.g. {@code "user:" + usernameKey}, or
     *                null when only the address's failures count (clients: see {@link dev.lanyard.auth.client.ClientAuthenticator})
     * @param address the client's address, or null when unknown
     * @return the attempt; check {@link Attempt#refusal()} before the credentials
     */
    public Attempt begin(String account, String address) {
        Instant now = clock.instant();
        String accountKey = account == null ? null : key("a:", account);
        String addressKey = address == null ? null : key("ip:", address);
        Attempt attempt = new Attempt();
        Optional<ThrottleStore.Refused> refused = accountKey == null ? Optional.empty()
                : guarded(() -> store.reserve(accountKey, accountLimits, now));
        if (refused.isEmpty() && addressKey != null) {
            try {
                refused = guarded(() -> store.reserve(addressKey, addressLimits, now));
            } catch (RuntimeException e) {
                releaseQuietly(accountKey, now, e);
                throw e;
            }
            if (refused.isPresent() && accountKey != null) {
                guarded(() -> {
                    store.release(accountKey, now);
                    return null;
                });
            }
        }
        if (refused.isPresent()) {
            ThrottleStore.Refused r = refused.get();
            attempt.refusal = r.lockedOut() ? new Refusal(true, positive(Duration.between(now, r.until())))
                    : new Refusal(false, IN_FLIGHT_WAIT);
            attempt.ended = true;
        } else {
            attempt.account = accountKey;
            attempt.addressKey = addressKey;
        }
        return attempt;
    }

    /**
     * How long the account or the address (whichever is longer) is still locked out; empty when the
     * attempt may proceed. Call it before checking credentials, and refuse without checking them when
     * it is present (throw a {@link LockedOutException}).
     *
     * @param account a key naming the account, e.g. {@code "user:" + usernameKey}, or null to check only
     *                the address
     * @param address the client's address, or null when unknown
     * @return how long the lockout lasts; empty when neither is locked out
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

    /**
     * Counts a failure for the account (unless null) and the address; may start a lockout of either.
     *
     * @param account the account's key, as for {@link #begin}; null to count only the address
     * @param address the client's address, or null when unknown
     */
    public void recordFailure(String account, String address) {
        Instant now = clock.instant();
        if (account != null) {
            fail(key("a:", account), false, accountLimits, now);
        }
        if (address != null) {
            fail(key("ip:", address), false, addressLimits, now);
        }
    }

    /**
     * Resets the account's counter after a successful authentication; a lockout still running keeps running.
     *
     * @param account the account's key, as for {@link #begin}; null does nothing
     */
    public void recordSuccess(String account) {
        if (account != null) {
            Instant now = clock.instant();
            guarded(() -> {
                store.succeed(key("a:", account), false, now);
                return null;
            });
        }
    }

    /**
     * Deletes what the store keeps of accounts and addresses idle for longer than twice the longest
     * lockout; {@link dev.lanyard.auth.TokenService#purge} calls it for the throttle it was built with.
     * The in-memory store expires its entries by itself; a shared store needs this now and then.
     *
     * @return how many accounts and addresses were deleted
     */
    public int purge() {
        Instant now = clock.instant();
        return guarded(() -> store.purge(now));
    }

    /**
     * How many accounts, addresses and principals this process tracks now (for tests and metrics): the
     * in-memory store's entries, when it is the store, and the caps on checks.
     *
     * @return the number of tracked keys
     */
    public long trackedCount() {
        checks.cleanUp();
        return (memory == null ? 0 : memory.size()) + checks.estimatedSize();
    }

    /**
     * Why an attempt or a check was refused, and for how long. {@link #exception} makes the exception to
     * throw, with the error the grant uses ({@code invalid_grant} for users, {@code invalid_client} for clients).
     *
     * @param lockedOut  true for a lockout after failures, false for a cap on checks (too many at once or
     *                   this minute, or the failure budget taken by checks still running)
     * @param retryAfter how long until a new attempt may be considered
     */
    public record Refusal(boolean lockedOut, Duration retryAfter) {

        /**
     * Checks that the refusal has a duration.
     *
     * @param lockedOut  true for a lockout after failures, false for a cap on checks (too many at once or
     * @param retryAfter how long until a new attempt may be considered
     * @throws NullPointerException when {@code retryAfter} is null
     */
    public Refusal {
            Objects.requireNonNull(retryAfter, "retryAfter");
        }

        /**
         * A {@link LockedOutException}, or its subclass {@link RateLimitedException} for a cap.
         *
         * @param error the error the grant uses
         * @return the exception to throw, carrying {@link #retryAfter()}
         */
        public LockedOutException exception(dev.lanyard.auth.OAuthError error) {
            return lockedOut ? new LockedOutException(error, retryAfter) : new RateLimitedException(error, retryAfter);
        }
    }

    /**
     * One authentication attempt, from {@link #begin} to {@link #close}. Not thread-safe: it belongs to
     * the request that began it.
     */
    public final class Attempt implements AutoCloseable {
        private Refusal refusal;
        private boolean ended;
        /** The keys whose budgets this attempt holds a place in; null for none. */
        private String account;
        private String addressKey;
        private Checks checkPrincipal;
        private Checks checkAddress;

        private Attempt() {
        }

        /**
         * Present when the attempt was refused: nothing was reserved, and the credentials must not be checked.
         *
         * @return the refusal; empty when the check may go ahead
         */
        public Optional<Refusal> refusal() {
            return Optional.ofNullable(refusal);
        }

        /**
         * Takes a place among the password checks of the principal and of the attempt's address, just
         * before a slow hash; the place is given back when the attempt closes. Refused when either already
         * has {@code maxConcurrentChecks} running or has had {@code maxChecksPerMinute} this minute.
         * These caps are kept in this process, whatever the store: they protect its own hash slots.
         *
         * @param principal a key naming the user or client whose password is checked
         * @return the refusal, or empty when the hash may run
         */
        public Optional<Refusal> beforeHash(String principal) {
            Objects.requireNonNull(principal, "principal");
            if (ended || checkPrincipal != null) {
                throw new IllegalStateException("beforeHash(..) is called once, on an attempt that was not refused or ended");
            }
            Instant now = clock.instant();
            Checks p = checks.get(key("c:", principal), k -> new Checks());
            Refusal r = p.start(maxConcurrent, maxPerMinute, now);
            if (r == null && addressKey != null) {
                Checks a = checks.get(addressKey, k -> new Checks());
                r = a.start(maxAddressConcurrent, maxAddressPerMinute, now);
                if (r == null) {
                    checkAddress = a;
                } else {
                    p.end();
                }
            }
            if (r == null) {
                checkPrincipal = p;
            }
            return Optional.ofNullable(r);
        }

        /** The credentials matched: the reservation is refunded and the account's failures are forgotten. */
        public void succeeded() {
            end();
            Instant now = clock.instant();
            guarded(() -> {
                if (account != null) {
                    store.succeed(account, true, now);
                }
                if (addressKey != null) {
                    store.release(addressKey, now);
                }
                return null;
            });
        }

        /** The credentials did not match: the reservation becomes a failure, which may start a lockout. */
        public void failed() {
            end();
            Instant now = clock.instant();
            if (account != null) {
                fail(account, true, accountLimits, now);
            }
            if (addressKey != null) {
                fail(addressKey, true, addressLimits, now);
            }
        }

        /** Gives back what is still held: the check's places, and a reservation that neither succeeded nor failed. */
        @Override
        public void close() {
            if (checkPrincipal != null) {
                checkPrincipal.end();
                checkPrincipal = null;
            }
            if (checkAddress != null) {
                checkAddress.end();
                checkAddress = null;
            }
            if (!ended) {
                ended = true;
                Instant now = clock.instant();
                guarded(() -> {
                    if (account != null) {
                        store.release(account, now);
                    }
                    if (addressKey != null) {
                        store.release(addressKey, now);
                    }
                    return null;
                });
            }
        }

        private void end() {
            if (ended) {
                throw new IllegalStateException("this attempt was refused or has already ended");
            }
            ended = true;
        }
    }

    private Optional<Duration> remaining(String key, Instant now) {
        return guarded(() -> store.lockedUntil(key, now)).filter(until -> until.isAfter(now))
                .map(until -> Duration.between(now, until));
    }

    private void fail(String key, boolean reserved, ThrottleStore.Limits limits, Instant now) {
        guarded(() -> store.fail(key, reserved, limits, now))
                .ifPresent(d -> events.publish(new AuthEvent.LockedOut(now, key, limits.maxFailures(), d)));
    }

    private void releaseQuietly(String key, Instant now, RuntimeException failure) {
        if (key == null) {
            return;
        }
        try {
            store.release(key, now);
        } catch (RuntimeException e) {
            failure.addSuppressed(e); // the place lapses in a shared store; the in-memory one does not throw
        }
    }

    /**
     * Runs a step of the store. A store that fails refuses the attempt: its exception goes up, and one
     * that is no {@link StoreException} (a custom store's client library) becomes a transient one, answered
     * 503 {@code temporarily_unavailable} rather than letting the guess through or answering 500.
     */
    private static <T> T guarded(Supplier<T> step) {
        try {
            return step.get();
        } catch (StoreException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new StoreException("the login throttle's store failed (" + e.getClass().getName() + ")", e, true);
        }
    }

    private static Duration positive(Duration d) {
        return d.isNegative() || d.isZero() ? Duration.ofMillis(1) : d;
    }

    /** Long keys (an attacker's 60 KB username) are kept as a digest, so memory is bounded in bytes too. */
    private static String key(String prefix, String value) {
        Objects.requireNonNull(value, "key");
        return prefix + (value.length() <= 128 ? value : dev.lanyard.auth.internal.Secrets.digest(value));
    }

    /** The password checks of one principal or address in this process; every access holds its monitor. */
    private static final class Checks {
        /** Password checks running now, and those begun in the current one-minute window. */
        int checking;
        Instant windowStart;
        int windowChecks;

        synchronized Refusal start(int concurrent, int perMinute, Instant now) {
            if (windowStart == null || !now.isBefore(windowStart.plus(WINDOW))) {
                windowStart = now;
                windowChecks = 0;
            }
            if (checking >= concurrent) {
                return new Refusal(false, IN_FLIGHT_WAIT);
            }
            if (windowChecks >= perMinute) {
                return new Refusal(false, Duration.between(now, windowStart.plus(WINDOW)));
            }
            checking++;
            windowChecks++;
            return null;
        }

        synchronized void end() {
            checking = Math.max(0, checking - 1);
        }
    }

    /** Builds a {@link LoginThrottle}; every setting has a default. */
    public static final class Builder {
        private int maxFailures = 5;
        private int maxAddressFailures = 50;
        private int maxConcurrent = 2;
        private int maxAddressConcurrent = 4;
        private int maxPerMinute = 30;
        private int maxAddressPerMinute = 300;
        private Duration lockout = Duration.ofMinutes(1);
        private Duration maxLockout = Duration.ofMinutes(15);
        private long maxTracked = 100_000;
        private Clock clock = Clock.systemUTC();
        private AuthEvents events = AuthEvents.none();
        private ThrottleStore store;

        private Builder() {
        }

        /**
         * Failures in a row before an account is locked out; default 5.
         *
         * @param n at least 1
         * @return this builder
         * @throws IllegalArgumentException when it is under 1
         */
        public Builder maxFailures(int n) {
            this.maxFailures = atLeastOne(n, "maxFailures");
            return this;
        }

        /**
         * Failures from one address before it is locked out; default 50.
         *
         * @param n at least 1
         * @return this builder
         * @throws IllegalArgumentException when it is under 1
         */
        public Builder maxAddressFailures(int n) {
            this.maxAddressFailures = atLeastOne(n, "maxAddressFailures");
            return this;
        }

        /**
         * Password checks (successful or not) that may run at once for one principal and for one address;
         * default 2 and 4. One over is refused at once with {@link RateLimitedException}, without a hash.
         * Keep the address's below the hasher's slots ({@code PasswordHasher.Builder#maxConcurrent}) so
         * that one address cannot hold them all.
         *
         * <pre>{@code
         * LoginThrottle.builder().maxConcurrentChecks(1, 2).build();
         * }</pre>
         *
         * @param perPrincipal checks running at once for one principal, at least 1
         * @param perAddress   checks running at once from one address, at least 1
         * @return this builder
         * @throws IllegalArgumentException when either is under 1
         */
        public Builder maxConcurrentChecks(int perPrincipal, int perAddress) {
            this.maxConcurrent = atLeastOne(perPrincipal, "maxConcurrentChecks perPrincipal");
            this.maxAddressConcurrent = atLeastOne(perAddress, "maxConcurrentChecks perAddress");
            return this;
        }

        /**
         * Password checks (successful or not) per minute for one principal and for one address; default 30
         * and 300. The minute starts at the first check; one over is refused with
         * {@link RateLimitedException} until it ends.
         *
         * @param perPrincipal checks per minute for one principal, at least 1
         * @param perAddress   checks per minute from one address, at least 1
         * @return this builder
         * @throws IllegalArgumentException when either is under 1
         */
        public Builder maxChecksPerMinute(int perPrincipal, int perAddress) {
            this.maxPerMinute = atLeastOne(perPrincipal, "maxChecksPerMinute perPrincipal");
            this.maxAddressPerMinute = atLeastOne(perAddress, "maxChecksPerMinute perAddress");
            return this;
        }

        /**
         * The first lockout's length; default 1 minute; doubled for each further lockout.
         *
         * @param d the first lockout, positive
         * @return this builder
         * @throws IllegalArgumentException when it is null, zero or negative
         */
        public Builder lockout(Duration d) {
            this.lockout = positive(d, "lockout");
            return this;
        }

        /**
         * The longest lockout; default 15 minutes.
         *
         * @param d the cap, positive and not shorter than {@link #lockout}
         * @return this builder
         * @throws IllegalArgumentException when it is null, zero or negative
         */
        public Builder maxLockout(Duration d) {
            this.maxLockout = positive(d, "maxLockout");
            return this;
        }

        /**
         * How many accounts and addresses are tracked at most; default 100,000.
         *
         * @param n the bound, at least 100
         * @return this builder
         * @throws IllegalArgumentException when it is under 100
         */
        public Builder maxTracked(long n) {
            if (n < 100) {
                throw new IllegalArgumentException("maxTracked must be at least 100");
            }
            this.maxTracked = n;
            return this;
        }

        /**
         * Where the failure counts, lockouts and reservations are kept; default this process's memory.
         * Nodes that share a database share the budget through
         * {@link dev.lanyard.auth.jdbc.JdbcThrottleStore}; {@link #maxTracked} then bounds only the caps on
         * checks, which stay in each process.
         *
         * <pre>{@code
         * LoginThrottle.builder().store(new JdbcThrottleStore(dataSource)).events(events).build();
         * }</pre>
         *
         * @param store the store, shared by every node that serves the same accounts
         * @return this builder
         * @throws IllegalStateException when a store was set already
         */
        public Builder store(ThrottleStore store) {
            if (this.store != null) {
                throw new IllegalStateException("store(..) is already set");
            }
            this.store = Objects.requireNonNull(store, "store");
            return this;
        }

        /**
         * The clock of the windows and lockouts; default the system UTC clock.
         *
         * @param clock the clock to read; a fixed one in tests
         * @return this builder
         */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * Where lockouts are reported.
         *
         * @param events the dispatcher to the listeners; default nowhere
         * @return this builder
         */
        public Builder events(AuthEvents events) {
            this.events = Objects.requireNonNull(events, "events");
            return this;
        }

        /**
         * Checks the settings together and builds the throttle.
         *
         * @return the thread-safe throttle
         * @throws IllegalStateException when {@code maxLockout} is shorter than {@code lockout}
         */
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
