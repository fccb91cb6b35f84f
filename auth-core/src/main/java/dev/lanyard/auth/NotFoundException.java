package dev.lanyard.auth;

/**
 * An admin operation named a user or client that does not exist. Maps to {@code invalid_request}.
 *
 * <pre>{@code
 * try {
 *     admin.deleteClient("old-app");
 * } catch (NotFoundException e) {
 *     respond(404, e.getMessage());
 * }
 * }</pre>
 */
public class NotFoundException extends AuthException {

    private static final long serialVersionUID = 1L;

    /**
     * Reports an id that names nothing.
     *
     * @param message what was wrong, safe to show the caller: it never holds a secret or token
     */
    public NotFoundException(String message) {
        super(OAuthError.INVALID_REQUEST, message);
    }
}
