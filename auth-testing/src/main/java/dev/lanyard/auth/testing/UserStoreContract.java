package dev.lanyard.auth.testing;

import dev.lanyard.auth.DuplicateException;
import dev.lanyard.auth.NotFoundException;
import dev.lanyard.auth.user.User;
import dev.lanyard.auth.user.UserStore;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The behaviour every {@link UserStore.Writable} owes its callers, the lookups of
 * {@link UserStoreReadContract} included. Extend it with a store of your own and JUnit runs every case
 * against it:
 *
 * <pre>{@code
 * class LdapUserStoreTest extends UserStoreContract {
 *     @Override
 *     protected UserStore.Writable newStore() {
 *         return new LdapUserStore(emptyTestDirectory());
 *     }
 * }
 * }</pre>
 *
 * <p>The suite is in the {@code dev.lanyard:auth-testing} artifact.
 */
public abstract class UserStoreContract extends UserStoreReadContract {

    /** A PHC string that must never appear in an exception message. */
    protected static final String HASH = "$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHRzYWx0$SECRETHASHVALUEdonotlogme";

    /** The store under test: the read contract's store, as the writable store it is. */
    protected UserStore.Writable store;

    /** Creates a test base. */
    protected UserStoreContract() {
    }

    /**
     * A new, empty store; called before each test.
     *
     * @return the store under test
     */
    @Override
    protected abstract UserStore.Writable newStore();

    /** Seeds through the store's own {@link UserStore.Writable#createAll}. */
    @Override
    protected void seed(User... users) {
        store.createAll(List.of(users));
    }

    @BeforeEach
    void createStore() {
        store = (UserStore.Writable) super.store; // the one the read contract opened for this test
    }

    // --- password upgrade (the rehash on login) ---

    @Test
    void upgradePasswordReplacesTheHashWhileItIsStillTheOneRead() {
        User alice = created(user("alice"));
        String stronger = "$argon2id$v=19$m=65536,t=3,p=1$bmV3c2FsdG5ld3NhbHQ$NEWHASHVALUE";

        assertThat(store.upgradePassword(alice.id(), HASH, stronger)).isTrue();

        assertThat(store.findById(alice.id())).get().extracting(u -> u.passwordHash().orElseThrow()).isEqualTo(stronger);
        assertThat(store.findById(alice.id())).get().extracting(User::roles).isEqualTo(alice.roles());
    }

    @Test
    void upgradePasswordWhenTheHashChangedMeanwhileThenKeepsTheNewerOne() {
        User alice = created(user("alice"));
        String adminSet = "$argon2id$v=19$m=19456,t=2,p=1$YWRtaW5zYWx0YWRtaW4$ADMINSETHASH";
        store.update(alice.toBuilder().passwordHash(adminSet).build());

        assertThat(store.upgradePassword(alice.id(), HASH, "$argon2id$v=19$m=65536,t=3,p=1$c3RhbGVzYWx0c3RhbGU$STALE"))
                .isFalse();

        assertThat(store.findById(alice.id())).get().extracting(u -> u.passwordHash().orElseThrow()).isEqualTo(adminSet);
    }

    @Test
    void upgradePasswordOfAnUnknownUserIsFalse() {
        assertThat(store.upgradePassword("no-such-id", HASH, "$argon2id$v=19$m=65536,t=3,p=1$eHh4eHh4eHh4eHh4$X"))
                .isFalse();
    }

    // --- create and find ---

    @Test
    void createThenFindById() {
        User alice = user("alice");
        store.create(alice);

        assertThat(store.findById(alice.id())).contains(alice);
    }

    @Test
    void createThenFindByUsername() {
        User alice = user("alice");
        store.create(alice);

        assertThat(store.findByUsername("alice")).contains(alice);
    }

    @Test
    void findByUsernameIgnoresCase() {
        User alice = user("alice");
        store.create(alice);

        assertThat(store.findByUsername("Alice")).contains(alice);
        assertThat(store.findByUsername("ALICE")).contains(alice);
    }

    @Test
    void findByUsernameNormalisesNfkc() {
        User alice = user("alice");
        store.create(alice);

        assertThat(store.findByUsername("\uff41\uff4c\uff49\uff43\uff45")).contains(alice); // fullwidth 'ａｌｉｃｅ'
    }

    @Test
    void findByUsernameKeepsTheUsernameAsGiven() {
        store.create(user("Alice"));

        assertThat(store.findByUsername("alice")).get().extracting(User::username).isEqualTo("Alice");
    }

    @Test
    void findByUsernameWhenOnlyAccentsDifferThenNoMatch() {
        store.create(user("resume"));

        assertThat(store.findByUsername("r\u00e9sum\u00e9")).isEmpty();
    }

