package dev.lanyard.auth.token;

/**
 * The token was valid but has been revoked (its {@code jti} is on the revocation list).
 */
public class RevokedTokenException extends InvalidTokenException {

    private static final long serialVersionUID = 1L;

    public RevokedTokenException(String message) {
        super(message);
    }

    public RevokedTokenException(String message, Throwable cause) {
        super(message, cause);
    }
}
