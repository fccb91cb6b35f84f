package dev.lanyard.auth;

/**
 * The {@code redirect_uri} of a token request is not the one of its authorization request
 * ({@code invalid_grant}, RFC 6749 section 4.1.3).
 *
 * <pre>{@code
 * try {
 *     tokens.grant(request);
 * } catch (RedirectUriMismatchException e) {
 *     // the client is misconfigured, or the code was stolen
 * }
 * }</pre>
 */
public final class RedirectUriMismatchException extends InvalidGrantException {

    private static final long serialVersionUID = 1L;

    /**
     * A redirect URI that does not match.
     *
     * @param message what was wrong, also the {@code error_description}
     */
    public RedirectUriMismatchException(String message) {
        super(message);
    }
}
