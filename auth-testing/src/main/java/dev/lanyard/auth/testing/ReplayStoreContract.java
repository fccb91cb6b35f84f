package dev.lanyard.auth.testing;

import dev.lanyard.auth.client.ReplayStore;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The behaviour every {@link ReplayStore} owes the client-assertion check. Extend it with a store of
 * your own:
 *
 * <pre>{@code
 * class RedisReplayStoreTest extends ReplayStoreContract {
 *     @Override
 *     protected ReplayStore newStore(MutableClock clock) {
 *         return new RedisReplayStore(emptyTestRedis(), clock);
 *     }
 * }
 * }</pre>
 */
public abstract class ReplayStoreContract {

    /** The clock the store under test runs on; advance it to make entries expire without sleeping. */
    protected final MutableClock clock = MutableClock.at("2026-12-02T10:00:00Z");
    private final Instant exp = clock.instant().plus(Duration.ofMinutes(5));
    private ReplayStore store;

    /**
     * An empty store whose expiry runs on this clock.
     *
     * @param clock the test's clock
     * @return the store under test
     */
    protected abstract ReplayStore newStore(MutableClock clock);

    @BeforeEach
    void create() {
        store = newStore(clock);
    }

    @Test
    void firstUseWinsAndTheSecondIsAReplay() {
        assertThat(store.firstUse("app", "jti-1", exp)).isTrue();
        assertThat(store.firstUse("app", "jti-1", exp)).isFalse();
        assertThat(store.firstUse("app", "jti-1", exp.plusSeconds(60))).as("a later exp is still a replay").isFalse();
    }

    @Test
    void idsAreUniquePerIssuerAndExact() {
        assertThat(store.firstUse("app", "jti-1", exp)).isTrue();
        assertThat(store.firstUse("other-app", "jti-1", exp)).isTrue();
        assertThat(store.firstUse("app", "JTI-1", exp)).as("compared exactly").isTrue();
        assertThat(store.firstUse("app", "jti-1 ", exp)).as("no trailing-space folding").isTrue();
    }

    @Test
    void anIdMayBeUsedAgainOnlyAfterItsJwtExpired() {
        assertThat(store.firstUse("app", "jti-1", exp)).isTrue();
        clock.advance(Duration.ofMinutes(4));
        assertThat(store.firstUse("app", "jti-1", exp)).isFalse();
        clock.advance(Duration.ofMinutes(1).plusMillis(1));
        assertThat(store.firstUse("app", "jti-1", clock.instant().plusSeconds(60))).isTrue();
        assertThat(store.firstUse("app", "jti-1", clock.instant().plusSeconds(60))).isFalse();
    }

    @Test
    void purgeDeletesOnlyExpiredEntries() {
        store.firstUse("app", "old", clock.instant().plusSeconds(10));
        store.firstUse("app", "live", exp);
        clock.advance(Duration.ofSeconds(11));

        assertThat(store.purge(clock.instant())).isEqualTo(1);

        assertThat(store.firstUse("app", "live", exp)).as("kept").isFalse();
    }

    @Test
    void ofManyConcurrentUsesOfOneIdExactlyOneWins() throws Exception {
        List<Boolean> results = Race.run(8, i -> store.firstUse("app", "raced", exp));

        assertThat(results).containsOnlyOnce(true);
        assertThat(results.stream().filter(r -> !r)).hasSize(7);
    }
}
