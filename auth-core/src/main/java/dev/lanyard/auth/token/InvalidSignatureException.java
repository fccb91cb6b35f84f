package dev.lanyard.auth.token;

/**
 * The signature does not verify with the key the token names: the token was altered or forged.
 */
public class InvalidSignatureException extends InvalidTokenException {

    private static final long serialVersionUID = 1L;

    /**
     * Refuses a token, for the reason this class names.
     *
     * @param message what was wrong, safe to show the caller: it never holds a secret or token
     */
    public InvalidSignatureException(String message) {
        super(message);
    }

    /**
     * Refuses a token, for the reason this class names, with the failure behind it.
     *
     * @param message what was wrong, safe to show the caller: it never holds a secret or token
     * @param cause   the parser's or library's exception
     */
    public InvalidSignatureException(String message, Throwable cause) {
        super(message, cause);
    }
}
