package dev.lanyard.auth;

/**
 * {@code temporarily_unavailable}: the server cannot take the request now; the caller may retry shortly.
 *
 * <pre>{@code
 * throw new TemporarilyUnavailableException("too many password checks are running at once; try again shortly");
 * }</pre>
 */
public final class TemporarilyUnavailableException extends AuthException {

    private static final long serialVersionUID = 1L;

    /**
     * A failure with this message, which is also the {@code error_description}.
     *
     * @param message what was wrong, never a secret or token
     */
    public TemporarilyUnavailableException(String message) {
        super(OAuthError.TEMPORARILY_UNAVAILABLE, message);
    }

    /**
     * A failure with a log message and a different, wire-safe description.
     *
     * @param message     for the logs: may name the caller's own values
     * @param description the {@code error_description} sent to the client
     * @param cause       the underlying failure; null for none
     */
    public TemporarilyUnavailableException(String message, String description, Throwable cause) {
        super(OAuthError.TEMPORARILY_UNAVAILABLE, message, description, cause);
    }
}
