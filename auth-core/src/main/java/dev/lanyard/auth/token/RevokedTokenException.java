package dev.lanyard.auth.token;

/**
 * The token was valid but has been revoked (its {@code jti} is on the revocation list).
 */
public class RevokedTokenException extends InvalidTokenException {

    private static final long serialVersionUID = 1L;

    /**
     * Refuses a token, for the reason this class names.
     *
     * @param message what was wrong, safe to show the caller: it never holds a secret or token
     */
    public RevokedTokenException(String message) {
        super(message);
    }

    /**
     * Refuses a token, for the reason this class names, with the failure behind it.
     *
     * @param message what was wrong, safe to show the caller: it never holds a secret or token
     * @param cause   the parser's or library's exception
     */
    public RevokedTokenException(String message, Throwable cause) {
        super(message, cause);
    }
}
