package dev.lanyard.auth.token;

import dev.lanyard.auth.AuthException;
import dev.lanyard.auth.OAuthError;

/**
 * A token was presented and could not be accepted. Always maps to {@code invalid_token}; the subclass
 * says why, so that callers can, for instance, tell an expired token from a forged one.
 *
 * <pre>{@code
 * try {
 *     verifier.verify(token);
 * } catch (ExpiredTokenException e) {
 *     // refresh and retry
 * } catch (InvalidTokenException e) {
 *     // reject: e.getMessage() says what was wrong, without echoing the token
 * }
 * }</pre>
 */
public class InvalidTokenException extends AuthException {

    private static final long serialVersionUID = 1L;

    public InvalidTokenException(String message) {
        super(OAuthError.INVALID_TOKEN, message);
    }

    public InvalidTokenException(String message, Throwable cause) {
        super(OAuthError.INVALID_TOKEN, message, cause);
    }
}
