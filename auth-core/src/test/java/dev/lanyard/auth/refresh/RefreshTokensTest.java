package dev.lanyard.auth.refresh;

import dev.lanyard.auth.StoreException;
import dev.lanyard.auth.event.AuthEvent;
import dev.lanyard.auth.event.AuthEventListener;
import dev.lanyard.auth.event.AuthEvents;
import dev.lanyard.auth.testing.MutableClock;
import dev.lanyard.auth.token.InMemoryRevocationList;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RefreshTokensTest {

    final MutableClock clock = MutableClock.at("2026-11-22T10:00:00Z");
    final InMemoryRefreshTokenStore store = new InMemoryRefreshTokenStore();
    final InMemoryRevocationList revocations = new InMemoryRevocationList(clock);
    final List<AuthEvent> events = new ArrayList<>();
    final AtomicInteger minted = new AtomicInteger();

    RefreshTokens refresh(Duration grace) {
        return RefreshTokens.builder().store(store).revocations(revocations).clock(clock)
                .absoluteLifetime(Duration.ofHours(10)).idleLifetime(Duration.ofHours(2)).graceWindow(grace)
                .events(AuthEvents.of(new AuthEventListener() {
                    @Override
                    public void onEvent(AuthEvent event) {
                        events.add(event);
                    }
                }))
                .build();
    }

    final RefreshTokens refresh = refresh(Duration.ZERO);

    RefreshTokens.SuccessorIssuer issuer() {
        return family -> {
            int n = minted.incrementAndGet();
            return new RefreshTokens.Successor("jti-" + n, clock.instant().plus(Duration.ofMinutes(15)), "payload-" + n);
        };
    }

    String login(RefreshTokens r) {
        return r.startFamily("web-app", "alice", Set.of("read"), clock.instant(), "jti-0",
                clock.instant().plus(Duration.ofMinutes(15)), null);
    }

    @Test
    void tokensAreOpaque256BitStringsStoredOnlyAsDigests() {
        String token = login(refresh);

        assertThat(token).matches("[A-Za-z0-9_-]{43}");
        assertThat(store.find(token)).isEmpty();
        assertThat(store.find(dev.lanyard.auth.internal.Secrets.digest(token))).isPresent();
    }

    @Test
    void rotateIssuesANewTokenAndKillsTheOld() {
        String first = login(refresh);

        RefreshTokens.Rotated second = refresh.rotate(first, "web-app", issuer());

        assertThat(second.refreshToken()).isNotEqualTo(first);
        assertThat(second.payload()).isEqualTo("payload-1");
        assertThat(second.family().subject()).isEqualTo("alice");
        assertThat(refresh.rotate(second.refreshToken(), "web-app", issuer()).payload()).isEqualTo("payload-2");
    }

    @Test
    void replayOfARotatedTokenRevokesTheWholeFamilyAndItsAccessTokens() {
        String first = login(refresh);
        RefreshTokens.Rotated second = refresh.rotate(first, "web-app", issuer());

        assertThatThrownBy(() -> refresh.rotate(first, "web-app", issuer()))
                .isInstanceOf(RefreshTokenReusedException.class)
                .satisfies(e -> assertThat(((RefreshTokenReusedException) e).error().code()).isEqualTo("invalid_grant"));

        assertThatThrownBy(() -> refresh.rotate(second.refreshToken(), "web-app", issuer()))
                .isInstanceOf(InvalidRefreshTokenException.class).hasMessageContaining("revoked");
        assertThat(revocations.isRevoked("jti-0")).isTrue();
        assertThat(revocations.isRevoked("jti-1")).isTrue();
        assertThat(events).anySatisfy(e -> assertThat(e).isInstanceOf(AuthEvent.RefreshTokenReused.class));
    }

    @Test
    void retryOfThePredecessorInsideTheGraceWindowGetsTheSamePair() {
        RefreshTokens graceful = refresh(Duration.ofSeconds(10));
        String first = login(graceful);
        RefreshTokens.Rotated winner = graceful.rotate(first, "web-app", issuer());
        clock.advance(Duration.ofSeconds(9));

        RefreshTokens.Rotated retry = graceful.rotate(first, "web-app", issuer());

        assertThat(retry.replay()).isTrue();
        assertThat(retry.refreshToken()).isEqualTo(winner.refreshToken());
        assertThat(retry.payload()).isEqualTo(winner.payload());
        assertThat(minted).hasValue(1); // no second branch was minted
        assertThat(graceful.rotate(winner.refreshToken(), "web-app", issuer()).replay()).isFalse();
    }

    @Test
    void retryAfterTheGraceWindowIsReuse() {
        RefreshTokens graceful = refresh(Duration.ofSeconds(10));
        String first = login(graceful);
        graceful.rotate(first, "web-app", issuer());
        clock.advance(Duration.ofSeconds(10));

        assertThatThrownBy(() -> graceful.rotate(first, "web-app", issuer()))
                .isInstanceOf(RefreshTokenReusedException.class);
    }

    @Test
    void olderThanTheImmediatePredecessorIsReuseEvenInsideTheGraceWindow() {
        RefreshTokens graceful = refresh(Duration.ofSeconds(10));
        String first = login(graceful);
        RefreshTokens.Rotated second = graceful.rotate(first, "web-app", issuer());
        graceful.rotate(second.refreshToken(), "web-app", issuer());

        assertThatThrownBy(() -> graceful.rotate(first, "web-app", issuer()))
                .isInstanceOf(RefreshTokenReusedException.class);
    }

    @Test
    void anotherClientCannotUseTheToken() {
        String first = login(refresh);

        assertThatThrownBy(() -> refresh.rotate(first, "other-app", issuer()))
                .isInstanceOf(InvalidRefreshTokenException.class).hasMessageContaining("another client");
        assertThat(refresh.rotate(first, "web-app", issuer())).isNotNull();
    }

    @Test
    void unknownOrMalformedTokensAreInvalidGrant() {
        for (String bad : new String[] {"", "x".repeat(600), "no-such-token"}) {
            assertThatThrownBy(() -> refresh.rotate(bad, "web-app", issuer()))
                    .isInstanceOf(InvalidRefreshTokenException.class);
        }
    }

    @Test
    void idleLifetimeKillsAnUnusedTokenAndUseRenewsIt() {
        String first = login(refresh);
        clock.advance(Duration.ofHours(1).plusMinutes(59));
        RefreshTokens.Rotated second = refresh.rotate(first, "web-app", issuer());
        clock.advance(Duration.ofHours(1).plusMinutes(59));
        RefreshTokens.Rotated third = refresh.rotate(second.refreshToken(), "web-app", issuer());
        clock.advance(Duration.ofHours(2));

        assertThatThrownBy(() -> refresh.rotate(third.refreshToken(), "web-app", issuer()))
                .isInstanceOf(InvalidRefreshTokenException.class).hasMessageContaining("expired unused");
    }

    @Test
    void rotationNeverExtendsTheAbsoluteLifetime() {
        String token = login(refresh);
        for (int i = 0; i < 9; i++) {
            clock.advance(Duration.ofHours(1));
            token = refresh.rotate(token, "web-app", issuer()).refreshToken();
        }
        clock.advance(Duration.ofMinutes(59));
        token = refresh.rotate(token, "web-app", issuer()).refreshToken();
        clock.advance(Duration.ofMinutes(1)); // exactly 10 hours after login
        String last = token;

        assertThatThrownBy(() -> refresh.rotate(last, "web-app", issuer()))
                .isInstanceOf(InvalidRefreshTokenException.class).hasMessageContaining("absolute lifetime");
    }

    @Test
    void purgeRemovesExpiredFamiliesAndIdleTokens() {
        String a = login(refresh);
        refresh.rotate(a, "web-app", issuer());
        login(refresh);
        assertThat(store.size()).isEqualTo(3);

        clock.advance(Duration.ofHours(2).plusSeconds(1));
        assertThat(refresh.purge()).isEqualTo(3);
        assertThat(store.size()).isZero();
    }

    @Test
    void revokeSubjectLogsOutEverywhere() {
        String phone = login(refresh);
        String laptop = login(refresh);
        String bobs = refresh.startFamily("web-app", "bob", Set.of(), clock.instant(), "jti-bob",
                clock.instant().plus(Duration.ofMinutes(5)), null);

        assertThat(refresh.revokeSubject("alice")).isEqualTo(2);

        for (String t : new String[] {phone, laptop}) {
            assertThatThrownBy(() -> refresh.rotate(t, "web-app", issuer())).isInstanceOf(InvalidRefreshTokenException.class);
        }
        assertThat(refresh.rotate(bobs, "web-app", issuer())).isNotNull();
        assertThat(revocations.isRevoked("jti-bob")).isFalse();
    }

    @Test
    void revokeByTokenIgnoresUnknownTokensAndOtherClients() {
        String token = login(refresh);

        assertThat(refresh.revokeByToken("unknown", "web-app")).isFalse();
        assertThat(refresh.revokeByToken(token, "other-app")).isFalse();
        assertThat(refresh.revokeByToken(token, "web-app")).isTrue();
        assertThatThrownBy(() -> refresh.rotate(token, "web-app", issuer())).isInstanceOf(InvalidRefreshTokenException.class);
    }

    @Test
    void aStoreThatFailsMidRotationLeavesTheOldTokenUsableAndNothingHalfWritten() {
        RefreshTokenStore failing = new ForwardingStore(store) {
            @Override
            public boolean rotate(String digest, Instant rotatedAt, byte[] sealed, RefreshTokenEntry successor) {
                throw new StoreException("rotate failed", null, true);
            }
        };
        RefreshTokens broken = RefreshTokens.builder().store(failing).clock(clock).build();
        String token = login(refresh);

        assertThatThrownBy(() -> broken.rotate(token, "web-app", issuer())).isInstanceOf(StoreException.class);

        assertThat(store.size()).isEqualTo(1);
        assertThat(refresh.rotate(token, "web-app", issuer())).isNotNull();
    }

    @Test
    void theLoserOfARaceWithoutGraceIsTreatedAsReuse() {
        String token = login(refresh);
        // Another node wins between our read and our write.
        RefreshTokenStore racing = new ForwardingStore(store) {
            boolean first = true;

            @Override
            public boolean rotate(String digest, Instant rotatedAt, byte[] sealed, RefreshTokenEntry successor) {
                if (first) {
                    first = false;
                    refresh.rotate(token, "web-app", issuer());
                }
                return super.rotate(digest, rotatedAt, sealed, successor);
            }
        };
        RefreshTokens loser = RefreshTokens.builder().store(racing).clock(clock).revocations(revocations)
                .graceWindow(Duration.ZERO).build();

        assertThatThrownBy(() -> loser.rotate(token, "web-app", issuer())).isInstanceOf(RefreshTokenReusedException.class);
    }

    @Test
    void theLoserOfARaceInsideGraceGetsTheWinnersPair() {
        RefreshTokens graceful = refresh(Duration.ofSeconds(10));
        String token = login(graceful);
        List<RefreshTokens.Rotated> winner = new ArrayList<>();
        RefreshTokenStore racing = new ForwardingStore(store) {
            boolean first = true;

            @Override
            public boolean rotate(String digest, Instant rotatedAt, byte[] sealed, RefreshTokenEntry successor) {
                if (first) {
                    first = false;
                    winner.add(graceful.rotate(token, "web-app", issuer()));
                }
                return super.rotate(digest, rotatedAt, sealed, successor);
            }
        };
        RefreshTokens loser = RefreshTokens.builder().store(racing).clock(clock).graceWindow(Duration.ofSeconds(10))
                .build();

        RefreshTokens.Rotated got = loser.rotate(token, "web-app", issuer());

        assertThat(got.replay()).isTrue();
        assertThat(got.refreshToken()).isEqualTo(winner.get(0).refreshToken());
        assertThat(got.payload()).isEqualTo(winner.get(0).payload());
    }

    @Test
    void builderRejectsContradictions() {
        assertThatThrownBy(() -> RefreshTokens.builder().graceWindow(Duration.ofMinutes(5)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RefreshTokens.builder().store(store).absoluteLifetime(Duration.ofHours(1))
                .idleLifetime(Duration.ofHours(2)).build()).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> RefreshTokens.builder().build()).isInstanceOf(IllegalStateException.class);
    }

    /** Delegates everything; tests override one method to inject a failure or a race. */
    static class ForwardingStore implements RefreshTokenStore {
        private final RefreshTokenStore delegate;

        ForwardingStore(RefreshTokenStore delegate) {
            this.delegate = delegate;
        }

        @Override
        public void createFamily(RefreshFamily family, RefreshTokenEntry first) {
            delegate.createFamily(family, first);
        }

        @Override
        public Optional<Found> find(String digest) {
            return delegate.find(digest);
        }

        @Override
        public boolean rotate(String digest, Instant rotatedAt, byte[] sealed, RefreshTokenEntry successor) {
            return delegate.rotate(digest, rotatedAt, sealed, successor);
        }

        @Override
        public List<IssuedAccess> revokeFamily(String familyId, Instant now) {
            return delegate.revokeFamily(familyId, now);
        }

        @Override
        public List<IssuedAccess> revokeSubject(String subject, Instant now) {
            return delegate.revokeSubject(subject, now);
        }

        @Override
        public List<IssuedAccess> revokeClient(String clientId, Instant now) {
            return delegate.revokeClient(clientId, now);
        }

        @Override
        public int purge(Instant now) {
            return delegate.purge(now);
        }
    }
}
