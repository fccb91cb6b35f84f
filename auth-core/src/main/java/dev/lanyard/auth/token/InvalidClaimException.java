package dev.lanyard.auth.token;

/**
 * A claim does not hold what this verifier requires: a different issuer, or an audience that does not
 * include this resource server.
 */
public class InvalidClaimException extends InvalidTokenException {

    private static final long serialVersionUID = 1L;

    /**
     * Refuses a token, for the reason this class names.
     *
     * @param message what was wrong, safe to show the caller: it never holds a secret or token
     */
    public InvalidClaimException(String message) {
        super(message);
    }

    /**
     * Refuses a token, for the reason this class names, with the failure behind it.
     *
     * @param message what was wrong, safe to show the caller: it never holds a secret or token
     * @param cause   the parser's or library's exception
     */
    public InvalidClaimException(String message, Throwable cause) {
        super(message, cause);
    }
}
