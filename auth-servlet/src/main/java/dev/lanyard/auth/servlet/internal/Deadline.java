package dev.lanyard.auth.servlet.internal;

import java.time.Duration;

/** When reading a request body must have finished, on {@link System#nanoTime()}, and the budget it allows. */
record Deadline(long nanoTime, Duration budget) {

    static Deadline after(Duration budget) {
        return new Deadline(System.nanoTime() + budget.toNanos(), budget);
    }

    boolean passed() {
        return System.nanoTime() - nanoTime > 0;
    }
}
