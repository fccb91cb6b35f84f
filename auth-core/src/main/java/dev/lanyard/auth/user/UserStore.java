package dev.lanyard.auth.user;

import java.util.List;
import java.util.Optional;

/**
 * Where users live: the two lookups a login and a token need. Lanyard ships {@link InMemoryUserStore}
 * and {@code JdbcUserStore}, which are {@link Writable}; an app with its own user table or directory
 * implements these two lookups and is done. The writes (for the admin API, the CLI and imports) are
 * in {@link Writable}; upgrading password hashes on login is {@link PasswordUpgrade}, which a
 * read-only store may implement alone.
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
 * <p>Contract (checked by {@code UserStoreReadContract} in the {@code auth-testing} module, and
 * {@code UserStoreContract} for a writable store): usernames are unique by {@link User#usernameKey};
 * lookups by username are case-insensitive in that sense; every write is atomic; a failing store
 * throws {@link dev.lanyard.auth.StoreException}.
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
     * A user store that can also be written: what {@link dev.lanyard.auth.admin.UserAdmin}, the admin API
     * and the CLI need. Its password hashes are upgraded on login through {@link #upgradePassword}.
     *
     * <pre>{@code
     * UserStore.Writable users = new JdbcUserStore(dataSource);
     * users.create(User.builder("alice").passwordHash(hash).build());
     * UserAdmin admin = new UserAdmin(users, PasswordHasher.defaults(), AuthEvents.none(), Clock.systemUTC());
     * }</pre>
     */
    interface Writable extends UserStore, PasswordUpgrade {

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
         */
        void createAll(List<User> users);

        /**
         * Replaces the user with the same id.
         *
         * @param user the user's new state
         * @throws dev.lanyard.auth.NotFoundException  when there is no such user
         * @throws dev.lanyard.auth.DuplicateException when a changed username is taken
         */
        void update(User user);

        /**
         * Removes the user; false when there was none.
         *
         * @param id the user's id
         * @return true when a user was removed
         */
        boolean delete(String id);

        /**
         * A page of users ordered by username key.
         *
         * @param offset how many users to skip, from 0
         * @param limit  the most users to return
         * @return the page; empty past the end
         */
        List<User> list(int offset, int limit);

        /**
         * The number of users.
         *
         * @return the count
         */
        long count();

        /**
         * By default a read of the user, then an {@link #update} when its hash is still {@code currentHash}:
         * not atomic, so an admin's password change in between may be overwritten by the upgrade. Lanyard's
         * stores override it with a compare-and-set; a custom store should too.
         */
        @Override
        default boolean upgradePassword(String userId, String currentHash, String newHash) {
            Optional<User> user = findById(userId);
            if (user.isEmpty() || !user.get().passwordHash().equals(Optional.of(currentHash))) {
                return false;
            }
            update(user.get().toBuilder().passwordHash(newHash).build());
            return true;
        }
    }
}