    @Test
    void findByUsernameWhenKeyDiffersByTrailingSpaceThenNoMatch() {
        // RFC 8265 disallows every space, the no-break space too: such a user cannot exist to match.
        store.create(user("alice"));

        assertThat(store.findByUsername("alice\u00a0")).isEmpty();
        assertThatThrownBy(() -> user("alice\u00a0")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void findByUsernameWhenItHoldsControlOrInvisibleCharactersThenEmptyNotAnError() {
        store.create(user("alice"));

        // PostgreSQL refuses a NUL in text with an error; the store must not even ask.
        for (String probe : List.of("ali\u0000ce", "alice\u0000", "alice\n", "alice\r\nX: y", "alice\u200b",
                "\u200balice", "ali\u202ece", "alice\ufeff", "\ud800alice")) {
            assertThat(store.findByUsername(probe)).as("findByUsername of a name with U+%04X", probe.chars()
                    .filter(c -> c < 0x20 || c > 0x7e).findFirst().orElse(0)).isEmpty();
        }
    }

    @Test
    void findByIdOrDeleteWhenIdHoldsNulThenEmptyNotAnError() {
        User alice = created(user("alice"));

        assertThat(store.findById(alice.id() + "\u0000")).isEmpty();
        assertThat(store.findById("x\u0000\n<fake line>")).isEmpty();
        assertThat(store.delete("x\u0000")).isFalse();
        assertThat(store.findById(alice.id())).contains(alice);
    }

    @Test
    void findByUsernameComparesByRfc8265UsernameCaseMapped() {
        User dotted = created(user("ALİCE"));   // U+0130: lower-cases to "i" + U+0307
        User dotless = created(user("alıce"));  // U+0131: a letter of its own
        User plain = created(user("alice"));

        assertThat(store.findByUsername("ali\u0307ce")).contains(dotted);
        assertThat(store.findByUsername("ALIce")).contains(plain);
        assertThat(store.findByUsername("ALIＣE")).contains(plain); // a full-width letter maps to its narrow form
        assertThat(store.findByUsername("alıce")).contains(dotless);
        assertThat(store.count()).isEqualTo(3);
    }

    @Test
    void findByIdComparesExactly() {
        User alice = User.Builder.withId("User-1", "alice").build();
        store.create(alice);

        assertThat(store.findById("user-1")).isEmpty();
        assertThat(store.findById("User-1")).contains(alice);
    }

    @Test
    void findWhenUnknownThenEmpty() {
        store.create(user("alice"));

        assertThat(store.findById("no-such-id")).isEmpty();
        assertThat(store.findByUsername("bob")).isEmpty();
        assertThat(store.findById(null)).isEmpty();
        assertThat(store.findByUsername(null)).isEmpty();
    }

    // --- duplicates ---

    @Test
    void createWhenUsernameTakenInOtherCaseThenDuplicateNamingIt() {
        User alice = user("alice");
        store.create(alice);

        assertThatThrownBy(() -> store.create(user("ALICE")))
                .isInstanceOf(DuplicateException.class)
                .hasMessageContaining("'ALICE'");
        assertThat(store.count()).isEqualTo(1);
        assertThat(store.findByUsername("alice")).contains(alice);
    }

    @Test
    void createWhenUsernameTakenInFullwidthFormThenDuplicate() {
        store.create(user("alice"));

        assertThatThrownBy(() -> store.create(user("\uff41\uff4c\uff49\uff43\uff45")))
                .isInstanceOf(DuplicateException.class);
        assertThat(store.count()).isEqualTo(1);
    }

    @Test
    void createWhenIdTakenThenDuplicate() {
        store.create(User.Builder.withId("id-1", "alice").build());

        assertThatThrownBy(() -> store.create(User.Builder.withId("id-1", "bob").build()))
                .isInstanceOf(DuplicateException.class)
                .hasMessageContaining("id-1");
        assertThat(store.findByUsername("bob")).isEmpty();
    }

    @Test
    void duplicateMessageNeverHoldsThePasswordHash() {
        store.create(user("alice"));

        assertThatThrownBy(() -> store.create(user("Alice")))
                .isInstanceOf(DuplicateException.class)
                .message().doesNotContain(HASH).doesNotContain("SECRETHASH");
    }

    // --- createAll ---

    @Test
    void createAllWritesEveryUser() {
        List<User> users = numberedUsers(1000);

        store.createAll(users);

        assertThat(store.count()).isEqualTo(1000);
        assertThat(store.findByUsername("user0001")).contains(users.get(0));
        assertThat(store.findByUsername("USER1000")).contains(users.get(999));
    }

    @Test
    void createAllWhenEntry600TakesAnExistingUsernameThenWritesNothing() {
        store.create(user("taken"));
        List<User> users = numberedUsers(1000);
        users.set(599, user("TAKEN"));

        assertThatThrownBy(() -> store.createAll(users))
                .isInstanceOf(DuplicateException.class)
                .hasMessageContaining("entry 600")
                .hasMessageContaining("'TAKEN'")
                .message().doesNotContain(HASH);
        assertThat(store.count()).isEqualTo(1);
        assertThat(store.findByUsername("user0001")).isEmpty();
        assertThat(store.findByUsername("user1000")).isEmpty();
    }

    @Test
    void createAllWhenUsernameRepeatsWithinTheListThenWritesNothing() {
        List<User> users = List.of(user("alice"), user("bob"), user("Alice"));

        assertThatThrownBy(() -> store.createAll(users))
                .isInstanceOf(DuplicateException.class)
                .hasMessageContaining("entry 3")
                .hasMessageContaining("'Alice'");
        assertThat(store.count()).isZero();
    }

    @Test
    void createAllWhenIdRepeatsWithinTheListThenWritesNothing() {
        List<User> users = List.of(User.Builder.withId("same", "alice").build(), User.Builder.withId("same", "bob").build());

        assertThatThrownBy(() -> store.createAll(users))
                .isInstanceOf(DuplicateException.class)
                .hasMessageContaining("entry 2");
        assertThat(store.count()).isZero();
    }

    @Test
    void createAllOfNoUsersDoesNothing() {
        store.createAll(List.of());

        assertThat(store.count()).isZero();
    }

    // --- update ---

    @Test
    void updatePersistsChanges() {
        User alice = created(user("alice"));
        User changed = alice.toBuilder().passwordHash("$argon2id$new").enabled(false).email("a@example.org")
                .roles(List.of("admin")).build();

        store.update(changed);

        assertThat(store.findById(alice.id())).contains(changed);
        assertThat(store.findByUsername("alice")).contains(changed);
    }

    @Test
    void updateRenamesTheUser() {
        User alice = created(user("alice"));
        User renamed = User.Builder.withId(alice.id(), "alicia").build();

        store.update(renamed);

        assertThat(store.findByUsername("alice")).isEmpty();
        assertThat(store.findByUsername("Alicia")).contains(renamed);
        assertThat(store.count()).isEqualTo(1);
    }

    @Test
    void updateToTheSameUsernameInOtherCaseIsAllowed() {
        User alice = created(user("alice"));
        User recased = User.Builder.withId(alice.id(), "Alice").build();

        store.update(recased);

        assertThat(store.findByUsername("alice")).contains(recased);
    }

    @Test
    void updateWithUnchangedValuesSucceeds() {
        User alice = created(user("alice"));

        store.update(alice);

        assertThat(store.findById(alice.id())).contains(alice);
    }

    @Test
    void updateWhenRenamedToATakenUsernameThenDuplicateAndUnchanged() {
        User alice = created(user("alice"));
        store.create(user("bob"));

        assertThatThrownBy(() -> store.update(User.Builder.withId(alice.id(), "BOB").passwordHash(HASH).build()))
                .isInstanceOf(DuplicateException.class)
                .hasMessageContaining("'BOB'")
                .message().doesNotContain(HASH);
        assertThat(store.findById(alice.id())).contains(alice);
    }

    @Test
    void updateWhenIdUnknownThenNotFound() {
        store.create(user("alice"));

        assertThatThrownBy(() -> store.update(User.Builder.withId("no-such-id", "zoe").build()))
                .isInstanceOf(NotFoundException.class)
                .hasMessageContaining("no-such-id");
        assertThat(store.findByUsername("zoe")).isEmpty();
    }

    // --- delete ---

    @Test
    void deleteReturnsTrueThenFalse() {
        User alice = created(user("alice"));

        assertThat(store.delete(alice.id())).isTrue();
        assertThat(store.delete(alice.id())).isFalse();
        assertThat(store.findById(alice.id())).isEmpty();
        assertThat(store.findByUsername("alice")).isEmpty();
    }

    @Test
    void deleteFreesTheUsername() {
        User alice = created(user("alice"));
        store.delete(alice.id());

        User again = user("Alice");
        store.create(again);

        assertThat(store.findByUsername("alice")).contains(again);
    }

    // --- list and count ---

    @Test
    void listOrdersByUsernameKey() {
        for (String name : List.of("carol", "Alice", "eve", "bob", "Dave")) {
            store.create(user(name));
        }

        assertThat(store.list(0, 10)).extracting(User::username).containsExactly("Alice", "bob", "carol", "Dave", "eve");
    }

    @Test
    void listPages() {
        for (String name : List.of("carol", "Alice", "eve", "bob", "Dave")) {
            store.create(user(name));
        }

        assertThat(store.list(1, 2)).extracting(User::username).containsExactly("bob", "carol");
        assertThat(store.list(4, 10)).extracting(User::username).containsExactly("eve");
        assertThat(store.list(5, 10)).isEmpty();
        assertThat(store.list(0, 0)).isEmpty();
    }

    @Test
    void listWhenOffsetOrLimitNegativeThenRefused() {
        assertThatThrownBy(() -> store.list(-1, 10)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.list(0, -1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void listReturnsWholeUsers() {
        User full = fullUser();
        store.create(full);

        assertThat(store.list(0, 10)).containsExactly(full);
    }

    @Test
    void countCountsUsers() {
        assertThat(store.count()).isZero();
        store.create(user("alice"));
        User bob = created(user("bob"));
        assertThat(store.count()).isEqualTo(2);
        store.delete(bob.id());
        assertThat(store.count()).isEqualTo(1);
    }

    // --- round trips ---

    @Test
    void everyFieldRoundTrips() {
        User full = fullUser();
        store.create(full);

        User found = store.findById(full.id()).orElseThrow();

        assertThat(found).isEqualTo(full);
        assertThat(found.username()).isEqualTo("Zoë.Ünïcode");
        assertThat(found.passwordHash()).contains(HASH);
        assertThat(found.email()).contains("zoe@example.com");
        assertThat(found.firstName()).contains("Zoë 🦊");
        assertThat(found.lastName()).contains("名前");
        assertThat(found.lang()).contains("fr-CA");
        assertThat(found.appId()).contains("my_app");
        assertThat(found.enabled()).isTrue();
    }

    @Test
    void rolesAndScopesKeepTheirOrder() {
        User full = fullUser();
        store.create(full);

        User found = store.findById(full.id()).orElseThrow();

        assertThat(new ArrayList<>(found.roles())).containsExactly("zeta", "Admin", "a role with spaces", "alpha");
        assertThat(new ArrayList<>(found.scopes())).containsExactly("write", "read", "urn:example:scope/x?y=1");
    }

    @Test
    void absentOptionalsRoundTrip() {
        User bare = User.builder("bare").build();
        store.create(bare);

        User found = store.findById(bare.id()).orElseThrow();

        assertThat(found).isEqualTo(bare);
        assertThat(found.passwordHash()).isEmpty();
        assertThat(found.email()).isEmpty();
        assertThat(found.firstName()).isEmpty();
        assertThat(found.lastName()).isEmpty();
        assertThat(found.lang()).isEmpty();
        assertThat(found.appId()).isEmpty();
        assertThat(found.roles()).isEmpty();
        assertThat(found.scopes()).isEmpty();
    }

    @Test
    void emptyStringsRoundTripAsEmptyNotAbsent() {
        User blank = User.builder("blank").email("").firstName("").build();
        store.create(blank);

        assertThat(store.findById(blank.id())).contains(blank);
    }

    @Test
    void disabledFlagRoundTrips() {
        User disabled = User.builder("disabled").enabled(false).build();
        store.create(disabled);

        assertThat(store.findByUsername("disabled")).get().extracting(User::enabled).isEqualTo(false);
    }

    // --- helpers ---

    /**
     * Creates the user in the store under test and returns it.
     *
     * @param user the user
     * @return the same user
     */
    protected User created(User user) {
        store.create(user);
        return user;
    }

    /**
     * A user with a password hash and one role.
     *
     * @param username the username
     * @return the user
     */
    protected static User user(String username) {
        return User.builder(username).passwordHash(HASH).roles(Set.of("user")).build();
    }

    /**
     * {@code user0001} to {@code userNNNN}, in a list the test may change.
     *
     * @param count how many
     * @return the users
     */
    protected static List<User> numberedUsers(int count) {
        List<User> users = new ArrayList<>();
        IntStream.rangeClosed(1, count).forEach(i -> users.add(user(String.format("user%04d", i))));
        return users;
    }

    private static User fullUser() {
        return User.builder("Zoë.Ünïcode")
                .passwordHash(HASH)
                .enabled(true)
                .roles(List.of("zeta", "Admin", "a role with spaces", "alpha"))
                .scopes(List.of("write", "read", "urn:example:scope/x?y=1"))
                .email("zoe@example.com")
                .firstName("Zoë 🦊")
                .lastName("名前")
                .lang("fr-CA")
                .appId("my_app")
                .build();
    }
}
