package dev.lanyard.auth.user;

import dev.lanyard.auth.InvalidCredentialsException;
import dev.lanyard.auth.event.AuthEvent;
import dev.lanyard.auth.event.AuthEventListener;
import dev.lanyard.auth.event.AuthEvents;
import dev.lanyard.auth.guard.LockedOutException;
import dev.lanyard.auth.guard.LoginThrottle;
import dev.lanyard.auth.password.PasswordHasher;
import dev.lanyard.auth.testing.MutableClock;
import org.bouncycastle.crypto.generators.OpenBSDBCrypt;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class UserAuthenticatorTest {

    final MutableClock clock = MutableClock.at("2026-11-22T10:00:00Z");
    final PasswordHasher hasher = PasswordHasher.builder().argon2id(8192, 1, 1).build();
    final InMemoryUserStore users = new InMemoryUserStore();
    final List<AuthEvent> events = new ArrayList<>();
    final UserAuthenticator auth = UserAuthenticator.builder()
            .users(users).hasher(hasher).clock(clock)
            .throttle(LoginThrottle.builder().maxFailures(3).clock(clock).build())
            .events(AuthEvents.of(new AuthEventListener() {
                @Override
                public void onEvent(AuthEvent event) {
                    events.add(event);
                }
            }))
            .build();

    User alice() {
        User alice = User.builder("alice").passwordHash(hasher.hash("wonderland".toCharArray())).build();
        users.create(alice);
        return alice;
    }

    @Test
    void rightPasswordAuthenticatesWhateverTheUsernameCase() {
        User alice = alice();

        assertThat(auth.authenticate("ALICE", "wonderland".toCharArray(), "10.0.0.1")).isEqualTo(alice);
        assertThat(events).last().isInstanceOf(AuthEvent.LoginSucceeded.class);
    }

    @Test
    void unknownUserWrongPasswordAndDisabledUserFailTheSameWayWithTheRealReasonInTheEvent() {
        User alice = alice();
        users.create(User.builder("bob").passwordHash(hasher.hash("builder".toCharArray())).enabled(false).build());
        users.create(User.builder("carol").build());

        String unknown = failure(() -> auth.authenticate("mallory", "x".toCharArray(), null));
        String wrong = failure(() -> auth.authenticate("alice", "nope".toCharArray(), null));
        String disabled = failure(() -> auth.authenticate("bob", "builder".toCharArray(), null));
        String noPassword = failure(() -> auth.authenticate("carol", "x".toCharArray(), null));

        assertThat(List.of(wrong, disabled, noPassword)).containsOnly(unknown);
        assertThat(events).filteredOn(AuthEvent.LoginFailed.class::isInstance)
                .extracting(e -> ((AuthEvent.LoginFailed) e).reason())
                .containsExactly(AuthEvent.FailureReason.UNKNOWN, AuthEvent.FailureReason.WRONG_CREDENTIALS,
                        AuthEvent.FailureReason.DISABLED, AuthEvent.FailureReason.NO_CREDENTIALS);
        assertThat(alice.enabled()).isTrue();
    }

    @Test
    void unknownUserIsCheckedAgainstTheDummyHash() {
        List<String> verified = new ArrayList<>();
        UserStore spying = new UserStore() {
            @Override
            public Optional<User> findByUsername(String username) {
                verified.add(username);
                return Optional.empty();
            }

            @Override
            public Optional<User> findById(String id) {
                return Optional.empty();
            }
        };
        PasswordHasher slow = PasswordHasher.defaults();
        UserAuthenticator timed = UserAuthenticator.builder().users(spying).hasher(slow)
                .throttle(LoginThrottle.disabled()).build();
        String known = slow.hash("pw".toCharArray());

        Runnable unknown = () -> assertThatThrownBy(() -> timed.authenticate("ghost", "pw".toCharArray(), null));
        Runnable wrongPassword = () -> slow.verify("wrong".toCharArray(), known);
        // Warmed up, then measured in alternation, so that the JIT and a garbage collection of the
        // 19 MiB Argon2id blocks fall on both sides alike (measured one after the other, the second
        // side once took twice as long as the first on a quiet machine).
        unknown.run();
        wrongPassword.run();
        long[] unknownTimes = new long[7];
        long[] knownTimes = new long[7];
        for (int i = 0; i < unknownTimes.length; i++) {
            unknownTimes[i] = nanos(unknown);
            knownTimes[i] = nanos(wrongPassword);
        }
        long unknownNanos = medianOf(unknownTimes);
        long knownNanos = medianOf(knownTimes);

        // A generous statistical bound: the unknown user must cost at least half a real verification.
        assertThat(unknownNanos).isGreaterThan(knownNanos / 2);
        assertThat(verified).contains("ghost");
    }

    @Test
    void lockedOutAfterRepeatedFailuresEvenWithTheRightPassword() {
        alice();
        for (int i = 0; i < 3; i++) {
            failure(() -> auth.authenticate("alice", "guess".toCharArray(), "10.0.0.1"));
        }

        assertThatThrownBy(() -> auth.authenticate("alice", "wonderland".toCharArray(), "10.0.0.1"))
                .isInstanceOf(LockedOutException.class)
                .satisfies(e -> assertThat(((LockedOutException) e).error().code()).isEqualTo("invalid_grant"));
        clock.advance(Duration.ofMinutes(1));
        assertThat(auth.authenticate("alice", "wonderland".toCharArray(), "10.0.0.1").username()).isEqualTo("alice");
    }

    @Test
    void unknownUsernamesAreThrottledTooSoLockoutsRevealNothing() {
        for (int i = 0; i < 3; i++) {
            failure(() -> auth.authenticate("ghost", "guess".toCharArray(), null));
        }

        assertThatThrownBy(() -> auth.authenticate("ghost", "guess".toCharArray(), null))
                .isInstanceOf(LockedOutException.class);
    }

    @Test
    void loginOnABcryptHashRehashesToArgon2id() {
        String bcrypt = OpenBSDBCrypt.generate("2b", "legacy-pw".getBytes(StandardCharsets.UTF_8), new byte[16], 4);
        User dave = User.builder("dave").passwordHash(bcrypt).build();
        users.create(dave);

        auth.authenticate("dave", "legacy-pw".toCharArray(), null);

        String stored = users.findById(dave.id()).orElseThrow().passwordHash().orElseThrow();
        assertThat(stored).startsWith("$argon2id$");
        assertThat(hasher.needsRehash(stored)).isFalse();
        assertThat(events).anySatisfy(e -> assertThat(e).isInstanceOf(AuthEvent.PasswordRehashed.class));
        assertThat(auth.authenticate("dave", "legacy-pw".toCharArray(), null).id()).isEqualTo(dave.id());
    }

    @Test
    void readOnlyStoreStillAuthenticatesWithoutRehash() {
        String bcrypt = OpenBSDBCrypt.generate("2b", "pw".getBytes(StandardCharsets.UTF_8), new byte[16], 4);
        User erin = User.builder("erin").passwordHash(bcrypt).build();
        UserStore readOnly = new UserStore() {
            @Override
            public Optional<User> findByUsername(String username) {
                return Optional.of(erin).filter(u -> User.usernameKey(username).equals("erin"));
            }

            @Override
            public Optional<User> findById(String id) {
                return Optional.of(erin).filter(u -> u.id().equals(id));
            }
        };
        List<AuthEvent> seen = new ArrayList<>();
        UserAuthenticator ro = UserAuthenticator.builder().users(readOnly)
                .hasher(PasswordHasher.builder().argon2id(8192, 1, 1).build()).events(AuthEvents.of(new AuthEventListener() {
                    @Override
                    public void onEvent(AuthEvent event) {
                        seen.add(event);
                    }
                })).build();

        for (int i = 0; i < 3; i++) {
            assertThat(ro.authenticate("erin", "pw".toCharArray(), null)).isEqualTo(erin);
        }
        // The store is no PasswordUpgrade: read-only by its type, so no login pays for a new hash (the old
        // version counted the refused update() calls; there is no such call to refuse any more).
        assertThat(seen).noneSatisfy(e -> assertThat(e).isInstanceOf(AuthEvent.PasswordRehashed.class));
        assertThat(seen).filteredOn(e -> e instanceof AuthEvent.LoginSucceeded).hasSize(3);
    }

    @Test
    void aReadOnlyStoreThatIsAPasswordUpgradeGetsTheNewHashAndTheEvent() {
        String bcrypt = OpenBSDBCrypt.generate("2b", "pw".getBytes(StandardCharsets.UTF_8), new byte[16], 4);
        User erin = User.builder("erin").passwordHash(bcrypt).build();
        List<String> upgrades = new ArrayList<>();
        final class LegacyStore implements UserStore, PasswordUpgrade {
            @Override
            public Optional<User> findByUsername(String username) {
                return Optional.of(erin).filter(u -> User.usernameKey(username).equals("erin"));
            }

            @Override
            public Optional<User> findById(String id) {
                return Optional.of(erin).filter(u -> u.id().equals(id));
            }

            @Override
            public boolean upgradePassword(String userId, String currentHash, String newHash) {
                upgrades.add(userId + " " + currentHash.equals(bcrypt) + " " + newHash.startsWith("$argon2id$"));
                return true;
            }
        }
        List<AuthEvent> seen = new ArrayList<>();
        UserAuthenticator auth = UserAuthenticator.builder().users(new LegacyStore())
                .hasher(PasswordHasher.builder().argon2id(8192, 1, 1).build()).events(AuthEvents.of(new AuthEventListener() {
                    @Override
                    public void onEvent(AuthEvent event) {
                        seen.add(event);
                    }
                }))
                .build();

        assertThat(auth.authenticate("erin", "pw".toCharArray(), null)).isEqualTo(erin);

        assertThat(upgrades).containsExactly(erin.id() + " true true");
        assertThat(seen).anySatisfy(e -> assertThat(e).isInstanceOf(AuthEvent.PasswordRehashed.class));
    }

    private static String failure(Runnable attempt) {
        try {
            attempt.run();
        } catch (InvalidCredentialsException e) {
            return e.error().code() + ": " + e.getMessage();
        }
        throw new AssertionError("expected the authentication to fail");
    }

    private static long nanos(Runnable r) {
        long start = System.nanoTime();
        r.run();
        return System.nanoTime() - start;
    }

    private static long medianOf(long[] times) {
        long[] sorted = times.clone();
        java.util.Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    @Test
    void authenticateWhenUsernameHoldsNulOrInvisibleCharactersThenInvalidGrantWithoutStoreCall() {
        UserStore untouchable = (UserStore) java.lang.reflect.Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {UserStore.class}, (proxy, method, args) -> {
                    throw new AssertionError("the store was called: " + method.getName());
                });
        List<AuthEvent.LoginFailed> failed = new ArrayList<>();
        UserAuthenticator guarded = UserAuthenticator.builder().users(untouchable).hasher(hasher).clock(clock)
                .throttle(LoginThrottle.builder().maxFailures(3).maxAddressFailures(100).clock(clock).build())
                .events(AuthEvents.of(new AuthEventListener() {
                    @Override
                    public void loginFailed(AuthEvent.LoginFailed event) {
                        failed.add(event);
                    }
                }))
                .build();

        for (String name : List.of("ali\u0000ce", "x\u0000\n<fake line>", "root\u200b", "foo bar", "henry\u2163")) {
            assertThatThrownBy(() -> guarded.authenticate(name, "wonderland".toCharArray(), "10.0.0.9"))
                    .isInstanceOf(InvalidCredentialsException.class)
                    .satisfies(e -> assertThat(((InvalidCredentialsException) e).error().code()).isEqualTo("invalid_grant"));
        }
        assertThat(failed).extracting(AuthEvent.LoginFailed::reason).containsOnly(AuthEvent.FailureReason.MALFORMED);
        assertThat(failed).extracting(AuthEvent.LoginFailed::principal)
                .as("the event names the login by a form safe to log").noneMatch(p -> p.contains("\n") || p.contains("\u0000"));
    }
}
