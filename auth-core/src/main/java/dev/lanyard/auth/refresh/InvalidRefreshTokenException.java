package dev.lanyard.auth.refresh;

import dev.lanyard.auth.AuthException;
import dev.lanyard.auth.OAuthError;

/**
 * A refresh token was refused: unknown, expired, revoked, issued to another client, or reused. Maps
 * to {@code invalid_grant}; the message says which, without the token.
 *
 * <pre>{@code
 * try {
 *     tokens.rotate(refreshToken, clientId, issuer);
 * } catch (RefreshTokenReusedException e) {
 *     alertSecurityTeam(e.familyId());
 * } catch (InvalidRefreshTokenException e) {
 *     // ask the user to log in again
 * }
 * }</pre>
 */
public class InvalidRefreshTokenException extends AuthException {

    private static final long serialVersionUID = 1L;

    /**
     * Reports a refresh token that cannot be used.
     *
     * @param message what was wrong, safe to show the caller: it never holds a secret or token
     */
    public InvalidRefreshTokenException(String message) {
        super(OAuthError.INVALID_GRANT, message);
    }
}
