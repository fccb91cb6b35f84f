package dev.lanyard.auth;

/**
 * {@code invalid_request}: a parameter is missing, repeated, malformed or not allowed here (RFC 6749 section 5.2).
 *
 * <pre>{@code
 * throw new InvalidRequestException("the parameter 'otp' is required");
 * }</pre>
 */
public final class InvalidRequestException extends AuthException {

    private static final long serialVersionUID = 1L;

    /**
     * A failure with this message, which is also the {@code error_description}.
     *
     * @param message what was wrong, never a secret or token
     */
    public InvalidRequestException(String message) {
        super(OAuthError.INVALID_REQUEST, message);
    }

    /**
     * A failure with a log message and a different, wire-safe description.
     *
     * @param message     for the logs: may name the caller's own values
     * @param description the {@code error_description} sent to the client
     * @param cause       the underlying failure; null for none
     */
    public InvalidRequestException(String message, String description, Throwable cause) {
        super(OAuthError.INVALID_REQUEST, message, description, cause);
    }
}
