package dev.lanyard.auth.guard;

import dev.lanyard.auth.AuthException;
import dev.lanyard.auth.OAuthError;

import java.time.Duration;
import java.util.Objects;

/**
 * Too many failed attempts: the account or the source address is refused for a while, without its
 * credentials even being checked. The HTTP layer may answer 429 with {@code Retry-After}, or the
 * grant's usual error ({@code invalid_grant} for users, {@code invalid_client} for clients).
 *
 * <pre>{@code
 * try {
 *     authenticator.authenticate(username, password, address);
 * } catch (LockedOutException e) {
 *     response.setHeader("Retry-After", String.valueOf(e.retryAfter().toSeconds()));
 *     response.sendError(429);
 * }
 * }</pre>
 */
public class LockedOutException extends AuthException {

    private static final long serialVersionUID = 1L;

    /** How long until the next attempt will be considered. */
    private final Duration retryAfter;

    /**
     * Refuses an attempt without checking it: the account or address is locked out.
     *
     * @param error      {@code invalid_grant} for a user, {@code invalid_client} for a client
     * @param retryAfter how long the lockout lasts; shown rounded up to whole seconds, at least 1
     * @throws NullPointerException when {@code retryAfter} is null
     */
    public LockedOutException(OAuthError error, Duration retryAfter) {
        this(error, "too many failed attempts", retryAfter);
    }

    /**
     * For subclasses: {@code problem} is followed by "; try again in N seconds".
     *
     * @param error      the OAuth error code
     * @param problem    the start of the message, naming why the attempt was refused
     * @param retryAfter how long until the next attempt will be considered
     * @throws NullPointerException when {@code retryAfter} is null
     */
    protected LockedOutException(OAuthError error, String problem, Duration retryAfter) {
        super(error, problem + "; try again in " + seconds(retryAfter) + " seconds");
        this.retryAfter = retryAfter;
    }

    private static long seconds(Duration retryAfter) {
        Objects.requireNonNull(retryAfter, "retryAfter");
        return Math.max(1, retryAfter.toSeconds());
    }

    /**
     * How long until the next attempt will be considered.
     *
     * @return the delay, for a {@code Retry-After} header
     */
    public Duration retryAfter() {
        return retryAfter;
    }
}
