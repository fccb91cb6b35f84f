package dev.lanyard.auth.testing;

import dev.lanyard.auth.StoreException;
import dev.lanyard.auth.event.AuthEvent;
import dev.lanyard.auth.event.AuthEventListener;
import dev.lanyard.auth.event.AuthEvents;
import dev.lanyard.auth.guard.LoginThrottle;
import dev.lanyard.auth.guard.ThrottleStore;
import dev.lanyard.auth.guard.ThrottleStore.Limits;
import dev.lanyard.auth.guard.ThrottleStore.Refused;
import dev.lanyard.auth.guard.WindowCounter;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The behaviour every {@link ThrottleStore} owes the {@link LoginThrottle}: two throttles over it (two
 * "nodes", or two callers of one process) share one budget. A store shared by processes also owes
 * {@link SharedThrottleStoreContract}. Extend it with a store of your own:
 *
 * <pre>{@code
 * class RedisThrottleStoreTest extends ThrottleStoreContract {
 *     protected ThrottleStore newStore() { return new RedisThrottleStore(emptyTestRedis()); }
 *     protected ThrottleStore anotherNode() { return new RedisThrottleStore(sameTestRedis()); }
 *     protected ThrottleStore unreachable() { return new RedisThrottleStore(stoppedRedis()); }
 * }
 * }</pre>
 */
public abstract class ThrottleStoreContract {

    private static final int BUDGET = 5;
    static final Limits LIMITS = new Limits(3, Duration.ofMinutes(1), Duration.ofMinutes(5));

    /** The clock the store under test runs on; advance it to end a window or a lockout without sleeping. */
    protected final MutableClock clock = MutableClock.at("2026-12-03T10:00:00Z");
    private final Queue<AuthEvent.LockedOut> lockouts = new ConcurrentLinkedQueue<>();
    ThrottleStore store;

    /**
     * An empty store: no key has any state.
     *
     * @return the store under test
     */
    protected abstract ThrottleStore newStore();

    /**
     * A second store over the state of the last {@link #newStore()}, as another node holds it (for a
     * store of this process's memory: that same store).
     *
     * @return the other node's store
     */
    protected abstract ThrottleStore anotherNode();

    /**
     * A store over the same kind of backing that cannot be reached (a database that is down).
     *
     * @return a store every call of which fails
     */
    protected abstract ThrottleStore unreachable();

    @BeforeEach
    void create() {
        store = newStore();
    }

    Instant now() {
        return clock.instant();
    }

    @Test
    void placesAreTakenUpToTheBudgetThenRefusedWithoutALockout() {
        for (int i = 0; i < 3; i++) {
            assertThat(store.reserve("a:alice", LIMITS, now())).isEmpty();
        }

        assertThat(store.reserve("a:alice", LIMITS, now())).hasValue(new Refused(false, now()));
        assertThat(store.lockedUntil("a:alice", now())).isEmpty();
        assertThat(store.reserve("a:bob", LIMITS, now())).as("keys apart").isEmpty();
        store.release("a:alice", now());
        assertThat(store.reserve("a:alice", LIMITS, now())).isEmpty();
    }

    @Test
    void theLastFailureOfTheBudgetLocksTheKeyOutUntilTheLockoutEnds() {
        assertThat(store.fail("a:alice", false, LIMITS, now())).isEmpty();
        assertThat(store.fail("a:alice", false, LIMITS, now())).isEmpty();

        assertThat(store.fail("a:alice", false, LIMITS, now())).hasValue(Duration.ofMinutes(1));

        Instant end = now().plus(Duration.ofMinutes(1));
        assertThat(store.lockedUntil("a:alice", now())).hasValue(end);
        assertThat(store.reserve("a:alice", LIMITS, now())).hasValue(new Refused(true, end));
        clock.advance(Duration.ofSeconds(59));
        assertThat(store.reserve("a:alice", LIMITS, now())).hasValue(new Refused(true, end));
        clock.advance(Duration.ofSeconds(1));
        assertThat(store.lockedUntil("a:alice", now())).isEmpty();
        assertThat(store.reserve("a:alice", LIMITS, now())).isEmpty();
    }

    @Test
    void aReservedFailureEndsItsPlace() {
        assertThat(store.reserve("a:alice", LIMITS, now())).isEmpty();
        assertThat(store.reserve("a:alice", LIMITS, now())).isEmpty();
        store.fail("a:alice", true, LIMITS, now());
        store.fail("a:alice", true, LIMITS, now());

        assertThat(store.reserve("a:alice", LIMITS, now())).as("2 failures, no place held").isEmpty();
        assertThat(store.fail("a:alice", true, LIMITS, now())).hasValue(Duration.ofMinutes(1));
    }

