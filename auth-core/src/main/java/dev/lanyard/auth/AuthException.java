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

    /** The OAuth error code this failure maps to. */
    private final OAuthError error;

    /**
     * A failure with this OAuth error code.
     *
     * @param error   the code the servlet layer turns into a status
     * @param message the {@code error_description}: never a secret or token
     * @throws NullPointerException when either is null
     */
    public AuthException(OAuthError error, String message) {
        this(error, message, null);
    }

    /**
     * A failure with this OAuth error code and the exception behind it.
     *
     * @param error   the code the servlet layer turns into a status
     * @param message the {@code error_description}: never a secret or token
     * @param cause   the underlying failure; null for none
     * @throws NullPointerException when {@code error} or {@code message} is null
     */
    public AuthException(OAuthError error, String message, Throwable cause) {
        super(Objects.requireNonNull(message, "message"), cause);
        this.error = Objects.requireNonNull(error, "error");
    }

    /**
     * The OAuth error code this failure maps to.
     *
     * @return the code, never null
     */
    public OAuthError error() {
        return error;
    }
}
