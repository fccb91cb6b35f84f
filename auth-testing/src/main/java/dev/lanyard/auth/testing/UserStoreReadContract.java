package dev.lanyard.auth.testing;

import dev.lanyard.auth.user.User;
import dev.lanyard.auth.user.UserStore;

import java.util.Set;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The behaviour every {@link UserStore}, read-only or not, owes its callers: the two lookups a login and
 * a token need. Extend it with a store of your own, say how to put users into the store's backing data
 * ({@link #seed}), and JUnit runs every case against it:
 *
 * <pre>{@code
 * class LegacyUserStoreTest extends UserStoreReadContract {
 *     @RegisterExtension
 *     static final TestDatabase db = TestDatabase.of(TestDatabase.Product.POSTGRESQL);
 *
 *     @Override
 *     protected UserStore newStore() {
 *         return new LegacyUserStore(db.dataSource());
 *     }
 *
 *     @Override
 *     protected void seed(User... users) {
 *         for (User u : users) {
 *             insertIntoAppUsers(db.dataSource(), u); // the application's own table
 *         }
 *     }
 * }
 * }</pre>
 *
 * <p>A store with writes extends {@link UserStoreContract}, which runs these cases too. The suite is in
 * the {@code dev.lanyard:auth-testing} artifact; it needs JUnit Jupiter and AssertJ, which that artifact
 * brings.
 */
public abstract class UserStoreReadContract {

    /** The store under test, from {@link #newStore()}, before each test. */
    protected UserStore store;

    /** Creates a test base. */
    protected UserStoreReadContract() {
    }

    /**
     * A new store with no users; called before each test.
     *
     * @return the store under test
     */
    protected abstract UserStore newStore();

    /**
     * Puts these users where the store under test reads them (its table, directory or file), as the
     * application would have. The store's lookups must then return them unchanged in every field the
     * store keeps; id, username, password hash, enabled flag and roles are kept by every store.
     *
     * @param users the users to add; their usernames are distinct
     */
    protected abstract void seed(User... users);

    @BeforeEach
    void openStore() {
        store = newStore();
    }

    @Test
    void findByUsernameReturnsTheSeededUser() {
        User alice = readUser("alice");
        seed(alice, readUser("bob"));

        assertThat(store.findByUsername("alice")).get().satisfies(u -> sameCore(u, alice));
    }

    @Test
    void findByIdReturnsTheSeededUser() {
        User bob = readUser("bob");
        seed(readUser("alice"), bob);

        assertThat(store.findById(bob.id())).get().satisfies(u -> sameCore(u, bob));
    }

    @Test
    void findByUsernameIgnoresCaseAsUsernameKeyDoes() {
        User carol = readUser("carol");
        seed(carol);

        assertThat(store.findByUsername("CAROL")).get().extracting(User::id).isEqualTo(carol.id());
        assertThat(store.findByUsername("Carol")).get().extracting(User::id).isEqualTo(carol.id());
    }

    @Test
    void findWhenUnknownThenEmpty() {
        seed(readUser("dave"));

        assertThat(store.findByUsername("nobody")).isEmpty();
        assertThat(store.findById("no-such-id")).isEmpty();
    }

    @Test
    void findByIdComparesExactly() {
        User erin = readUser("erin");
        seed(erin);

        assertThat(store.findById(erin.id() + " ")).isEmpty();
        assertThat(store.findById(" " + erin.id())).isEmpty();
        assertThat(store.findById(erin.id() + "x")).isEmpty();
    }

    @Test
    void findWhenTheInputHoldsControlCharactersThenEmptyNotAnError() {
        seed(readUser("frank"));

        assertThat(store.findByUsername("frank\u0000")).isEmpty();
        assertThat(store.findByUsername("fr\u200bank")).isEmpty();
        assertThat(store.findById("x\u0000y")).isEmpty();
    }

    @Test
    void findWhenNullThenEmpty() {
        assertThat(store.findByUsername(null)).isEmpty();
        assertThat(store.findById(null)).isEmpty();
    }

    @Test
    void aDisabledUserIsFoundAndSaysSo() {
        User grace = User.builder("grace").passwordHash(UserStoreContract.HASH).enabled(false).build();
        seed(grace);

        assertThat(store.findByUsername("grace")).get().extracting(User::enabled).isEqualTo(false);
    }

    /**
     * A user with a password hash and one role, as {@link #seed} receives them.
     *
     * @param username the username
     * @return the user
     */
    protected static User readUser(String username) {
        return User.builder(username).passwordHash(UserStoreContract.HASH).roles(Set.of("user")).build();
    }

    private static void sameCore(User found, User seeded) {
        assertThat(found.id()).isEqualTo(seeded.id());
        assertThat(found.username()).isEqualTo(seeded.username());
        assertThat(found.passwordHash()).isEqualTo(seeded.passwordHash());
        assertThat(found.enabled()).isEqualTo(seeded.enabled());
        assertThat(found.roles()).containsExactlyInAnyOrderElementsOf(seeded.roles());
    }
}
