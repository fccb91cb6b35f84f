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

    /** The user with this username, compared by {@link User#usernameKey}. */
    Optional<User> findByUsername(String username);

    /** The user with this id. */
    Optional<User> findById(String id);

    /**
     * Adds a user.
     *
     * @throws dev.lanyard.auth.DuplicateException when the id or the username key is taken
     */
    default void create(User user) {
        createAll(List.of(user));
    }

    /**
     * Adds all users or none: on any failure nothing is written, and the exception names the entry.
     *
     * @throws dev.lanyard.auth.DuplicateException naming the first user (by index and username) whose
     *                                             username is taken or repeated within the list
     */
    default void createAll(List<User> users) {
        throw readOnly("createAll");
    }

    /**
     * Replaces the user with the same id.
     *
     * @throws dev.lanyard.auth.NotFoundException  when there is no such user
     * @throws dev.lanyard.auth.DuplicateException when a changed username is taken
     */
    default void update(User user) {
        throw readOnly("update");
    }

    /** Removes the user; false when there was none. */
    default boolean delete(String id) {
        throw readOnly("delete");
    }

    /** A page of users ordered by username key. */
    default List<User> list(int offset, int limit) {
        throw readOnly("list");
    }

    /** The number of users. */
    default long count() {
        throw readOnly("count");
    }

    private UnsupportedOperationException readOnly(String operation) {
        return new UnsupportedOperationException(getClass().getSimpleName() + " is read-only: implement "
                + operation + "(..) to allow it");
    }
}