    @Test
    void eachFurtherLockoutDoublesUpToTheMaximum() {
        List<Duration> seen = new java.util.ArrayList<>();
        for (int round = 0; round < 5; round++) {
            Optional<Duration> lockout = Optional.empty();
            for (int i = 0; i < 3; i++) {
                lockout = store.fail("a:alice", false, LIMITS, now());
            }
            seen.add(lockout.orElseThrow());
            clock.advance(lockout.get());
        }

        assertThat(seen).containsExactly(Duration.ofMinutes(1), Duration.ofMinutes(2), Duration.ofMinutes(4),
                Duration.ofMinutes(5), Duration.ofMinutes(5));
    }

    @Test
    void aSuccessForgetsFailuresAndLockoutsButNotARunningLockout() {
        store.fail("a:alice", false, LIMITS, now());
        store.fail("a:alice", false, LIMITS, now());
        assertThat(store.reserve("a:alice", LIMITS, now())).isEmpty();
        store.succeed("a:alice", true, now());
        store.fail("a:alice", false, LIMITS, now());
        store.fail("a:alice", false, LIMITS, now());
        assertThat(store.lockedUntil("a:alice", now())).as("the count started again").isEmpty();

        store.fail("a:alice", false, LIMITS, now());
        store.succeed("a:alice", false, now());
        assertThat(store.lockedUntil("a:alice", now())).isPresent();
        clock.advance(Duration.ofMinutes(1));
        for (int i = 0; i < 2; i++) {
            store.fail("a:alice", false, LIMITS, now());
        }
        assertThat(store.fail("a:alice", false, LIMITS, now())).as("lockouts forgotten: no doubling")
                .hasValue(Duration.ofMinutes(1));
    }

    @Test
    void anIdleKeyIsForgottenAfterTwiceTheLongestLockout() {
        for (int i = 0; i < 3; i++) {
            store.fail("a:alice", false, LIMITS, now());
        }
        store.fail("a:alice", false, LIMITS, now());
        clock.advance(LIMITS.forgetAfter().minusMillis(1));
        store.purge(now());
        store.fail("a:alice", false, LIMITS, now());
        assertThat(store.fail("a:alice", false, LIMITS, now())).as("still remembered: 3 failures, doubled")
                .hasValue(Duration.ofMinutes(2));

        clock.advance(LIMITS.forgetAfter().plusMillis(1));
        store.purge(now());
        store.fail("a:alice", false, LIMITS, now());
        store.fail("a:alice", false, LIMITS, now());
        assertThat(store.lockedUntil("a:alice", now())).isEmpty();
        assertThat(store.fail("a:alice", false, LIMITS, now())).as("forgotten: a first lockout")
                .hasValue(Duration.ofMinutes(1));
    }

    @Test
    void purgeKeepsTheKeysStillLockedOut() {
        Limits longLockout = new Limits(1, Duration.ofMinutes(30), Duration.ofMinutes(30));
        store.fail("a:alice", false, longLockout, now());
        store.fail("a:bob", false, LIMITS, now());
        clock.advance(Duration.ofMinutes(20));

        store.purge(now());

        assertThat(store.lockedUntil("a:alice", now())).hasValue(now().plus(Duration.ofMinutes(10)));
    }

    // Two nodes over one store

    @Test
    void failuresSplitAcrossTwoNodesLockTheAccountOnBoth() {
        LoginThrottle a = node(store);
        LoginThrottle b = node(anotherNode());

        failOnce(a, "user:alice");
        failOnce(b, "user:alice");
        failOnce(a, "user:alice");
        failOnce(b, "user:alice");
        assertThat(a.lockedFor("user:alice", null)).isEmpty();
        failOnce(b, "user:alice");

        assertThat(a.lockedFor("user:alice", null)).hasValue(Duration.ofMinutes(1));
        assertThat(b.lockedFor("user:alice", null)).hasValue(Duration.ofMinutes(1));
        try (LoginThrottle.Attempt onA = a.begin("user:alice", "203.0.113.7")) {
            assertThat(onA.refusal()).hasValueSatisfying(r -> assertThat(r.lockedOut()).isTrue());
        }
        assertThat(lockouts).singleElement().satisfies(e -> assertThat(e.key()).isEqualTo("a:user:alice"));
        clock.advance(Duration.ofMinutes(1));
        try (LoginThrottle.Attempt onA = a.begin("user:alice", "203.0.113.7")) {
            assertThat(onA.refusal()).isEmpty();
        }
    }

