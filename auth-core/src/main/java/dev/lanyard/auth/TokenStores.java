package dev.lanyard.auth;

import dev.lanyard.auth.client.InMemoryReplayStore;
import dev.lanyard.auth.client.ReplayStore;
import dev.lanyard.auth.grant.AuthorizationCodeStore;
import dev.lanyard.auth.grant.InMemoryAuthorizationCodeStore;
import dev.lanyard.auth.reference.InMemoryReferenceTokenStore;
import dev.lanyard.auth.reference.ReferenceTokenStore;
import dev.lanyard.auth.refresh.InMemoryRefreshTokenStore;
import dev.lanyard.auth.refresh.RefreshTokenStore;
import dev.lanyard.auth.token.InMemoryRevocationList;
import dev.lanyard.auth.token.RevocationList;

import java.time.Clock;
import java.util.Objects;

/**
 * The stores of a token service's state, as one value: refresh-token families, authorization codes,
 * reference tokens, the access-token revocation list and the {@code jti}s of used client assertions.
 * They go together (several nodes need all of them shared, one process needs none shared), so they
 * come from one factory: {@link #inMemory(Clock)} here, {@code JdbcTokenStores.of(dataSource, clock)}
 * for one database. {@link #withRefreshTokens} and its siblings replace one of them.
 *
 * <pre>{@code
 * TokenStores stores = JdbcTokenStores.of(dataSource, clock);
 * TokenService tokens = TokenService.builder()
 *         .issuer("https://auth.example")
 *         .keys(keys)
 *         .clients(clients)
 *         .users(users)
 *         .stores(stores)
 *         .clientAuthentication(PrivateKeyJwt.builder(stores.replays()).build())
 *         .build();
 * tokens.purge(); // purges all five
 * }</pre>
 *
 * <p>What {@link TokenService.Builder#stores} turns on, and what it does not, is said there.
 *
 * @param refreshTokens      the refresh-token families
 * @param authorizationCodes the authorization codes
 * @param referenceTokens    the opaque reference access tokens
 * @param revocations        the access-token revocation list
 * @param replays            the {@code jti}s of used client assertions ({@code private_key_jwt})
 */
public record TokenStores(RefreshTokenStore refreshTokens, AuthorizationCodeStore authorizationCodes,
                          ReferenceTokenStore referenceTokens, RevocationList revocations, ReplayStore replays) {

    /**
     * Checks that every store is there.
     *
     * @param refreshTokens      the refresh-token families
     * @param authorizationCodes the authorization codes
     * @param referenceTokens    the opaque reference access tokens
     * @param revocations        the access-token revocation list
     * @param replays            the {@code jti}s of used client assertions
     * @throws NullPointerException naming the missing store
     */
    public TokenStores {
        Objects.requireNonNull(refreshTokens, "refreshTokens");
        Objects.requireNonNull(authorizationCodes, "authorizationCodes");
        Objects.requireNonNull(referenceTokens, "referenceTokens");
        Objects.requireNonNull(revocations, "revocations");
        Objects.requireNonNull(replays, "replays");
    }

    /**
     * New, empty stores in this process's memory: for tests, demos and a single node.
     *
     * @param clock the clock of the revocation list and the replay store; the service's clock
     * @return five new in-memory stores
     */
    public static TokenStores inMemory(Clock clock) {
        Objects.requireNonNull(clock, "clock");
        return new TokenStores(new InMemoryRefreshTokenStore(), new InMemoryAuthorizationCodeStore(),
                new InMemoryReferenceTokenStore(), new InMemoryRevocationList(clock), new InMemoryReplayStore(clock));
    }

    /**
     * These stores with another refresh-token store.
     *
     * @param store the refresh-token store to use instead
     * @return a new bundle
     */
    public TokenStores withRefreshTokens(RefreshTokenStore store) {
        return new TokenStores(store, authorizationCodes, referenceTokens, revocations, replays);
    }

    /**
     * These stores with another authorization-code store.
     *
     * @param store the code store to use instead
     * @return a new bundle
     */
    public TokenStores withAuthorizationCodes(AuthorizationCodeStore store) {
        return new TokenStores(refreshTokens, store, referenceTokens, revocations, replays);
    }

    /**
     * These stores with another reference-token store.
     *
     * @param store the reference-token store to use instead
     * @return a new bundle
     */
    public TokenStores withReferenceTokens(ReferenceTokenStore store) {
        return new TokenStores(refreshTokens, authorizationCodes, store, revocations, replays);
    }

    /**
     * These stores with another revocation list.
     *
     * @param list the revocation list to use instead
     * @return a new bundle
     */
    public TokenStores withRevocations(RevocationList list) {
        return new TokenStores(refreshTokens, authorizationCodes, referenceTokens, list, replays);
    }

    /**
     * These stores with another replay store.
     *
     * @param store the replay store to use instead
     * @return a new bundle
     */
    public TokenStores withReplays(ReplayStore store) {
        return new TokenStores(refreshTokens, authorizationCodes, referenceTokens, revocations, store);
    }
}
