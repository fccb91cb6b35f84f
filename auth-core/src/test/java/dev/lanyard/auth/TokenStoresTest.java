package dev.lanyard.auth;

import dev.lanyard.auth.client.InMemoryClientStore;
import dev.lanyard.auth.client.ReplayStore;
import dev.lanyard.auth.key.KeyManager;
import dev.lanyard.auth.refresh.InMemoryRefreshTokenStore;
import dev.lanyard.auth.testing.MutableClock;
import dev.lanyard.auth.token.InMemoryRevocationList;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TokenStoresTest {

    static final KeyManager KEYS = KeyManager.builder().build();
    final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));

    TokenService.Builder builder() {
        return TokenService.builder().issuer("https://auth.example").keys(KEYS).clients(new InMemoryClientStore())
                .clock(clock);
    }

    @Test
    void purgeReachesEveryStoreOfTheBundleTheReplayStoreIncluded() {
        List<Instant> purged = new ArrayList<>();
        ReplayStore replays = new ReplayStore() {
            @Override
            public boolean firstUse(String issuer, String jti, Instant expiresAt) {
                return true;
            }

            @Override
            public int purge(Instant now) {
                purged.add(now);
                return 0;
            }
        };
        TokenService tokens = builder().stores(TokenStores.inMemory(clock).withReplays(replays)).build();

        tokens.purge();

        assertThat(purged).containsExactly(clock.instant());
    }

    @Test
    void aBundleAndASeparateSetterOfTheSameStoreAreRefusedAtBuild() {
        assertThatThrownBy(() -> builder().stores(TokenStores.inMemory(clock))
                .refreshTokens(new InMemoryRefreshTokenStore()).build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("refreshTokens(..)")
                .hasMessageContaining("withRefreshTokens");
        assertThatThrownBy(() -> builder().revocations(new InMemoryRevocationList(clock))
                .stores(TokenStores.inMemory(clock)).build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("revocations(..)");
    }

    @Test
    void mixingGoesThroughTheBundle() {
        InMemoryRevocationList mine = new InMemoryRevocationList(clock);
        TokenStores stores = TokenStores.inMemory(clock).withRevocations(mine);

        assertThat(stores.revocations()).isSameAs(mine);
        assertThat(builder().stores(stores).build()).isNotNull();
    }

    @Test
    void theBundleSettingsAreSetOnce() {
        assertThatThrownBy(() -> builder().stores(TokenStores.inMemory(clock)).stores(TokenStores.inMemory(clock)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("stores(..) is already set");
        assertThatThrownBy(() -> builder().referenceTokens(Duration.ofMinutes(5)).referenceTokens(Duration.ofMinutes(5)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("referenceTokens(Duration) is already set");
    }

    @Test
    void referenceTokensFromTheBundleNeedABundle() {
        assertThatThrownBy(() -> builder().referenceTokens(Duration.ofMinutes(30)).build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("needs stores(..)");
        assertThat(builder().stores(TokenStores.inMemory(clock)).referenceTokens(Duration.ofMinutes(30)).build())
                .isNotNull();
    }
}
