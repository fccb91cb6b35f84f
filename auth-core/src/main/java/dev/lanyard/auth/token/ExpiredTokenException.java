package dev.lanyard.auth.token;

/**
 * The token's {@code exp} lies further in the past than the allowed clock skew.
 */
public class ExpiredTokenException extends InvalidTokenException {

    private static final long serialVersionUID = 1L;

    public ExpiredTokenException(String message) {
        super(message);
    }

    public ExpiredTokenException(String message, Throwable cause) {
        super(message, cause);
    }
}
