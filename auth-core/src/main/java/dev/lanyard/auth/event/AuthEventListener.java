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

    /** Called for every event, before the specific method. */
    default void onEvent(AuthEvent event) {
    }

    default void loginSucceeded(AuthEvent.LoginSucceeded event) {
    }

    default void loginFailed(AuthEvent.LoginFailed event) {
    }

    default void lockedOut(AuthEvent.LockedOut event) {
    }

    default void passwordRehashed(AuthEvent.PasswordRehashed event) {
    }

    default void userCreated(AuthEvent.UserCreated event) {
    }

    default void userUpdated(AuthEvent.UserUpdated event) {
    }

    default void userDeleted(AuthEvent.UserDeleted event) {
    }

    default void imported(AuthEvent.Imported event) {
    }

    default void clientCreated(AuthEvent.ClientCreated event) {
    }

    default void clientDeleted(AuthEvent.ClientDeleted event) {
    }

    default void clientSecretRotated(AuthEvent.ClientSecretRotated event) {
    }

    default void clientSecretRevoked(AuthEvent.ClientSecretRevoked event) {
    }

    default void tokenIssued(AuthEvent.TokenIssued event) {
    }

    default void tokenRefreshed(AuthEvent.TokenRefreshed event) {
    }

    default void refreshTokenReused(AuthEvent.RefreshTokenReused event) {
    }

    default void tokensRevoked(AuthEvent.TokensRevoked event) {
    }

    /** A listener that does nothing. */
    static AuthEventListener none() {
        return new AuthEventListener() {
        };
    }
}
