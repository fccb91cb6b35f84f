package dev.lanyard.auth.guard;

import dev.lanyard.auth.event.AuthEvent;
import dev.lanyard.auth.event.AuthEventListener;
import dev.lanyard.auth.event.AuthEvents;
import dev.lanyard.auth.testing.MutableClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LoginThrottleTest {

    final MutableClock clock = MutableClock.at("2026-11-22T10:00:00Z");
    final List<AuthEvent.LockedOut> lockouts = new ArrayList<>();
    final LoginThrottle throttle = LoginThrottle.builder()
            .maxFailures(3).maxAddressFailures(10)
            .lockout(Duration.ofMinutes(1)).maxLockout(Duration.ofMinutes(5))
            .maxTracked(1_000)
            .clock(clock)
            .events(AuthEvents.of(new AuthEventListener() {
                @Override
                public void lockedOut(AuthEvent.LockedOut event) {
                    lockouts.add(event);
                }
            }))
            .build();

    @Test
    void lockoutAfterMaxFailuresThenFreeAfterTheLockout() {
        fail("user:alice", 2);
        assertThat(throttle.lockedFor("user:alice", null)).isEmpty();

        fail("user:alice", 1);

        assertThat(throttle.lockedFor("user:alice", null)).contains(Duration.ofMinutes(1));
        assertThat(lockouts).singleElement().satisfies(e -> assertThat(e.key()).isEqualTo("a:user:alice"));
        clock.advance(Duration.ofSeconds(59));
        assertThat(throttle.lockedFor("user:alice", null)).contains(Duration.ofSeconds(1));
        clock.advance(Duration.ofSeconds(1));
        assertThat(throttle.lockedFor("user:alice", null)).isEmpty();
    }

    @Test
    void eachFurtherLockoutDoublesUpToTheMaximum() {
        List<Duration> seen = new ArrayList<>();
        for (int round = 0; round < 5; round++) {
            fail("user:alice", 3);
            seen.add(throttle.lockedFor("user:alice", null).orElseThrow());
            clock.advance(seen.get(round));
        }

        assertThat(seen).containsExactly(Duration.ofMinutes(1), Duration.ofMinutes(2), Duration.ofMinutes(4),
                Duration.ofMinutes(5), Duration.ofMinutes(5));
    }

    @Test
    void successResetsTheAccountCounter() {
        fail("user:alice", 2);
        throttle.recordSuccess("user:alice");
        fail("user:alice", 2);

        assertThat(throttle.lockedFor("user:alice", null)).isEmpty();
    }

    @Test
    void anAddressSprayingManyAccountsIsLockedOutOnItsOwn() {
        for (int i = 0; i < 10; i++) {
            throttle.recordFailure("user:victim" + i, "203.0.113.7");
        }

        assertThat(throttle.lockedFor("user:someone-else", "203.0.113.7")).isPresent();
        assertThat(throttle.lockedFor("user:someone-else", "198.51.100.1")).isEmpty();
    }

    @Test
    void successOnOneAccountDoesNotResetTheAddress() {
        for (int i = 0; i < 9; i++) {
            throttle.recordFailure("user:victim" + i, "203.0.113.7");
        }
        throttle.recordSuccess("user:attacker");
        throttle.recordFailure("user:victim9", "203.0.113.7");

        assertThat(throttle.lockedFor("user:x", "203.0.113.7")).isPresent();
    }

    @Test
    void memoryStaysBoundedUnderManyDistinctUsernames() {
        for (int i = 0; i < 50_000; i++) {
            throttle.recordFailure("user:random-" + i, null);
        }

        assertThat(throttle.trackedCount()).isLessThanOrEqualTo(1_000);
    }

    @Test
    void idleEntriesExpire() {
        fail("user:alice", 1);
        clock.advance(Duration.ofMinutes(11));

        assertThat(throttle.trackedCount()).isZero();
    }

    @Test
    void lockedOutExceptionCarriesTheWaitAndAnRfcCode() {
        LockedOutException e = new LockedOutException(dev.lanyard.auth.OAuthError.INVALID_GRANT, Duration.ofSeconds(42));

        assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(42));
        assertThat(e.getMessage()).contains("42 seconds");
        assertThat(e.error().code()).isEqualTo("invalid_grant");
    }

    @Test
    void builderRejectsNonsense() {
        assertThatThrownBy(() -> LoginThrottle.builder().maxFailures(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> LoginThrottle.builder().lockout(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> LoginThrottle.builder().lockout(Duration.ofHours(1)).maxLockout(Duration.ofMinutes(1)).build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("maxLockout");
    }

    @Test
    void attemptInFlightCountsAgainstTheBudgetAndIsRefundedOnSuccess() {
        LoginThrottle.Attempt first = throttle.begin("user:alice", null);
        LoginThrottle.Attempt second = throttle.begin("user:alice", null);
        LoginThrottle.Attempt third = throttle.begin("user:alice", null);

        LoginThrottle.Attempt fourth = throttle.begin("user:alice", null);
        assertThat(fourth.refusal()).hasValueSatisfying(r -> assertThat(r.lockedOut()).isFalse());
        assertThat(fourth.refusal().orElseThrow().exception(dev.lanyard.auth.OAuthError.INVALID_GRANT))
                .isInstanceOf(RateLimitedException.class);

        first.succeeded();
        first.close();
        second.close(); // ended without an outcome (the check threw): released, not counted
        try (LoginThrottle.Attempt again = throttle.begin("user:alice", null)) {
            assertThat(again.refusal()).isEmpty();
            again.failed();
        }
        third.failed();
        third.close();
        assertThat(throttle.lockedFor("user:alice", null)).isEmpty();
    }

    @Test
    void checksAreCappedPerPrincipalAtOnceAndPerMinuteSuccessfulOrNot() {
        LoginThrottle capped = LoginThrottle.builder().maxConcurrentChecks(1, 10).maxChecksPerMinute(3, 100)
                .clock(clock).build();
        LoginThrottle.Attempt running = capped.begin("user:alice", "203.0.113.7");
        assertThat(running.beforeHash("user:alice")).isEmpty();
        try (LoginThrottle.Attempt second = capped.begin("user:alice", "203.0.113.7")) {
            assertThat(second.beforeHash("user:alice")).hasValue(new LoginThrottle.Refusal(false, Duration.ofSeconds(1)));
        }
        running.succeeded();
        running.close();

        for (int i = 0; i < 2; i++) {
            try (LoginThrottle.Attempt a = capped.begin("user:alice", "203.0.113.7")) {
                assertThat(a.beforeHash("user:alice")).isEmpty();
                a.succeeded();
            }
        }
        clock.advance(Duration.ofSeconds(20));
        try (LoginThrottle.Attempt fourth = capped.begin("user:alice", "203.0.113.7")) {
            assertThat(fourth.beforeHash("user:alice")).hasValue(new LoginThrottle.Refusal(false, Duration.ofSeconds(40)));
        }
        try (LoginThrottle.Attempt other = capped.begin("user:bob", "203.0.113.7")) {
            assertThat(other.beforeHash("user:bob")).isEmpty();
        }
        clock.advance(Duration.ofSeconds(40));
        try (LoginThrottle.Attempt nextMinute = capped.begin("user:alice", "203.0.113.7")) {
            assertThat(nextMinute.beforeHash("user:alice")).isEmpty();
        }
    }

    @Test
    void checksAreCappedPerAddressWhateverThePrincipal() {
        LoginThrottle capped = LoginThrottle.builder().maxConcurrentChecks(10, 2).clock(clock).build();
        LoginThrottle.Attempt a = capped.begin("user:a", "203.0.113.7");
        LoginThrottle.Attempt b = capped.begin("user:b", "203.0.113.7");
        assertThat(a.beforeHash("user:a")).isEmpty();
        assertThat(b.beforeHash("user:b")).isEmpty();
        try (LoginThrottle.Attempt c = capped.begin("user:c", "203.0.113.7");
             LoginThrottle.Attempt elsewhere = capped.begin("user:c", "198.51.100.1")) {
            assertThat(c.beforeHash("user:c")).isPresent();
            assertThat(elsewhere.beforeHash("user:c")).isEmpty();
        }
        a.close();
        try (LoginThrottle.Attempt c = capped.begin("user:c", "203.0.113.7")) {
            assertThat(c.beforeHash("user:c")).isEmpty();
        }
        b.close();
    }

    private void fail(String account, int times) {
        for (int i = 0; i < times; i++) {
            throttle.recordFailure(account, null);
        }
    }
}
