package dev.lanyard.auth.token;

/**
 * The token names no key id, or one the verifier does not trust. The verifier never falls back to
 * trying other keys.
 */
public class UnknownKeyException extends InvalidTokenException {

    private static final long serialVersionUID = 1L;

    /**
     * Refuses a token, for the reason this class names.
     *
     * @param message what was wrong, safe to show the caller: it never holds a secret or token
     */
    public UnknownKeyException(String message) {
        super(message);
    }

    /**
     * Refuses a token, for the reason this class names, with the failure behind it.
     *
     * @param message what was wrong, safe to show the caller: it never holds a secret or token
     * @param cause   the parser's or library's exception
     */
    public UnknownKeyException(String message, Throwable cause) {
        super(message, cause);
    }
}