    @Test
    void theDoublingOfLockoutsIsSharedByTheNodes() {
        LoginThrottle a = node(store);
        LoginThrottle b = node(anotherNode());
        for (int i = 0; i < BUDGET; i++) {
            failOnce(a, "user:alice");
        }
        clock.advance(a.lockedFor("user:alice", null).orElseThrow());

        for (int i = 0; i < BUDGET; i++) {
            failOnce(b, "user:alice");
        }

        assertThat(a.lockedFor("user:alice", null)).hasValue(Duration.ofMinutes(2));
        assertThat(b.lockedFor("user:alice", null)).hasValue(Duration.ofMinutes(2));
    }

    @Test
    void anAddressSprayingAccountsThroughTwoNodesIsLockedOutOnBoth() {
        LoginThrottle a = node(store);
        LoginThrottle b = node(anotherNode());
        for (int i = 0; i < 10; i++) {
            (i % 2 == 0 ? a : b).recordFailure("user:victim" + i, "203.0.113.7");
        }

        assertThat(a.lockedFor("user:someone-else", "203.0.113.7")).isPresent();
        assertThat(b.lockedFor("user:someone-else", "203.0.113.7")).isPresent();
        assertThat(b.lockedFor("user:someone-else", "198.51.100.1")).isEmpty();
    }

    @Test
    void aSuccessOnOneNodeRefundsItsPlaceAndForgetsTheAccountsFailuresOnBoth() {
        LoginThrottle a = node(store);
        LoginThrottle b = node(anotherNode());
        for (int i = 0; i < BUDGET - 1; i++) {
            failOnce(a, "user:alice");
        }
        try (LoginThrottle.Attempt ok = b.begin("user:alice", "203.0.113.7")) {
            assertThat(ok.refusal()).isEmpty();
            ok.succeeded();
        }
        for (int i = 0; i < BUDGET - 1; i++) {
            failOnce(a, "user:alice");
        }

        assertThat(b.lockedFor("user:alice", null)).isEmpty();
    }

    /**
     * Every racer begins its attempt, then waits until all have begun before it fails: as if each check
     * took longer than it takes every guess to arrive. Only the budget's worth may be let through, over
     * both nodes together.
     */
    @Test
    void parallelGuessesThroughTwoNodesAreNotCheckedBeyondTheBudget() throws Exception {
        LoginThrottle a = node(store);
        LoginThrottle b = node(anotherNode());
        int racers = 16;
        CountDownLatch allBegun = new CountDownLatch(racers);

        List<Boolean> checked = Race.run(racers, i -> {
            LoginThrottle node = i % 2 == 0 ? a : b;
            try (LoginThrottle.Attempt attempt = node.begin("user:alice", null)) {
                allBegun.countDown();
                if (!allBegun.await(20, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("not every racer began");
                }
                if (attempt.refusal().isPresent()) {
                    return false;
                }
                attempt.failed();
                return true;
            }
        });

        assertThat(checked.stream().filter(c -> c)).hasSize(BUDGET);
        assertThat(a.lockedFor("user:alice", null)).hasValue(Duration.ofMinutes(1));
        assertThat(lockouts).hasSize(1);
    }

    @Test
    void aStoreThatCannotBeReachedRefusesTheAttempt() {
        LoginThrottle down = node(unreachable());

        assertThatThrownBy(() -> down.begin("user:alice", "203.0.113.7"))
                .isInstanceOfSatisfying(StoreException.class, e -> assertThat(e.isTransient()).isTrue());
        assertThatThrownBy(() -> down.begin(null, "203.0.113.7"))
                .isInstanceOfSatisfying(StoreException.class, e -> assertThat(e.isTransient()).isTrue());
        assertThatThrownBy(() -> down.recordFailure("user:alice", "203.0.113.7"))
                .isInstanceOf(StoreException.class);
        assertThatThrownBy(() -> down.lockedFor("user:alice", null)).isInstanceOf(StoreException.class);
    }

    /** A throttle over the store, as one node builds it: a budget of 5 per account, 10 per address. */
    private LoginThrottle node(ThrottleStore over) {
        return LoginThrottle.builder().store(over).maxFailures(BUDGET).maxAddressFailures(10)
                .lockout(Duration.ofMinutes(1)).maxLockout(Duration.ofMinutes(15))
                .clock(clock)
                .events(AuthEvents.of(new AuthEventListener() {
                    @Override
                    public void lockedOut(AuthEvent.LockedOut event) {
                        lockouts.add(event);
                    }
                }))
                .build();
    }

    private static void failOnce(LoginThrottle node, String account) {
        try (LoginThrottle.Attempt attempt = node.begin(account, null)) {
            assertThat(attempt.refusal()).isEmpty();
            attempt.failed();
        }
    }
}
