package dev.lanyard.auth.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A clock that stands still until a test moves it: {@code clock.advance(Duration.ofSeconds(30))}. */
public final class MutableClock extends Clock {

    private volatile Instant now;

    /**
     * A clock that reads {@code start} until it is moved.
     *
     * @param start the instant the clock shows first
     */
    public MutableClock(Instant start) {
        this.now = start;
    }

    /**
     * A clock standing at the given instant, for a test's fixed starting time.
     *
     * @param isoInstant the instant in ISO-8601 form, e.g. {@code "2026-12-03T10:00:00Z"}
     * @return the clock
     */
    public static MutableClock at(String isoInstant) {
        return new MutableClock(Instant.parse(isoInstant));
    }

    /**
     * Moves the clock forward (or back, for a negative duration); the only way time passes for it.
     *
     * @param by how far to move it
     */
    public void advance(Duration by) {
        now = now.plus(by);
    }

    /**
     * Puts the clock at the given instant, for example just before or after an expiry.
     *
     * @param instant what the clock shows from now on
     */
    public void set(Instant instant) {
        now = instant;
    }

    @Override
    public Instant instant() {
        return now;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("a test clock stays in UTC");
    }
}
