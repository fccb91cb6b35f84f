package dev.lanyard.auth.password;

import dev.lanyard.auth.AuthException;
import dev.lanyard.auth.OAuthError;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConcurrencyLimitTest {

    final PasswordHasher hasher = PasswordHasher.builder().argon2id(8192, 1, 1)
            .maxConcurrent(1, Duration.ZERO).build();

    @Test
    void aCheckBeyondTheLimitIsTemporarilyUnavailableInsteadOfPilingUpMemory() throws InterruptedException {
        String hash = hasher.hash("pw".toCharArray());
        hasher.slots().acquire(); // another login holds the only slot

        try {
            assertThatThrownBy(() -> hasher.verify("pw".toCharArray(), hash))
                    .isInstanceOf(AuthException.class)
                    .satisfies(e -> assertThat(((AuthException) e).error()).isEqualTo(OAuthError.TEMPORARILY_UNAVAILABLE));
            assertThatThrownBy(() -> hasher.hash("pw".toCharArray())).isInstanceOf(AuthException.class);
        } finally {
            hasher.slots().release();
        }

        assertThat(hasher.verify("pw".toCharArray(), hash)).isTrue();
        assertThat(hasher.slots().availablePermits()).isEqualTo(1);
    }

    @Test
    void theLimitIsCheckedAtOnce() {
        assertThatThrownBy(() -> PasswordHasher.builder().maxConcurrent(0, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
