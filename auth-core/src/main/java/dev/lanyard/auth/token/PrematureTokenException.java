package dev.lanyard.auth.token;

/**
 * The token is not valid yet: its {@code nbf} or {@code iat} lies further in the future than the
 * allowed clock skew.
 */
public class PrematureTokenException extends InvalidTokenException {

    private static final long serialVersionUID = 1L;

    /**
     * Refuses a token, for the reason this class names.
     *
     * @param message what was wrong, safe to show the caller: it never holds a secret or token
     */
    public PrematureTokenException(String message) {
        super(message);
    }

    /**
     * Refuses a token, for the reason this class names, with the failure behind it.
     *
     * @param message what was wrong, safe to show the caller: it never holds a secret or token
     * @param cause   the parser's or library's exception
     */
    public PrematureTokenException(String message, Throwable cause) {
        super(message, cause);
    }
}
