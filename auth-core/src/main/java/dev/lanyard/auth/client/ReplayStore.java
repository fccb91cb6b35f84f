package dev.lanyard.auth.client;

import java.time.Instant;

/**
 * The {@code jti}s of single-use JWTs already seen, such as client assertions (RFC 7523 section 3,
 * item 7): the first use of an id wins, any later use within its lifetime is a replay. An entry lives
 * until the JWT expires, and no longer.
 *
 * <pre>{@code
 * ReplayStore replays = new InMemoryReplayStore(Clock.systemUTC());     // one process
 * ReplayStore shared = new JdbcReplayStore(dataSource, Clock.systemUTC()); // every node of a cluster
 * boolean fresh = replays.firstUse("my-app", jti, exp);                 // false: a replay
 * }</pre>
 *
 * <p>Implementations are thread-safe, and {@link #firstUse} is atomic across every node that shares
 * the store: of two concurrent uses of one id, exactly one returns true.
 */
public interface ReplayStore {

    /**
     * Records a use of an id, atomically.
     *
     * @param issuer    who issued the JWT (for a client assertion, the client id): ids are unique per issuer
     * @param jti       the JWT's {@code jti}
     * @param expiresAt when the JWT stops being accepted anyway; the entry may go after it
     * @return true for the first use, false when the id was used before and has not expired
     * @throws dev.lanyard.auth.StoreException when the store cannot answer (a use is then never accepted)
     */
    boolean firstUse(String issuer, String jti, Instant expiresAt);

    /**
     * Deletes the entries of JWTs that expired; {@link PrivateKeyJwt} calls it about once a minute.
     *
     * @param now entries expiring before it go
     * @return how many were deleted
     */
    int purge(Instant now);
}
