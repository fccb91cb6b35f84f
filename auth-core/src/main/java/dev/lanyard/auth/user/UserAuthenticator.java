package dev.lanyard.auth.user;

import dev.lanyard.auth.InvalidCredentialsException;
import dev.lanyard.auth.OAuthError;
import dev.lanyard.auth.StoreException;
import dev.lanyard.auth.event.AuthEvent;
import dev.lanyard.auth.event.AuthEvent.FailureReason;
import dev.lanyard.auth.event.AuthEvents;
import dev.lanyard.auth.guard.LockedOutException;
import dev.lanyard.auth.guard.LoginThrottle;
import dev.lanyard.auth.internal.Identifiers;
import dev.lanyard.auth.password.PasswordHasher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.Objects;
import java.util.Optional;

/**
 * Checks a username and password. Every failure looks the same to the caller
 * ({@link InvalidCredentialsException}, {@code invalid_grant}) and takes the same time: an unknown
 * user is checked against a dummy hash. The true reason goes to the events. Throttled per account and
 * per address ({@link LockedOutException} while locked). On success, a hash made with an older scheme
 * or weaker parameters is replaced by a fresh Argon2id hash when the store is a {@link PasswordUpgrade}
 * (every {@link UserStore.Writable} is); other stores keep their hashes as they are.
 *
 * <pre>{@code
 * UserAuthenticator auth = UserAuthenticator.builder()
 *         .users(userStore)
 *         .hasher(PasswordHasher.defaults())
 *         .throttle(LoginThrottle.defaults())
 *         .build();
 * User user = auth.authenticate("alice", passwordChars, request.getRemoteAddr());
 * }</pre>
 */
public final class UserAuthenticator {

    private static final Logger LOG = LoggerFactory.getLogger(UserAuthenticator.class);

    private final UserStore users;
    private final PasswordHasher hasher;
    private final LoginThrottle throttle;
    private final AuthEvents events;
    private final Clock clock;
    /** Null when the store cannot take a new hash: then no Argon2id run is spent on one. */
    private final PasswordUpgrade upgrade;

    private UserAuthenticator(Builder b) {
        this.users = b.users;
        this.hasher = b.hasher;
        this.throttle = b.throttle;
        this.events = b.events;
        this.clock = b.clock;
        this.upgrade = b.users instanceof PasswordUpgrade u ? u : null;
    }

    /**
     * Starts a builder; {@code users(..)} is required.
     *
     * @return a new builder with the defaults
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Checks a username and password, under the throttle, and rehashes an outdated hash on success.
     *
     * @param username the username as typed
     * @param password the password; not kept, and the caller may clear it afterwards
     * @param address the caller's address for throttling, or null when unknown
     * @return the authenticated, enabled user
     * @throws InvalidCredentialsException for an unknown user, a wrong password, a disabled account, or a
     *                                     username RFC 8265 disallows (refused without a store call)
     * @throws LockedOutException          while the account or address is locked out, or (its subclass
     *                                     {@link dev.lanyard.auth.guard.RateLimitedException}) while it has
     *                                     too many password checks running or this minute
     */
    public User authenticate(String username, char[] password, String address) {
        String key = keyOrNull(username);
        String account = key == null ? null : "user:" + key;
        try (LoginThrottle.Attempt attempt = throttle.begin(account, address)) {
            refuseIf(attempt.refusal(), username, address);
            if (key == null) {
                // No store call and no hash run: no account can have such a name (RFC 8265 disallows it).
                attempt.failed();
                fail(username, address, FailureReason.MALFORMED);
                throw InvalidCredentialsException.forUser();
            }
            // Unknown users are capped like known ones: a refusal must not tell which usernames exist.
            refuseIf(attempt.beforeHash(account), username, address);
            return check(attempt, username, password, address);
        }
    }

    private void refuseIf(Optional<LoginThrottle.Refusal> refusal, String username, String address) {
        if (refusal.isPresent()) {
            fail(username, address, refusal.get().lockedOut() ? FailureReason.LOCKED_OUT : FailureReason.RATE_LIMITED);
            throw refusal.get().exception(OAuthError.INVALID_GRANT);
        }
    }

