package dev.lanyard.auth.user;

/**
 * The one write a login needs: replacing a user's password hash, made with an older scheme or weaker
 * parameters, by a fresh Argon2id hash. {@link UserAuthenticator} asks its {@link UserStore} for it by
 * type: a store that does not implement it keeps its hashes as they are. Every
 * {@link UserStore.Writable} has it; a read-only store over an existing user table may implement it
 * alone, to move its users to Argon2id without opening any other write.
 *
 * <pre>{@code
 * final class LegacyUserStore implements UserStore, PasswordUpgrade {
 *     ...
 *     public boolean upgradePassword(String userId, String currentHash, String newHash) {
 *         return jdbc.update("update people set pw = ? where id = ? and pw = ?", newHash, userId, currentHash) == 1;
 *     }
 * }
 * }</pre>
 */
@FunctionalInterface
public interface PasswordUpgrade {

    /**
     * Replaces a user's password hash, atomically, unless it changed since the login read it (an
     * administrator's new password then wins over the upgrade of the old one).
     *
     * @param userId      the user's id
     * @param currentHash the hash the login verified the password against
     * @param newHash     the new hash of the same password
     * @return true when the hash was replaced; false when the user is gone or its hash is no longer
     *         {@code currentHash}
     * @throws dev.lanyard.auth.StoreException when the store cannot be written (the next login tries again)
     */
    boolean upgradePassword(String userId, String currentHash, String newHash);
}
