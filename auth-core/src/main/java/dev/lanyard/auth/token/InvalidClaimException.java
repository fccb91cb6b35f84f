package dev.lanyard.auth.token;

/**
 * A claim does not hold what this verifier requires: a different issuer, or an audience that does not
 * include this resource server.
 */
public class InvalidClaimException extends InvalidTokenException {

    private static final long serialVersionUID = 1L;

    public InvalidClaimException(String message) {
        super(message);
    }

    public InvalidClaimException(String message, Throwable cause) {
        super(message, cause);
    }
}
