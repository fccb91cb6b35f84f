package dev.lanyard.auth.token;

/**
 * The token is not a well-formed compact JWS: too large, wrong number of parts, bad base64url, invalid or
 * duplicated JSON members, or a required claim missing or of the wrong type.
 */
public class MalformedTokenException extends InvalidTokenException {

    private static final long serialVersionUID = 1L;

    /**
     * Refuses a token, for the reason this class names.
     *
     * @param message what was wrong, safe to show the caller: it never holds a secret or token
     */
    public MalformedTokenException(String message) {
        super(message);
    }

    /**
     * Refuses a token, for the reason this class names, with the failure behind it.
     *
     * @param message what was wrong, safe to show the caller: it never holds a secret or token
     * @param cause   the parser's or library's exception
     */
    public MalformedTokenException(String message, Throwable cause) {
        super(message, cause);
    }
}
