package dev.lanyard.auth.refresh;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Where refresh-token families live. Lanyard ships {@link InMemoryRefreshTokenStore} (one process)
 * and {@code JdbcRefreshTokenStore} (several nodes sharing PostgreSQL, MariaDB or H2).
 *
 * <p>The one operation that decides correctness is {@link #rotate}: an atomic compare-and-set that
 * succeeds for exactly one caller when several race on the same token, on one node or many.
 *
 * <pre>{@code
 * RefreshTokenStore store = new InMemoryRefreshTokenStore();
 * RefreshTokens tokens = RefreshTokens.builder().store(store).build();
 * }</pre>
 *
 * <p>Every method either completes or throws {@link dev.lanyard.auth.StoreException} having written
 * nothing.
 */
public interface RefreshTokenStore {

    /**
     * Stores a new family with its first token, together or not at all.
     *
     * @param family the new family
     * @param first  its first token's entry
     */
    void createFamily(RefreshFamily family, RefreshTokenEntry first);

    /**
     * The token with this digest and its family.
     *
     * @param digest the digest of the presented token
     * @return the entry and its family, in any state; empty when unknown
     */
    Optional<Found> find(String digest);

    /**
     * Atomically: if the token {@code digest} is still {@link RefreshTokenEntry.State#ACTIVE ACTIVE} and
     * its family not revoked, mark it rotated (recording {@code rotatedAt}, the successor's digest and
     * the sealed pair) and store {@code successor}; otherwise change nothing.
     *
     * @param digest          the digest of the token being rotated
     * @param rotatedAt       when it was rotated
     * @param sealedSuccessor the successor pair, sealed under a key derived from the old token
     * @param successor       the new token's entry
     * @return true for the one caller whose rotation took effect
     */
    boolean rotate(String digest, Instant rotatedAt, byte[] sealedSuccessor, RefreshTokenEntry successor);

    /**
     * Revokes a family and every token in it.
     *
     * @param familyId the family's id
     * @param now      the time of the revocation
     * @return the access tokens issued from the family that have not expired at {@code now}, for the
     *         revocation list; empty when the family was unknown or already revoked
     */
    List<IssuedAccess> revokeFamily(String familyId, Instant now);

    /**
     * Revokes every family of a subject (log out everywhere); returns their live access tokens.
     *
     * @param subject the user (or client) whose families end
     * @param now     the time of the revocation
     * @return the access tokens of those families not expired at {@code now}
     */
    List<IssuedAccess> revokeSubject(String subject, Instant now);

    /**
     * Revokes every family of a client; returns their live access tokens.
     *
     * @param clientId the client whose families end
     * @param now      the time of the revocation
     * @return the access tokens of those families not expired at {@code now}
     */
    List<IssuedAccess> revokeClient(String clientId, Instant now);

    /**
     * Deletes families whose absolute expiry is before {@code now} and tokens whose idle expiry is
     * before {@code now}, with everything that belongs to them.
     *
     * @param now the current time
     * @return the number of tokens deleted
     */
    int purge(Instant now);

    /** A token and its family. */
    record Found(RefreshTokenEntry token, RefreshFamily family) {
    }

    /** An access token issued from a family: its jti and expiry. */
    record IssuedAccess(String jti, Instant expiresAt) {
    }
}
