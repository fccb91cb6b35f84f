package dev.lanyard.auth;

/**
 * {@code invalid_scope}: a requested scope is unknown or beyond what the client (or user) may hold.
 *
 * <pre>{@code
 * throw new InvalidScopeException("the scope 'admin' is not allowed for client app");
 * }</pre>
 */
public final class InvalidScopeException extends AuthException {

    private static final long serialVersionUID = 1L;

    /**
     * A failure with this message, which is also the {@code error_description}.
     *
     * @param message what was wrong, never a secret or token
     */
    public InvalidScopeException(String message) {
        super(OAuthError.INVALID_SCOPE, message);
    }

    /**
     * A failure with a log message and a different, wire-safe description.
     *
     * @param message     for the logs: may name the caller's own values
     * @param description the {@code error_description} sent to the client
     * @param cause       the underlying failure; null for none
     */
    public InvalidScopeException(String message, String description, Throwable cause) {
        super(OAuthError.INVALID_SCOPE, message, description, cause);
    }
}
