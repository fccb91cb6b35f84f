package dev.lanyard.auth.admin;

import dev.lanyard.auth.event.AuthEvents;
import dev.lanyard.auth.reference.InMemoryReferenceTokenStore;
import dev.lanyard.auth.reference.ReferenceToken;
import dev.lanyard.auth.refresh.InMemoryRefreshTokenStore;
import dev.lanyard.auth.refresh.InvalidRefreshTokenException;
import dev.lanyard.auth.refresh.RefreshTokens;
import dev.lanyard.auth.testing.MutableClock;
import dev.lanyard.auth.token.InMemoryRevocationList;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SessionsTest {

    final MutableClock clock = MutableClock.at("2026-11-22T10:00:00Z");
    final InMemoryRefreshTokenStore refreshStore = new InMemoryRefreshTokenStore();
    final InMemoryReferenceTokenStore referenceStore = new InMemoryReferenceTokenStore();
    final InMemoryRevocationList revocations = new InMemoryRevocationList(clock);
    final RefreshTokens refresh = RefreshTokens.builder().store(refreshStore).revocations(revocations).clock(clock)
            .build();
    final Sessions sessions = new Sessions(refreshStore, referenceStore, revocations, AuthEvents.none(), clock);

    String login(String clientId, String subject, String jti) {
        return refresh.startFamily(clientId, subject, Set.of("read"), clock.instant(), jti,
                clock.instant().plus(Duration.ofMinutes(15)), null);
    }

    void rotate(String token, String clientId) {
        refresh.rotate(token, clientId, f -> new RefreshTokens.Successor("next", clock.instant().plusSeconds(60), ""));
    }

    ReferenceToken opaque(String digest, String subject) {
        Instant now = clock.instant();
        ReferenceToken token = new ReferenceToken(digest, "id-" + digest, "web-app", subject, Set.of("read"), now,
                now.plusSeconds(600), now.plusSeconds(3600));
        referenceStore.save(token);
        return token;
    }

    @Test
    void endUserThenItsRefreshTokenNoLongerRefreshesAndItsAccessTokenIsRevoked() {
        String token = login("web-app", "u-alice", "jti-alice");

        Sessions.Ended ended = sessions.endUser("u-alice");

        assertThat(ended.accessTokens()).isEqualTo(1);
        assertThat(revocations.isRevoked("jti-alice")).isTrue();
        assertThatThrownBy(() -> rotate(token, "web-app")).isInstanceOf(InvalidRefreshTokenException.class);
    }

    @Test
    void endUserThenItsReferenceTokensDieAndOthersLive() {
        opaque("d-alice", "u-alice");
        opaque("d-bob", "u-bob");

        Sessions.Ended ended = sessions.endUser("u-alice");

        assertThat(ended.referenceTokens()).isEqualTo(1);
        assertThat(ended.total()).isEqualTo(1);
        assertThat(referenceStore.find("d-alice")).isEmpty();
        assertThat(referenceStore.find("d-bob")).isPresent();
    }

    @Test
    void endUserLeavesOtherUsersSessionsAlone() {
        String bobs = login("web-app", "u-bob", "jti-bob");
        login("web-app", "u-alice", "jti-alice");

        sessions.endUser("u-alice");

        assertThat(revocations.isRevoked("jti-bob")).isFalse();
        rotate(bobs, "web-app"); // still works
    }

    @Test
    void endClientThenItsFamiliesDieAndOtherClientsLive() {
        String mine = login("my-app", "u-alice", "jti-mine");
        String other = login("web-app", "u-alice", "jti-other");

        Sessions.Ended ended = sessions.endClient("my-app");

        assertThat(ended).isEqualTo(new Sessions.Ended(1, 0));
        assertThat(revocations.isRevoked("jti-mine")).isTrue();
        assertThat(revocations.isRevoked("jti-other")).isFalse();
        assertThatThrownBy(() -> rotate(mine, "my-app")).isInstanceOf(InvalidRefreshTokenException.class);
        rotate(other, "web-app");
    }

    @Test
    void endUserWhenNoSessionsThenNothingEnded() {
        assertThat(sessions.endUser("u-nobody")).isEqualTo(new Sessions.Ended(0, 0));
    }
}
