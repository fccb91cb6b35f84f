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
     * {@code done} of {@code total} entries are prepared. Called from the importing thread.
     *
     * @param done  how many entries are prepared so far
     * @param total how many entries the import holds
     */
    void progress(int done, int total);

    /**
     * A listener that reports nothing.
     *
     * @return the no-op listener
     */
    static ImportProgress none() {
        return (done, total) -> { };
    }
}
