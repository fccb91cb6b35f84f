package dev.lanyard.auth.grant;

import java.time.Instant;
import java.util.Optional;

/**
 * Where authorization codes wait for their single redemption. {@link #redeem} is the atomic step:
 * exactly one caller marks a code used, and records at the same time what that redemption will issue,
 * so that a replay (even one racing the first use) can revoke it.
 *
 * <pre>{@code
 * AuthorizationCodeStore codes = new InMemoryAuthorizationCodeStore();
 * }</pre>
 */
public interface AuthorizationCodeStore {

    /**
     * Stores a new code.
     *
     * @param code the code, keyed by the digest of its value
     */
    void save(AuthorizationCode code);

    /**
     * Atomically marks the code used, recording {@code issued}, if it is unused; otherwise changes
     * nothing.
     *
     * @param digest the digest of the presented code
     * @param issued what this redemption issues, kept for revoking it if the code is replayed
     * @return empty when no such code exists; otherwise the code with {@code firstUse} true for the one
     *         caller who redeemed it, or false with what the first redemption issued
     */
    Optional<Redemption> redeem(String digest, Issued issued);

    /**
     * Deletes codes that expired before {@code now}; returns how many.
     *
     * @param now the current time
     * @return how many codes were deleted
     */
    int purge(Instant now);

    /**
     * What a redemption issues: the refresh family (may be null) and the access token.
     *
     * @param familyId        the refresh-token family started by the redemption, or null
     * @param accessTokenId   the access token's jti
     * @param accessExpiresAt its expiry
     */
    record Issued(String familyId, String accessTokenId, Instant accessExpiresAt) {
    }

    /**
     * The outcome of {@link #redeem}.
     *
     * @param code     the code
     * @param firstUse whether this call redeemed it
     * @param issued   what its first redemption issued
     */
    record Redemption(AuthorizationCode code, boolean firstUse, Issued issued) {
    }
}
