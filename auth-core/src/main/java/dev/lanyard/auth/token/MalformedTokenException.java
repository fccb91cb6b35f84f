package dev.lanyard.auth.token;

/**
 * The token is not a well-formed compact JWS: too large, wrong number of parts, bad base64url, invalid or
 * duplicated JSON members, or a required claim missing or of the wrong type.
 */
public class MalformedTokenException extends InvalidTokenException {

    private static final long serialVersionUID = 1L;

    public MalformedTokenException(String message) {
        super(message);
    }

    public MalformedTokenException(String message, Throwable cause) {
        super(message, cause);
    }
}
