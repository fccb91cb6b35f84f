package dev.lanyard.auth.admin;

/**
 * Reports the progress of a long import (hashing thousands of plain-text passwords takes a while).
 *
 * <pre>{@code
 * admin.importUsers(content, "users.yaml", (done, total) -> System.err.printf("\r%d/%d", done, total));
 * }</pre>
 */
@FunctionalInterface
public interface ImportProgress {

    /**
     * {@code done} of {@code total} entries are prepared. An entry whose password is already a supported
     * hash is ready at once; the others when their password is hashed. Called from the importing thread,
     * whichever threads do the hashing.
     *
     * @param done  how many entries are prepared so far
     * @param total how many entries the import holds
     */
    void progress(int done, int total);

    /**
     * Called once, before the first {@link #progress}, with how much hashing is ahead: a listener can
     * say "hashing" only when there is some, and estimate the time left from the rate. Does nothing by
     * default.
     *
     * @param entries  how many entries the import holds
     * @param toHash   how many of them carry a plain-text password to hash
     * @param threads  how many threads hash them
     */
    default void started(int entries, int toHash, int threads) {
    }

    /**
     * A listener that reports nothing.
     *
     * @return the no-op listener
     */
    static ImportProgress none() {
        return (done, total) -> { };
    }
}
