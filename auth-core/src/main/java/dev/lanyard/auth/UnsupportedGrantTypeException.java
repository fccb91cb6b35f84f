package dev.lanyard.auth;

/**
 * {@code unsupported_grant_type}: the grant type is unknown, or not enabled on this service.
 *
 * <pre>{@code
 * throw new UnsupportedGrantTypeException("this service has no authorization codes");
 * }</pre>
 */
public final class UnsupportedGrantTypeException extends AuthException {

    private static final long serialVersionUID = 1L;

    /**
     * A failure with this message, which is also the {@code error_description}.
     *
     * @param message what was wrong, never a secret or token
     */
    public UnsupportedGrantTypeException(String message) {
        super(OAuthError.UNSUPPORTED_GRANT_TYPE, message);
    }

    /**
     * A failure with a log message and a different, wire-safe description.
     *
     * @param message     for the logs: may name the caller's own values
     * @param description the {@code error_description} sent to the client
     * @param cause       the underlying failure; null for none
     */
    public UnsupportedGrantTypeException(String message, String description, Throwable cause) {
        super(OAuthError.UNSUPPORTED_GRANT_TYPE, message, description, cause);
    }
}
