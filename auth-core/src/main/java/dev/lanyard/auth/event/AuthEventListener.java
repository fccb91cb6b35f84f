package dev.lanyard.auth.event;

/**
 * Receives what Lanyard does, for audit logs and metrics. Every method has a no-op default, so a
 * listener implements only what it cares about; {@link #onEvent} sees every event. A listener that
 * throws is logged and ignored: it never breaks the request that raised the event. Listeners are
 * called synchronously on the request's thread, so keep them fast.
 *
 * <pre>{@code
 * AuthEventListener metrics = new AuthEventListener() {
 *     public void lockedOut(AuthEvent.LockedOut e) {
 *         lockouts.increment();
 *     }
 * };
 * }</pre>
 */
public interface AuthEventListener {

    /**
     * Called for every event, before the specific method.
     *
     * @param event the event, of any type
     */
    default void onEvent(AuthEvent event) {
    }

    /**
     * Called when a user or client authenticated.
     *
     * @param event who logged in, and from where
     */
    default void loginSucceeded(AuthEvent.LoginSucceeded event) {
    }

    /**
     * Called when a user or client failed to authenticate.
     *
     * @param event who tried, from where, and the real reason
     */
    default void loginFailed(AuthEvent.LoginFailed event) {
    }

    /**
     * Called when an account or address is locked out after too many failures.
     *
     * @param event the locked key, the failure count and the lockout's duration
     */
    default void lockedOut(AuthEvent.LockedOut event) {
    }

    /**
     * Called when a password hash was upgraded on login.
     *
     * @param event the user whose hash changed
     */
    default void passwordRehashed(AuthEvent.PasswordRehashed event) {
    }

    /**
     * Called when a user was created on its own, not by an import.
     *
     * @param event the new user's id and username
     */
    default void userCreated(AuthEvent.UserCreated event) {
    }

    /**
     * Called when a user's profile, roles, enabled flag or password changed.
     *
     * @param event the user and what changed
     */
    default void userUpdated(AuthEvent.UserUpdated event) {
    }

    /**
     * Called when a user was deleted.
     *
     * @param event the deleted user's id and username
     */
    default void userDeleted(AuthEvent.UserDeleted event) {
    }

    /**
     * Called once per import of users or clients.
     *
     * @param event what was imported, how many, and from where
     */
    default void imported(AuthEvent.Imported event) {
    }

    /**
     * Called when a client was created.
     *
     * @param event the new client's id
     */
    default void clientCreated(AuthEvent.ClientCreated event) {
    }

    /**
     * Called when a client was deleted.
     *
     * @param event the deleted client's id
     */
    default void clientDeleted(AuthEvent.ClientDeleted event) {
    }

    /**
     * Called when a new secret was added to a client.
     *
     * @param event the client and the new secret's id
     */
    default void clientSecretRotated(AuthEvent.ClientSecretRotated event) {
    }

    /**
     * Called when a client secret was revoked.
     *
     * @param event the client and the revoked secret's id
     */
    default void clientSecretRevoked(AuthEvent.ClientSecretRevoked event) {
    }

    /**
     * Called when a grant issued tokens.
     *
     * @param event the grant type, client, subject and access token's jti
     */
    default void tokenIssued(AuthEvent.TokenIssued event) {
    }

    /**
     * Called when a refresh token was rotated.
     *
     * @param event the token family, client and subject, and whether it was a replay in the grace window
     */
    default void tokenRefreshed(AuthEvent.TokenRefreshed event) {
    }

    /**
     * Called when a rotated refresh token was used again and its family revoked.
     *
     * @param event the revoked family, client and subject
     */
    default void refreshTokenReused(AuthEvent.RefreshTokenReused event) {
    }

    /**
     * Called when tokens were revoked.
     *
     * @param event what was revoked and how many access tokens it covered
     */
    default void tokensRevoked(AuthEvent.TokensRevoked event) {
    }

    /**
     * A listener that does nothing.
     *
     * @return a listener whose methods are all the no-op defaults
     */
    static AuthEventListener none() {
        return new AuthEventListener() {
        };
    }
}
