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

    /**
     * Refuses a token, for the reason this class names.
     *
     * @param message what was wrong, safe to show the caller: it never holds a secret or token
     */
    public InvalidTokenException(String message) {
        super(OAuthError.INVALID_TOKEN, message);
    }

    /**
     * Refuses a token, for the reason this class names, with the failure behind it.
     *
     * @param message what was wrong, safe to show the caller: it never holds a secret or token
     * @param cause   the parser's or library's exception
     */
    public InvalidTokenException(String message, Throwable cause) {
        super(OAuthError.INVALID_TOKEN, message, cause);
    }
}
