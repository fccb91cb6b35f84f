package dev.lanyard.auth;

/**
 * {@code invalid_grant}: the code, refresh token or other grant is invalid, expired, revoked, issued to
 * another client, or does not match what it was issued with. The subclasses name the causes a caller
 * may want to tell apart ({@link CodeReplayedException}, {@link RedirectUriMismatchException},
 * {@link PkceFailedException}).
 *
 * <pre>{@code
 * try {
 *     tokens.grant(request);
 * } catch (CodeReplayedException e) {
 *     alert("a code was used twice; what it issued is revoked");
 * } catch (InvalidGrantException e) {
 *     // any other invalid grant
 * }
 * }</pre>
 */
public class InvalidGrantException extends AuthException {

    private static final long serialVersionUID = 1L;

    /**
     * A failure with this message, which is also the {@code error_description}.
     *
     * @param message what was wrong, never a secret or token
     */
    public InvalidGrantException(String message) {
        super(OAuthError.INVALID_GRANT, message);
    }

    /**
     * A failure with a log message and a different, wire-safe description.
     *
     * @param message     for the logs: may name the caller's own values
     * @param description the {@code error_description} sent to the client
     * @param cause       the underlying failure; null for none
     */
    public InvalidGrantException(String message, String description, Throwable cause) {
        super(OAuthError.INVALID_GRANT, message, description, cause);
    }
}
