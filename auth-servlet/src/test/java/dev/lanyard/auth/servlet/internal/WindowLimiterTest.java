package dev.lanyard.auth.servlet.internal;

import dev.lanyard.auth.testing.MutableClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WindowLimiterTest {

    final MutableClock clock = MutableClock.at("2026-11-22T10:00:00Z");
    final WindowLimiter limiter = new WindowLimiter(2, Duration.ofMinutes(10), 100, clock);

    @Test
    void tryAcquireWhenTheWindowIsFullThenRefusedUntilItEndsThenAllowedAgain() {
        assertThat(limiter.tryAcquire("a")).isEmpty();
        clock.advance(Duration.ofMinutes(4));
        assertThat(limiter.tryAcquire("a")).isEmpty();

        assertThat(limiter.tryAcquire("a")).contains(Duration.ofMinutes(6));
        clock.advance(Duration.ofMinutes(6).minusMillis(1));
        assertThat(limiter.tryAcquire("a")).contains(Duration.ofMillis(1));
        clock.advance(Duration.ofMillis(1));
        assertThat(limiter.tryAcquire("a")).isEmpty();
    }

    @Test
    void tryAcquireCountsEachKeyOnItsOwn() {
        limiter.tryAcquire("a");
        limiter.tryAcquire("a");

        assertThat(limiter.tryAcquire("a")).isPresent();
        assertThat(limiter.tryAcquire("b")).isEmpty();
    }

    @Test
    void trackedKeysAreBoundedAndForgottenAfterTheirWindow() {
        for (int i = 0; i < 1000; i++) {
            limiter.tryAcquire("k" + i);
        }
        assertThat(limiter.trackedKeys()).isLessThanOrEqualTo(100);

        clock.advance(Duration.ofMinutes(10));
        assertThat(limiter.trackedKeys()).isZero();
    }

    @Test
    void constructorRefusesANonPositiveMaxOrWindow() {
        assertThatThrownBy(() -> new WindowLimiter(0, Duration.ofMinutes(1), 10, clock))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new WindowLimiter(1, Duration.ZERO, 10, clock))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
