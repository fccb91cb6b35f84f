package dev.lanyard.auth;

/**
 * A create or import would give two entries the same unique name (a username, a client id). Maps to
 * {@code invalid_request}; the message names the duplicate and, for an import, its entry.
 *
 * <pre>{@code
 * try {
 *     admin.createUser(request);
 * } catch (DuplicateException e) {
 *     respond(409, e.getMessage()); // "username 'alice' is already taken"
 * }
 * }</pre>
 */
public class DuplicateException extends AuthException {

    private static final long serialVersionUID = 1L;

    /**
     * Reports a name that is already taken.
     *
     * @param message what was wrong, safe to show the caller: it never holds a secret or token
     */
    public DuplicateException(String message) {
        super(OAuthError.INVALID_REQUEST, message);
    }
}
