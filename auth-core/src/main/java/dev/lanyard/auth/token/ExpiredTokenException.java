package dev.lanyard.auth.token;

/**
 * The token's {@code exp} lies further in the past than the allowed clock skew.
 */
public class ExpiredTokenException extends InvalidTokenException {

    private static final long serialVersionUID = 1L;

    /**
     * Refuses a token, for the reason this class names.
     *
     * @param message what was wrong, safe to show the caller: it never holds a secret or token
     */
    public ExpiredTokenException(String message) {
        super(message);
    }

    /**
     * Refuses a token, for the reason this class names, with the failure behind it.
     *
     * @param message what was wrong, safe to show the caller: it never holds a secret or token
     * @param cause   the parser's or library's exception
     */
    public ExpiredTokenException(String message, Throwable cause) {
        super(message, cause);
    }
}
