/**
 * Password and client-secret storage: Argon2id PHC strings for new passwords, verification of imported
 * bcrypt and PBKDF2-SHA256 hashes, rehash on login, and fast digests for generated client secrets.
 *
 * <pre>{@code
 * PasswordHasher hasher = PasswordHasher.defaults();            // Argon2id m=19456 KiB, t=2, p=1
 * String stored = hasher.hash(password);                         // at registration
 *
 * if (user == null) {
 *     hasher.verifyDummy(password);                              // unknown user: same cost
 * } else if (hasher.verify(password, user.hash())) {
 *     if (hasher.needsRehash(user.hash())) {
 *         users.updateHash(user.id(), hasher.hash(password));    // upgrade on login
 *     }
 * }
 *
 * String secret = ClientSecrets.generate();                      // shown once to the client owner
 * String digest = ClientSecrets.digest(secret);                  // stored
 * }</pre>
 */
package dev.lanyard.auth.password;
