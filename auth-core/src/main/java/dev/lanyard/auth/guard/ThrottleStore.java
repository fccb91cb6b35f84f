package dev.lanyard.auth.guard;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Where a {@link LoginThrottle} keeps its failure counts, lockouts and reservations, per key (an account
 * or an address). The default keeps them in this process's memory, which is right for one node; nodes
 * that share their stores (one database) must share this too, or N nodes allow N times the guesses:
 * {@link dev.lanyard.auth.jdbc.JdbcThrottleStore} keeps them in the database.
 *
 * <pre>{@code
 * LoginThrottle throttle = LoginThrottle.builder()
 *         .store(new JdbcThrottleStore(dataSource))   // every node over this database shares the budget
 *         .build();
 * }</pre>
 *
 * <p>Each method is one atomic step on one key, whatever other threads or nodes do meanwhile: two
 * {@link #reserve} calls that race for the last place of a budget must not both get it. A store that
 * cannot answer throws; the throttle then refuses the attempt (a transient
 * {@link dev.lanyard.auth.StoreException} is answered 503 {@code temporarily_unavailable}). A store
 * shared by several processes lets a reservation lapse after a while, since the process that took it
 * may die before giving it back. Keys are at most 160 characters (the throttle digests longer values).
 */
public interface ThrottleStore {

    /**
     * Takes one place of the key's failure budget for an attempt about to be checked, unless the key is
     * locked out or its failures and the places already taken fill the budget.
     *
     * @param key    the account's or address's key
     * @param limits the budget and lockouts of this key
     * @param now    the current time
     * @return empty when a place was taken (give it back with {@link #release}, {@link #succeed} or
     *         {@link #fail}); else why not
     */
    Optional<Refused> reserve(String key, Limits limits, Instant now);

    /**
     * Gives back a place taken by {@link #reserve}, without counting anything: the attempt ended with
     * no verdict, or it succeeded and the key is an address, whose failures a success does not forget.
     *
     * @param key the key whose place is given back
     * @param now the current time
     */
    void release(String key, Instant now);

    /**
     * Forgets the key's failures and lockouts after a successful authentication (a lockout still
     * running keeps running), giving back the place taken by {@link #reserve} when {@code reserved}.
     *
     * @param key      the account's key
     * @param reserved whether the attempt holds a place to give back
     * @param now      the current time
     */
    void succeed(String key, boolean reserved, Instant now);

    /**
     * Counts a failure, which turns a place taken by {@link #reserve} into the failure when
     * {@code reserved}; the {@code maxFailures}-th failure in a row locks the key out for
     * {@link Limits#lockoutAfter} its earlier lockouts and starts the count again.
     *
     * @param key      the account's or address's key
     * @param reserved whether the attempt holds a place that this failure ends
     * @param limits   the budget and lockouts of this key
     * @param now      the current time
     * @return the lockout this failure started; empty when it started none
     */
    Optional<Duration> fail(String key, boolean reserved, Limits limits, Instant now);

    /**
     * When the key's lockout ends.
     *
     * @param key the account's or address's key
     * @param now the current time
     * @return the end of the running lockout; empty when the key is not locked out
     */
    Optional<Instant> lockedUntil(String key, Instant now);

    /**
     * Deletes the state of keys untouched for longer than {@link Limits#forgetAfter()}. A store that
     * expires entries by itself (the in-memory one) does nothing.
     *
     * @param now the current time
     * @return how many keys were deleted
     */
    int purge(Instant now);

    /**
     * The failure budget and lockouts of a key, passed with every call so that a store holds no settings.
     *
     * @param maxFailures failures in a row before a lockout, at least 1
     * @param lockout     the first lockout, positive
     * @param maxLockout  the longest lockout, not shorter than {@code lockout}
     */
    record Limits(int maxFailures, Duration lockout, Duration maxLockout) {

        /**
         * Checks the limits.
         *
         * @param maxFailures failures in a row before a lockout, at least 1
         * @param lockout     the first lockout, positive
         * @param maxLockout  the longest lockout, not shorter than {@code lockout}
         * @throws IllegalArgumentException when a value is out of range
         */
        public Limits {
            Objects.requireNonNull(lockout, "lockout");
            Objects.requireNonNull(maxLockout, "maxLockout");
            if (maxFailures < 1 || lockout.isNegative() || lockout.isZero() || maxLockout.compareTo(lockout) < 0) {
                throw new IllegalArgumentException("limits need maxFailures >= 1 and 0 < lockout <= maxLockout");
            }
        }

        /**
         * The length of the next lockout: {@code lockout} doubled for each earlier one, at most {@code maxLockout}.
         *
         * @param earlierLockouts how often the key was locked out since its failures were last forgotten
         * @return the next lockout's length
         */
        public Duration lockoutAfter(int earlierLockouts) {
            Duration d = lockout.multipliedBy(1L << Math.min(Math.max(earlierLockouts, 0), 20));
            return d.compareTo(maxLockout) > 0 ? maxLockout : d;
        }

        /**
         * How long a key's state is kept after its last change: twice the longest lockout.
         *
         * @return the idle time after which a key starts afresh
         */
        public Duration forgetAfter() {
            return maxLockout.multipliedBy(2);
        }
    }

    /**
     * Why {@link #reserve} took no place.
     *
     * @param lockedOut true while the key is locked out; false when its budget is filled by failures and
     *                  by attempts still being checked
     * @param until     when the lockout ends; for a filled budget, the time of the refusal
     */
    record Refused(boolean lockedOut, Instant until) {

        /**
         * Checks the refusal.
         *
         * @param lockedOut true while the key is locked out
         * @param until     when the lockout ends
         * @throws NullPointerException when {@code until} is null
         */
        public Refused {
            Objects.requireNonNull(until, "until");
        }
    }
}
