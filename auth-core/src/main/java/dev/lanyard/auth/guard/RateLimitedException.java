package dev.lanyard.auth.guard;

import dev.lanyard.auth.OAuthError;

import java.time.Duration;

/**
 * Too many password checks for this principal or address right now (running at once, or this minute),
 * successful or not: refused without a hash, so that one principal or address cannot take the hasher's
 * slots from everyone else. A {@link LockedOutException}, so every place that answers a lockout with 429
 * and {@code Retry-After} answers this one the same way.
 *
 * <pre>{@code
 * try {
 *     authenticator.authenticate(username, password, address);
 * } catch (RateLimitedException e) {          // before LockedOutException, when the two are told apart
 *     response.setHeader("Retry-After", String.valueOf(e.retryAfter().toSeconds()));
 *     response.sendError(429);
 * }
 * }</pre>
 */
public class RateLimitedException extends LockedOutException {

    private static final long serialVersionUID = 1L;

    /**
     * Refuses an attempt without checking it: too many password checks for now.
     *
     * @param error      {@code invalid_grant} for a user, {@code invalid_client} for a client
     * @param retryAfter how long until the next check will be made
     */
    public RateLimitedException(OAuthError error, Duration retryAfter) {
        super(error, "too many password checks for this account or address", retryAfter);
    }
}
