package dev.lanyard.auth.client;

import dev.lanyard.auth.StoreException;
import dev.lanyard.auth.testing.MutableClock;
import dev.lanyard.auth.testing.ReplayStoreContract;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class InMemoryReplayStoreTest extends ReplayStoreContract {

    @Override
    protected ReplayStore newStore(MutableClock clock) {
        return new InMemoryReplayStore(clock);
    }

    @Test
    void aFullStoreRefusesNewIdsInsteadOfForgettingLiveOnes() {
        InMemoryReplayStore small = new InMemoryReplayStore(clock, 2);
        small.firstUse("app", "a", clock.instant().plusSeconds(60));
        small.firstUse("app", "b", clock.instant().plusSeconds(120));

        assertThatThrownBy(() -> small.firstUse("app", "c", clock.instant().plusSeconds(60)))
                .isInstanceOf(StoreException.class).hasMessageContaining("maxEntries");
        assertThat(small.firstUse("app", "a", clock.instant().plusSeconds(60))).as("still remembered").isFalse();

        clock.advance(Duration.ofSeconds(61));
        assertThat(small.firstUse("app", "c", clock.instant().plusSeconds(60))).as("room once 'a' expired").isTrue();
    }
}
