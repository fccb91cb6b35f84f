package dev.lanyard.auth.token;

/**
 * The signature does not verify with the key the token names: the token was altered or forged.
 */
public class InvalidSignatureException extends InvalidTokenException {

    private static final long serialVersionUID = 1L;

    public InvalidSignatureException(String message) {
        super(message);
    }

    public InvalidSignatureException(String message, Throwable cause) {
        super(message, cause);
    }
}
