package dev.lanyard.auth.token;

import dev.lanyard.auth.testing.MutableClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class InMemoryRevocationListTest {

    final MutableClock clock = MutableClock.at("2026-11-22T10:00:00Z");
    final InMemoryRevocationList list = new InMemoryRevocationList(clock);

    @Test
    void revokedIdIsReportedUntilAfterItsTokenExpires() {
        Instant exp = clock.instant().plus(Duration.ofMinutes(15));
        list.revoke("j1", exp);

        assertThat(list.isRevoked("j1")).isTrue();
        assertThat(list.isRevoked("j2")).isFalse();
        clock.set(exp.plus(InMemoryRevocationList.MARGIN).minusSeconds(1));
        assertThat(list.isRevoked("j1")).isTrue();
        clock.advance(Duration.ofSeconds(2));
        assertThat(list.isRevoked("j1")).isFalse();
        assertThat(list.size()).isZero();
    }

    @Test
    void revokingAgainWithALaterExpiryKeepsTheLaterOne() {
        Instant exp = clock.instant().plus(Duration.ofMinutes(1));
        list.revoke("j1", exp);
        list.revoke("j1", exp.plus(Duration.ofHours(1)));
        list.revoke("j1", exp);

        clock.set(exp.plus(Duration.ofMinutes(30)));
        assertThat(list.isRevoked("j1")).isTrue();
    }

    @Test
    void manyRevocationsAreAllKeptWhileLive() {
        for (int i = 0; i < 50_000; i++) {
            list.revoke("j" + i, clock.instant().plus(Duration.ofMinutes(15)));
        }

        assertThat(list.isRevoked("j0")).isTrue();
        assertThat(list.isRevoked("j49999")).isTrue();
        assertThat(list.size()).isEqualTo(50_000);
        clock.advance(Duration.ofMinutes(21));
        assertThat(list.size()).isZero();
    }

    @Test
    void noneListRefusesToRevokeRatherThanSilentlyIgnoring() {
        assertThat(RevocationList.none().isRevoked("j1")).isFalse();
        assertThatThrownBy(() -> RevocationList.none().revoke("j1", Instant.now()))
                .isInstanceOf(UnsupportedOperationException.class).hasMessageContaining("revocations(..)");
    }
}
