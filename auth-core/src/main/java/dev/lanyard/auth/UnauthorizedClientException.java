package dev.lanyard.auth;

/**
 * {@code unauthorized_client}: the authenticated client may not use this grant or operation.
 *
 * <pre>{@code
 * if (!client.allowsGrant(type)) {
 *     throw new UnauthorizedClientException("client " + client.clientId() + " may not use " + type);
 * }
 * }</pre>
 */
public final class UnauthorizedClientException extends AuthException {

    private static final long serialVersionUID = 1L;

    /**
     * A failure with this message, which is also the {@code error_description}.
     *
     * @param message what was wrong, never a secret or token
     */
    public UnauthorizedClientException(String message) {
        super(OAuthError.UNAUTHORIZED_CLIENT, message);
    }

    /**
     * A failure with a log message and a different, wire-safe description.
     *
     * @param message     for the logs: may name the caller's own values
     * @param description the {@code error_description} sent to the client
     * @param cause       the underlying failure; null for none
     */
    public UnauthorizedClientException(String message, String description, Throwable cause) {
        super(OAuthError.UNAUTHORIZED_CLIENT, message, description, cause);
    }
}
