package dev.lanyard.auth;

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

    private final boolean transientFailure;

    public StoreException(String message, Throwable cause, boolean transientFailure) {
        super(transientFailure ? OAuthError.TEMPORARILY_UNAVAILABLE : OAuthError.SERVER_ERROR, message, cause);
        this.transientFailure = transientFailure;
    }

    /** Whether retrying later may succeed (a lost connection rather than a broken statement). */
    public boolean isTransient() {
        return transientFailure;
    }
}
