package dev.lanyard.auth.user;

import java.util.List;
import java.util.Optional;

/**
 * Where users live. Lanyard ships {@link InMemoryUserStore} and {@code JdbcUserStore}; an app with
 * its own user table or directory implements the two lookups and is done: the write operations are
 * only needed for the admin API and for upgrading password hashes on login, and default to
 * refusing with {@link UnsupportedOperationException}.
 *
 * <pre>{@code
 * UserStore legacy = new UserStore() {
 *     public Optional<User> findByUsername(String username) {
 *         return jdbi.withHandle(h -> h.select("select * from people where lower(login) = lower(?)", username)
 *                 .map(LegacyUsers::toUser).findOne());
 *     }
 *     public Optional<User> findById(String id) { ... }
 * };
 * }</pre>
 *
 * <p>Contract (checked by {@code UserStoreContract} in the auth-core test-jar, which a custom store
 * can extend): usernames are unique by {@link User#usernameKey}; lookups by username are
 * case-insensitive in that sense; every write is atomic; a failing store throws
 * {@link dev.lanyard.auth.StoreException}.
 */
public interface UserStore {

    /**
     * The user with this username, compared by {@link User#usernameKey}.
     *
     * @param username the username as typed
     * @return the user; empty when there is none
     */
    Optional<User> findByUsername(String username);

    /**
     * The user with this id.
     *
     * @param id the user's id, the {@code sub} of its tokens
     * @return the user; empty when there is none
     */
    Optional<User> findById(String id);

    /**
     * Adds a user.
     *
     * @param user the new user
     * @throws dev.lanyard.auth.DuplicateException when the id or the username key is taken
     */
    default void create(User user) {
        createAll(List.of(user));
    }

    /**
     * Adds all users or none: on any failure nothing is written, and the exception names the entry.
     *
     * @param users the new users, in the order their errors are reported
     * @throws dev.lanyard.auth.DuplicateException naming the first user (by index and username) whose
     *                                             username is taken or repeated within the list
     * @throws UnsupportedOperationException in a read-only store, which does not implement it
     */
    default void createAll(List<User> users) {
        throw readOnly("createAll");
    }

    /**
     * Replaces the user with the same id.
     *
     * @throws dev.lanyard.auth.NotFoundException  when there is no such user
     * @param user the user's new state
     * @throws dev.lanyard.auth.DuplicateException when a changed username is taken
     * @throws UnsupportedOperationException in a read-only store, which does not implement it
     */
    default void update(User user) {
        throw readOnly("update");
    }

    /**
     * Removes the user; false when there was none.
     *
     * @param id the user's id
     * @return true when a user was removed
     * @throws UnsupportedOperationException in a read-only store, which does not implement it
     */
    default boolean delete(String id) {
        throw readOnly("delete");
    }

    /**
     * A page of users ordered by username key.
     *
     * @param offset how many users to skip, from 0
     * @param limit  the most users to return
     * @return the page; empty past the end
     * @throws UnsupportedOperationException in a read-only store, which does not implement it
     */
    default List<User> list(int offset, int limit) {
        throw readOnly("list");
    }

    /**
     * The number of users.
     *
     * @return the count
     * @throws UnsupportedOperationException in a read-only store, which does not implement it
     */
    default long count() {
        throw readOnly("count");
    }

    private UnsupportedOperationException readOnly(String operation) {
        return new UnsupportedOperationException(getClass().getSimpleName() + " is read-only: implement "
                + operation + "(..) to allow it");
    }
}
