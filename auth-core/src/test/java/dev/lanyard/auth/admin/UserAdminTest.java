package dev.lanyard.auth.admin;

import dev.lanyard.auth.DuplicateException;
import dev.lanyard.auth.InvalidCredentialsException;
import dev.lanyard.auth.NotFoundException;
import dev.lanyard.auth.event.AuthEvent;
import dev.lanyard.auth.event.AuthEventListener;
import dev.lanyard.auth.event.AuthEvents;
import dev.lanyard.auth.guard.LoginThrottle;
import dev.lanyard.auth.password.PasswordHasher;
import dev.lanyard.auth.testing.MutableClock;
import dev.lanyard.auth.user.InMemoryUserStore;
import dev.lanyard.auth.user.User;
import dev.lanyard.auth.user.UserAuthenticator;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class UserAdminTest {

    final MutableClock clock = MutableClock.at("2026-11-22T10:00:00Z");
    final PasswordHasher hasher = PasswordHasher.builder().argon2id(8192, 1, 1).build();
    final InMemoryUserStore users = new InMemoryUserStore();
    final List<String> events = new ArrayList<>();
    final UserAdmin admin = new UserAdmin(users, hasher, AuthEvents.of(new AuthEventListener() {
        @Override
        public void onEvent(AuthEvent event) {
            events.add(event.getClass().getSimpleName());
        }
    }), clock);
    final UserAuthenticator auth = UserAuthenticator.builder().users(users).hasher(hasher)
            .throttle(LoginThrottle.disabled()).build();

    @Test
    void findUserByIdAndNothingForAnUnknownOrImpossibleId() {
        User alice = admin.createUser(User.builder("alice").appId("my_app").build(), "wonderland".toCharArray());

        assertThat(admin.findUser(alice.id()).orElseThrow().appId()).contains("my_app");
        assertThat(admin.findUser("no-such-user")).isEmpty();
        assertThat(admin.findUser("bad\u0000id")).isEmpty();
    }

    @Test
    void createdUserCanLogInAndOnlyTheHashIsStored() {
        User alice = admin.createUser(User.builder("alice").email("a@example.com").build(), "wonderland".toCharArray());

        assertThat(alice.passwordHash().orElseThrow()).startsWith("$argon2id$");
        assertThat(auth.authenticate("alice", "wonderland".toCharArray(), null).id()).isEqualTo(alice.id());
        assertThat(events).containsExactly("UserCreated");
    }

    @Test
    void usernamesAreUniqueWhateverTheirCase() {
        admin.createUser(User.builder("alice").build(), "x-password".toCharArray());

        assertThatThrownBy(() -> admin.createUser(User.builder("ALICE").build(), "y-password".toCharArray()))
                .isInstanceOf(DuplicateException.class).hasMessageContaining("'ALICE'");
    }

    @Test
    void emptyPasswordIsRefused() {
        assertThatThrownBy(() -> admin.createUser(User.builder("alice").build(), new char[0]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("password");
    }

    @Test
    void setPasswordReplacesTheOldOne() {
        User alice = admin.createUser(User.builder("alice").build(), "old-password".toCharArray());

        admin.setPassword(alice.id(), "new-password".toCharArray());

        assertThatThrownBy(() -> auth.authenticate("alice", "old-password".toCharArray(), null))
                .isInstanceOf(InvalidCredentialsException.class);
        assertThat(auth.authenticate("alice", "new-password".toCharArray(), null)).isNotNull();
    }

    @Test
    void disabledUserCannotLogInUntilEnabledAgain() {
        User alice = admin.createUser(User.builder("alice").build(), "pw-password".toCharArray());

        admin.setEnabled(alice.id(), false);
        assertThatThrownBy(() -> auth.authenticate("alice", "pw-password".toCharArray(), null))
                .isInstanceOf(InvalidCredentialsException.class);
        admin.setEnabled(alice.id(), true);
        assertThat(auth.authenticate("alice", "pw-password".toCharArray(), null)).isNotNull();
    }

    @Test
    void updateChangesTheProfileButNeverThePasswordHash() {
        User alice = admin.createUser(User.builder("alice").build(), "pw-password".toCharArray());

        User changed = admin.update(alice.toBuilder().roles(Set.of("admin")).lang("FRA").passwordHash("$2b$forged").build());

        assertThat(changed.roles()).containsExactly("admin");
        assertThat(changed.passwordHash()).isEqualTo(alice.passwordHash());
        assertThat(users.findById(alice.id()).orElseThrow().lang()).contains("FRA");
    }

    @Test
    void deleteAndUnknownIds() {
        User alice = admin.createUser(User.builder("alice").build(), "pw-password".toCharArray());

        assertThat(admin.deleteUser(alice.id())).isTrue();
        assertThat(admin.deleteUser(alice.id())).isFalse();
        assertThatThrownBy(() -> admin.setPassword(alice.id(), "x".toCharArray())).isInstanceOf(NotFoundException.class);
        assertThat(events).containsExactly("UserCreated", "UserDeleted");
    }

    @Test
    void idsWithControlOrInvisibleCharactersAreNotFoundWithoutAStoreCall() {
        dev.lanyard.auth.user.UserStore.Writable untouchable = (dev.lanyard.auth.user.UserStore.Writable) java.lang.reflect.Proxy
                .newProxyInstance(getClass().getClassLoader(), new Class<?>[] {dev.lanyard.auth.user.UserStore.Writable.class},
                        (proxy, method, args) -> {
                            throw new AssertionError("the store was called: " + method.getName());
                        });
        UserAdmin guarded = new UserAdmin(untouchable, hasher, AuthEvents.none(), clock);

        assertThatThrownBy(() -> guarded.setEnabled("x\u0000\n<fake line>", false)).isInstanceOf(NotFoundException.class)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n").doesNotContain("fake"));
        assertThatThrownBy(() -> guarded.setPassword("id\u200b", "pw-123456".toCharArray()))
                .isInstanceOf(NotFoundException.class);
        assertThat(guarded.deleteUser("id\u0000")).isFalse();
    }
}
