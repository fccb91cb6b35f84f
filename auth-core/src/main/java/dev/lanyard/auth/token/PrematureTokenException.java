package dev.lanyard.auth.token;

/**
 * The token is not valid yet: its {@code nbf} or {@code iat} lies further in the future than the
 * allowed clock skew.
 */
public class PrematureTokenException extends InvalidTokenException {

    private static final long serialVersionUID = 1L;

    public PrematureTokenException(String message) {
        super(message);
    }

    public PrematureTokenException(String message, Throwable cause) {
        super(message, cause);
    }
}