    private User check(LoginThrottle.Attempt attempt, String username, char[] password, String address) {
        Optional<User> found = username == null || username.isEmpty() ? Optional.empty() : users.findByUsername(username);
        Optional<String> hash = found.flatMap(User::passwordHash);
        boolean matches;
        if (hash.isPresent() && password != null && password.length > 0) {
            matches = verify(password, hash.get());
        } else {
            hasher.verifyDummy(password == null ? new char[0] : password);
            matches = false;
        }
        if (!matches || !found.get().enabled()) {
            attempt.failed();
            fail(username, address, found.isEmpty() ? FailureReason.UNKNOWN
                    : hash.isEmpty() ? FailureReason.NO_CREDENTIALS
                    : !matches ? FailureReason.WRONG_CREDENTIALS : FailureReason.DISABLED);
            throw InvalidCredentialsException.forUser();
        }
        User user = found.get();
        attempt.succeeded();
        events.publish(new AuthEvent.LoginSucceeded(clock.instant(), AuthEvent.PrincipalKind.USER, user.username(), address));
        rehashIfNeeded(user, hash.get(), password);
        return user;
    }

    private boolean verify(char[] password, String hash) {
        try {
            return hasher.verify(password, hash);
        } catch (IllegalArgumentException e) {
            LOG.warn("a stored password hash is not usable ({}); the login is refused", e.getMessage());
            return false;
        }
    }

    private void rehashIfNeeded(User user, String hash, char[] password) {
        if (upgrade == null || !hasher.needsRehash(hash)) {
            return;
        }
        try {
            if (upgrade.upgradePassword(user.id(), hash, hasher.hash(password))) {
                events.publish(new AuthEvent.PasswordRehashed(clock.instant(), user.id()));
            }
        } catch (StoreException e) {
            LOG.warn("could not upgrade the password hash of user {}; will retry at the next login", user.id(), e);
        }
    }

    /** The username's key; "" for none; null when it is no valid username. */
    private static String keyOrNull(String username) {
        if (username == null || username.isEmpty()) {
            return "";
        }
        try {
            return User.usernameKey(username);
        } catch (InvalidUsernameException e) {
            return null;
        }
    }

    private void fail(String username, String address, FailureReason reason) {
        events.publish(new AuthEvent.LoginFailed(clock.instant(), AuthEvent.PrincipalKind.USER,
                Identifiers.forLog(username), address, reason));
    }

    /** Builds a {@link UserAuthenticator}. */
    public static final class Builder {
        private UserStore users;
        private PasswordHasher hasher;
        private LoginThrottle throttle;
        private AuthEvents events = AuthEvents.none();
        private Clock clock = Clock.systemUTC();

        private Builder() {
        }

        /**
         * Required.
         *
         * @param users the store users are looked up in; when it is a {@link PasswordUpgrade}, outdated
         *              hashes are replaced in it on login
         * @return this builder
         */
        public Builder users(UserStore users) {
            this.users = Objects.requireNonNull(users, "users");
            return this;
        }

        /**
         * Default {@link PasswordHasher#defaults()}.
         *
         * @param hasher verifies password hashes and writes upgraded ones
         * @return this builder
         */
        public Builder hasher(PasswordHasher hasher) {
            this.hasher = Objects.requireNonNull(hasher, "hasher");
            return this;
        }

        /**
         * Default {@link LoginThrottle#defaults()}.
         *
         * @param throttle the guess budget; share one instance among every door that checks passwords
         * @return this builder
         */
        public Builder throttle(LoginThrottle throttle) {
            this.throttle = Objects.requireNonNull(throttle, "throttle");
            return this;
        }

        /**
         * Where successes and failures are reported; default nowhere.
         *
         * @param events the dispatcher to the listeners
         * @return this builder
         */
        public Builder events(AuthEvents events) {
            this.events = Objects.requireNonNull(events, "events");
            return this;
        }

        /**
         * The clock of the throttle's windows and the events; default the system UTC clock.
         *
         * @param clock the clock to read; a fixed one in tests
         * @return this builder
         */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * Builds the authenticator.
         *
         * @return the thread-safe authenticator
         * @throws IllegalStateException without {@code users(..)}
         */
        public UserAuthenticator build() {
            if (users == null) {
                throw new IllegalStateException("users(..) is required");
            }
            hasher = hasher == null ? PasswordHasher.defaults() : hasher;
            throttle = throttle == null ? LoginThrottle.defaults() : throttle;
            return new UserAuthenticator(this);
        }
    }
}
