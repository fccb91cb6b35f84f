package dev.lanyard.auth;

import java.util.Objects;

/**
 * The root of every failure Lanyard reports to a caller. Each carries the OAuth {@link OAuthError}
 * the HTTP layer answers with, and a message meant for the developer reading the logs: it says what
 * was wrong, never echoes a token, secret or password.
 *
 * <p>Catch the subclasses to react to one kind of failure, or this class to handle them all:
 *
 * <pre>{@code
 * try {
 *     VerifiedToken token = verifier.verify(header);
 * } catch (ExpiredTokenException e) {
 *     // ask the client to refresh
 * } catch (AuthException e) {
 *     respond(401, e.error().code(), e.getMessage());
 * }
 * }</pre>
 */
public class AuthException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final OAuthError error;

    public AuthException(OAuthError error, String message) {
        this(error, message, null);
    }

    public AuthException(OAuthError error, String message, Throwable cause) {
        super(Objects.requireNonNull(message, "message"), cause);
        this.error = Objects.requireNonNull(error, "error");
    }

    /** The OAuth error code this failure maps to. */
    public OAuthError error() {
        return error;
    }
}
