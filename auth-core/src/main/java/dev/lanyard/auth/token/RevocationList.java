package dev.lanyard.auth.token;

import java.time.Instant;

/**
 * The access tokens revoked before their expiry, by {@code jti}. A verifier consults it on every
 * verification, cached or not, so it must answer fast; an entry needs to live only until the token
 * would have expired anyway.
 *
 * <pre>{@code
 * RevocationList revoked = new InMemoryRevocationList(clock);
 * AccessTokenVerifier verifier = AccessTokenVerifier.builder()...revocations(revoked).build();
 * revoked.revoke(token.jti(), token.expiresAt()); // the next verify throws RevokedTokenException
 * }</pre>
 */
public interface RevocationList {

    /**
     * Whether the token with this id was revoked.
     *
     * @param jti the token's {@code jti} claim
     * @return true when it was revoked and its entry has not been purged yet
     */
    boolean isRevoked(String jti);

    /**
     * Revokes the token with this id; the entry may be forgotten after {@code expiresAt}.
     *
     * @param jti       the token's {@code jti} claim
     * @param expiresAt the token's {@code exp}: after it the token is refused anyway
     * @throws UnsupportedOperationException on {@link #none()}, which cannot hold entries
     */
    void revoke(String jti, Instant expiresAt);

    /**
     * Deletes entries whose tokens have expired; lists that expire entries themselves need not override
     * it. {@code TokenService.purge()} calls it.
     *
     * @param now the current time: entries that expire before it are deleted
     * @return how many entries were deleted
     */
    default int purge(Instant now) {
        return 0;
    }

    /**
     * A list that never holds anything, for verifiers of tokens that cannot be revoked early.
     *
     * @return the shared empty list; its {@code revoke} throws {@link UnsupportedOperationException}
     */
    static RevocationList none() {
        return NoRevocations.INSTANCE;
    }

    /** The empty list behind {@link RevocationList#none()}. */
    enum NoRevocations implements RevocationList {
        /** The only instance. */
        INSTANCE;

        @Override
        public boolean isRevoked(String jti) {
            return false;
        }

        @Override
        public void revoke(String jti, Instant expiresAt) {
            throw new UnsupportedOperationException("this verifier has no revocation list; "
                    + "configure one with revocations(..)");
        }
    }
}
