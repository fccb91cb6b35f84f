package dev.lanyard.auth;

/**
 * {@code invalid_client} for a request that needs another kind of client authentication than it had
 * (a failed authentication is an {@link InvalidCredentialsException}).
 *
 * <pre>{@code
 * throw new InvalidClientException("this authorization code must be redeemed with client authentication");
 * }</pre>
 */
public final class InvalidClientException extends AuthException {

    private static final long serialVersionUID = 1L;

    /**
     * A failure with this message, which is also the {@code error_description}.
     *
     * @param message what was wrong, never a secret or token
     */
    public InvalidClientException(String message) {
        super(OAuthError.INVALID_CLIENT, message);
    }

    /**
     * A failure with a log message and a different, wire-safe description.
     *
     * @param message     for the logs: may name the caller's own values
     * @param description the {@code error_description} sent to the client
     * @param cause       the underlying failure; null for none
     */
    public InvalidClientException(String message, String description, Throwable cause) {
        super(OAuthError.INVALID_CLIENT, message, description, cause);
    }
}
