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

    /** Stores a new token. */
    void save(ReferenceToken token);

    /** The token with this digest, live or not. */
    Optional<ReferenceToken> find(String digest);

    /**
     * Moves the idle expiry of a live token forward to {@code idleExpiresAt} (never backwards, never
     * past its absolute expiry).
     *
     * @return the token as it now stands, or empty when it is unknown or no longer live at {@code now}
     */
    Optional<ReferenceToken> touch(String digest, Instant now, Instant idleExpiresAt);

    /** Deletes the token; false when there was none. */
    boolean revoke(String digest);

    /** Deletes every token of a subject; returns how many. */
    int revokeSubject(String subject);

    /** Deletes tokens no longer live at {@code now}; returns how many. */
    int purge(Instant now);
}
