package dev.lanyard.auth;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * A credential or token store failed (the database is down, a statement failed). Maps to
 * {@code server_error}, or {@code temporarily_unavailable} when {@link #isTransient()}; the message
 * names the operation, and the cause holds the driver's exception for the logs. Nothing was written.
 *
 * <pre>{@code
 * try {
 *     users.create(user);
 * } catch (StoreException e) {
 *     log.error("user store unavailable", e);
 * }
 * }</pre>
 */
public class StoreException extends AuthException {

    private static final long serialVersionUID = 1L;

    /** Whether retrying later may succeed. */
    private final boolean transientFailure;
    /** When a retry may succeed; null when unknown. */
    private final Duration retryAfter;
    /** Whether the source has logged this outage itself. */
    private final boolean outageLogged;

    /**
     * A failure of a store or other backing source.
     *
     * @param message          what failed, without credentials or tokens
     * @param cause            the driver's or client's exception
     * @param transientFailure true for {@code temporarily_unavailable} (a lost connection), false for {@code server_error}
     */
    public StoreException(String message, Throwable cause, boolean transientFailure) {
        this(message, cause, transientFailure, null, false);
    }

    private StoreException(String message, Throwable cause, boolean transientFailure, Duration retryAfter,
                           boolean outageLogged) {
        super(transientFailure ? OAuthError.TEMPORARILY_UNAVAILABLE : OAuthError.SERVER_ERROR, message, cause);
        this.transientFailure = transientFailure;
        this.retryAfter = retryAfter;
        this.outageLogged = outageLogged;
    }

    /**
     * A transient failure of a source that watches its own outages: it logs the first failure of an
     * outage and its recovery, so that callers answering many requests meanwhile need not log each one.
     *
     * <pre>{@code
     * throw StoreException.outage("cannot fetch the JWKS from " + url, e, Duration.ofSeconds(30));
     * }</pre>
     *
     * @param message    what failed, without credentials or tokens
     * @param cause      the driver's or client's exception
     * @param retryAfter when a retry may succeed, for a {@code Retry-After} header
     * @return a transient failure marked as already logged
     */
    public static StoreException outage(String message, Throwable cause, Duration retryAfter) {
        return new StoreException(message, cause, true, Objects.requireNonNull(retryAfter, "retryAfter"), true);
    }

    /**
     * Whether retrying later may succeed (a lost connection rather than a broken statement).
     *
     * @return true for {@code temporarily_unavailable}
     */
    public boolean isTransient() {
        return transientFailure;
    }

    /**
     * When a retry may succeed, if the source knows.
     *
     * @return the delay; empty when unknown
     */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }

    /**
     * Whether the source has logged this outage itself ({@link #outage}); then a caller logs it at debug only.
     *
     * @return true when a caller need not log it again
     */
    public boolean outageLogged() {
        return outageLogged;
    }
}
