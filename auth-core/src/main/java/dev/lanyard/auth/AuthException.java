package dev.lanyard.auth;

import java.util.Objects;

/**
 * The root of every failure Lanyard reports to a caller; abstract, so that every failure is named by its
 * subclass ({@link InvalidRequestException}, {@link InvalidGrantException} and its causes,
 * {@link UnauthorizedClientException}, {@link dev.lanyard.auth.token.InvalidTokenException}, ...). Each
 * carries the OAuth {@link OAuthError} the HTTP layer answers with, a message meant for the developer
 * reading the logs, and a {@linkplain #description() description} that is safe to send to the client
 * (the same text unless the failure says otherwise). Neither ever holds a token, secret or password.
 *
 * <p>Catch the subclasses to react to one kind of failure, or this class to handle them all:
 *
 * <pre>{@code
 * try {
 *     VerifiedToken token = verifier.verify(header);
 * } catch (ExpiredTokenException e) {
 *     // ask the client to refresh
 * } catch (AuthException e) {
 *     respond(401, e.error().code(), e.description());
 * }
 * }</pre>
 */
public abstract class AuthException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** The OAuth error code this failure maps to. */
    private final OAuthError error;
    /** What the client may read. */
    private final String description;

    /**
     * A failure with this OAuth error code.
     *
     * @param error   the code the servlet layer turns into a status
     * @param message the message, also the {@code error_description}: never a secret or token
     * @throws NullPointerException when either is null
     */
    protected AuthException(OAuthError error, String message) {
        this(error, message, null);
    }

    /**
     * A failure with this OAuth error code and the exception behind it.
     *
     * @param error   the code the servlet layer turns into a status
     * @param message the message, also the {@code error_description}: never a secret or token
     * @param cause   the underlying failure; null for none
     * @throws NullPointerException when {@code error} or {@code message} is null
     */
    protected AuthException(OAuthError error, String message, Throwable cause) {
        this(error, message, message, cause);
    }

    /**
     * A failure whose message for the logs differs from what the client is told.
     *
     * @param error       the code the servlet layer turns into a status
     * @param message     for the logs: may name the caller's own values, never a secret or token
     * @param description the {@code error_description} for the client
     * @param cause       the underlying failure; null for none
     * @throws NullPointerException when {@code error}, {@code message} or {@code description} is null
     */
    protected AuthException(OAuthError error, String message, String description, Throwable cause) {
        super(Objects.requireNonNull(message, "message"), cause);
        this.error = Objects.requireNonNull(error, "error");
        this.description = Objects.requireNonNull(description, "description");
    }

    /**
     * What the client is told, as {@code error_description}: safe to send, kept apart from
     * {@link #getMessage()}, which is for the logs.
     *
     * @return the description, never null
     */
    public String description() {
        return description;
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
