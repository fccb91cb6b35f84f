package dev.lanyard.auth.event;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * What happened, as handed to an {@link AuthEventListener}. Events name principals by username,
 * client id or user id, and never carry a password, secret or token.
 *
 * <pre>{@code
 * AuthEventListener audit = new AuthEventListener() {
 *     public void loginFailed(AuthEvent.LoginFailed e) {
 *         log.warn("login failed for {} from {}: {}", e.principal(), e.address(), e.reason());
 *     }
 * };
 * }</pre>
 */
public sealed interface AuthEvent {

    /**
     * When it happened.
     *
     * @return the instant, read from the clock of the component that raised the event; never null
     */
    Instant at();

    /** Who tried to authenticate. */
    enum PrincipalKind {
        /** A user, named by username. */
        USER,
        /** An OAuth client, named by client id. */
        CLIENT
    }

    /** Why an authentication failed. The caller only ever learns "invalid credentials"; this is the truth. */
    enum FailureReason {
        /** No such user or client. */
        UNKNOWN,
        /** The password or secret did not match. */
        WRONG_CREDENTIALS,
        /** The account exists but is disabled. */
        DISABLED,
        /** The account has no password (or the client no secret) to check against. */
        NO_CREDENTIALS,
        /** Refused without checking: the account or address is locked out. */
        LOCKED_OUT,
        /**
         * Refused before any lookup: the name carries characters no username or client id may hold
         * (control or invisible characters, or what RFC 8265 disallows). The event's principal is then
         * the name's escaped, shortened form, safe to log.
         */
        MALFORMED,
        /** Refused without checking: too many password checks for the principal or address, at once or this minute. */
        RATE_LIMITED,
        /**
         * A client presented a kind of credential it is not registered for (its
         * {@code tokenEndpointAuthMethod}), or one that no registered client-authentication method takes.
         */
        WRONG_METHOD
    }

    /**
     * A user or client authenticated.
     *
     * @param at        when it happened
     * @param kind      whether a user or a client logged in
     * @param principal the username or client id
     * @param address   the remote address the attempt came from; null when unknown
     */
    record LoginSucceeded(Instant at, PrincipalKind kind, String principal, String address) implements AuthEvent {
        /**
         * Checks that the event has a time.
         *
         * @param at        when it happened; not null
         * @param kind      whether a user or a client logged in
         * @param principal the username or client id
         * @param address   the remote address; null when unknown
         * @throws NullPointerException when {@code at} is null
         */
        public LoginSucceeded {
            Objects.requireNonNull(at, "at");
        }
    }

    /**
     * A user or client failed to authenticate.
     *
     * @param at        when it happened
     * @param kind      whether a user or a client tried
     * @param principal the name given; for {@link FailureReason#MALFORMED} its escaped, shortened form
     * @param address   the remote address the attempt came from; null when unknown
     * @param reason    the real reason, which the caller is never told
     */
    record LoginFailed(Instant at, PrincipalKind kind, String principal, String address, FailureReason reason)
            implements AuthEvent {
        /**
         * Checks that the event has a time.
         *
         * @param at        when it happened; not null
         * @param kind      whether a user or a client tried
         * @param principal the name given, escaped and shortened when malformed
         * @param address   the remote address; null when unknown
         * @param reason    the real reason of the failure
         * @throws NullPointerException when {@code at} is null
         */
        public LoginFailed {
            Objects.requireNonNull(at, "at");
        }
    }

    /** Too many failures: {@code key} (an account or an address) is refused for {@code duration}. */
    record LockedOut(Instant at, String key, int failures, Duration duration) implements AuthEvent {
    }

    /** A password hash was upgraded to the current scheme or parameters on login. */
    record PasswordRehashed(Instant at, String userId) implements AuthEvent {
    }

    /** A user was created (alone, not by an import). */
    record UserCreated(Instant at, String userId, String username) implements AuthEvent {
    }

    /** A user was changed: profile, roles, enabled flag or password. */
    record UserUpdated(Instant at, String userId, String username, String change) implements AuthEvent {
    }

    /** A user was deleted. */
    record UserDeleted(Instant at, String userId, String username) implements AuthEvent {
    }

    /** Users or clients were imported from a file or a list, all at once. */
    record Imported(Instant at, PrincipalKind kind, int count, String source) implements AuthEvent {
    }

    /** A client was created. */
    record ClientCreated(Instant at, String clientId) implements AuthEvent {
    }

    /** A client was deleted. */
    record ClientDeleted(Instant at, String clientId) implements AuthEvent {
    }

    /** A new secret was added to a client (older ones stay valid until revoked). */
    record ClientSecretRotated(Instant at, String clientId, String secretId) implements AuthEvent {
    }

    /** A client secret was revoked. */
    record ClientSecretRevoked(Instant at, String clientId, String secretId) implements AuthEvent {
    }

    /** Tokens were issued by a grant (the access token's jti; a refresh token, if any, is not named). */
    record TokenIssued(Instant at, String grantType, String clientId, String subject, String accessTokenId)
            implements AuthEvent {
    }

    /** A refresh token was rotated; {@code replay} is true when a retry inside the grace window got the same pair. */
    record TokenRefreshed(Instant at, String familyId, String clientId, String subject, boolean replay)
            implements AuthEvent {
    }

    /** A rotated refresh token was used again: its whole family was revoked. */
    record RefreshTokenReused(Instant at, String familyId, String clientId, String subject) implements AuthEvent {
    }

    /** Tokens were revoked: a family, all of a subject's, all of a client's, or one access token. */
    record TokensRevoked(Instant at, String scope, String id, int accessTokens) implements AuthEvent {
    }
}
