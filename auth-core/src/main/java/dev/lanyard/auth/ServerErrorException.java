package dev.lanyard.auth;

/**
 * {@code server_error}: the server is misconfigured or holds data it cannot read; the request may be
 * fine. Its description for the client can be kept apart from the message for the logs.
 *
 * <pre>{@code
 * throw new ServerErrorException("the first-party client 'web' is not configured",
 *         "the server is not configured for this request", null);
 * }</pre>
 */
public final class ServerErrorException extends AuthException {

    private static final long serialVersionUID = 1L;

    /**
     * A failure with this message, which is also the {@code error_description}.
     *
     * @param message what was wrong, never a secret or token
     */
    public ServerErrorException(String message) {
        super(OAuthError.SERVER_ERROR, message);
    }

    /**
     * A failure with a log message and a different, wire-safe description.
     *
     * @param message     for the logs: may name the caller's own values
     * @param description the {@code error_description} sent to the client
     * @param cause       the underlying failure; null for none
     */
    public ServerErrorException(String message, String description, Throwable cause) {
        super(OAuthError.SERVER_ERROR, message, description, cause);
    }
}
