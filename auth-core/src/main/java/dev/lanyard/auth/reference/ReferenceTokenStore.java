package dev.lanyard.auth.reference;

import java.time.Instant;
import java.util.Optional;

/**
 * Where opaque access tokens live. Lanyard ships an in-memory and a JDBC store.
 *
 * <pre>{@code
 * ReferenceTokenStore store = new InMemoryReferenceTokenStore();
 * }</pre>
 */
public interface ReferenceTokenStore {

    /**
     * Stores a new token.
     *
     * @param token the token, keyed by its digest
     */
    void save(ReferenceToken token);

    /**
     * The token with this digest, live or not.
     *
     * @param digest the digest of the presented token
     * @return the token; empty when unknown
     */
    Optional<ReferenceToken> find(String digest);

    /**
     * Moves the idle expiry of a live token forward to {@code idleExpiresAt} (never backwards, never
     * past its absolute expiry).
     *
     * @param digest        the digest of the presented token
     * @param now           the time of the use
     * @param idleExpiresAt the new idle expiry
     * @return the token as it now stands, or empty when it is unknown or no longer live at {@code now}
     */
    Optional<ReferenceToken> touch(String digest, Instant now, Instant idleExpiresAt);

    /**
     * Deletes the token; false when there was none.
     *
     * @param digest the token's digest
     * @return true when a token was deleted
     */
    boolean revoke(String digest);

    /**
     * Deletes every token of a subject; returns how many.
     *
     * @param subject the user (or client) whose tokens end
     * @return how many tokens were deleted
     */
    int revokeSubject(String subject);

    /**
     * Deletes tokens no longer live at {@code now}; returns how many.
     *
     * @param now the current time
     * @return how many tokens were deleted
     */
    int purge(Instant now);
}
