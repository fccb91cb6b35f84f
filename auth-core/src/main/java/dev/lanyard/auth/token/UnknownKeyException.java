package dev.lanyard.auth.token;

/**
 * The token names no key id, or one the verifier does not trust. The verifier never falls back to
 * trying other keys.
 */
public class UnknownKeyException extends InvalidTokenException {

    private static final long serialVersionUID = 1L;

    public UnknownKeyException(String message) {
        super(message);
    }

    public UnknownKeyException(String message, Throwable cause) {
        super(message, cause);
    }
}
