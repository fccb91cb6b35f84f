package dev.lanyard.auth.testing;

import dev.lanyard.auth.internal.Secrets;
import dev.lanyard.auth.refresh.RefreshFamily;
import dev.lanyard.auth.refresh.RefreshTokenEntry;
import dev.lanyard.auth.refresh.RefreshTokenEntry.State;
import dev.lanyard.auth.refresh.RefreshTokenStore;
import dev.lanyard.auth.refresh.RefreshTokenStore.Found;
import dev.lanyard.auth.refresh.RefreshTokenStore.IssuedAccess;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The behaviour every {@link RefreshTokenStore} owes {@link dev.lanyard.auth.refresh.RefreshTokens}.
 * Extend it with a store of your own and JUnit runs every case against it:
 *
 * <pre>{@code
 * class RedisRefreshTokenStoreTest extends RefreshTokenStoreContract {
 *     @Override
 *     protected RefreshTokenStore newStore() {
 *         return new RedisRefreshTokenStore(emptyTestRedis());
 *     }
 * }
 * }</pre>
 *
 * <p>Instants are whole milliseconds, which every store keeps exactly. The suite ships in the
 * auth-core test-jar (classifier {@code tests}); it needs JUnit Jupiter and AssertJ on the test
 * classpath.
 */
public abstract class RefreshTokenStoreContract {

    /** Login time of the families the tests create. */
    protected static final Instant T0 = Instant.parse("2026-11-22T10:00:00.123Z");
    /** The time at which the tests rotate, revoke and purge. */
    protected static final Instant NOW = T0.plus(Duration.ofHours(1));

    /** The store under test. */
    protected RefreshTokenStore store;

    private int counter;

    /**
     * A new, empty store; called before each test.
     *
     * @return a store holding no families, not shared with any other test
     */
    protected abstract RefreshTokenStore newStore();

    @BeforeEach
    void createStore() {
        store = newStore();
    }

    // --- createFamily and find ---

    @Test
    void createFamilyThenFindReturnsTheTokenAndItsFamily() {
        RefreshFamily family = new RefreshFamily("fam-1", "web-app", "alice", orderedScopes("write", "read", "a:b"),
                T0, T0.plus(Duration.ofDays(30)), T0.minusSeconds(90), false);
        RefreshTokenEntry first = RefreshTokenEntry.active(digest("first"), "fam-1", T0, T0.plus(Duration.ofDays(7)),
                "jti-0", T0.plus(Duration.ofMinutes(15)));

        store.createFamily(family, first);

        Found found = store.find(first.digest()).orElseThrow();
        assertThat(found.token()).isEqualTo(first);
        assertThat(found.family()).isEqualTo(family);
        assertThat(new ArrayList<>(found.family().scopes())).containsExactly("write", "read", "a:b");
        assertThat(found.token().state()).isEqualTo(State.ACTIVE);
        assertThat(found.token().rotatedAt()).isNull();
        assertThat(found.token().successorDigest()).isNull();
        assertThat(found.token().sealedSuccessor()).isNull();
    }

    @Test
    void familyWithoutScopesOrAccessTokenRoundTrips() {
        RefreshFamily family = new RefreshFamily("fam-bare", "cli", "svc", Set.of(), T0, T0.plusSeconds(60), T0, false);
        RefreshTokenEntry first = RefreshTokenEntry.active(digest("bare"), "fam-bare", T0, T0.plusSeconds(30), null, null);

        store.createFamily(family, first);

        Found found = store.find(first.digest()).orElseThrow();
        assertThat(found.family()).isEqualTo(family);
        assertThat(found.family().scopes()).isEmpty();
        assertThat(found.token()).isEqualTo(first);
    }

    @Test
    void findWhenUnknownThenEmpty() {
        start("alice", "web-app");

        assertThat(store.find(digest("no-such-token"))).isEmpty();
        assertThat(store.find(null)).isEmpty();
    }

    @Test
    void digestsCompareExactly() {
        String d = digest("exact");
        store.createFamily(family("fam-x", "web-app", "alice"), active(d, "fam-x", "jti-x"));

        assertThat(store.find(d)).isPresent();
        assertThat(store.find(d.toUpperCase(Locale.ROOT))).isEmpty();
        assertThat(store.find(d.toLowerCase(Locale.ROOT))).isEmpty();
        assertThat(store.find(d + " ")).isEmpty();
    }

    @Test
    void createFamilyWhenTheFamilyExistsThenRefusedAndNothingWritten() {
        store.createFamily(family("fam-1", "web-app", "alice"), active(digest("a"), "fam-1", "jti-a"));

        assertThatThrownBy(() -> store.createFamily(family("fam-1", "web-app", "mallory"),
                active(digest("b"), "fam-1", "jti-b")))
                .isInstanceOf(IllegalStateException.class);

        assertThat(store.find(digest("b"))).isEmpty();
        assertThat(store.find(digest("a")).orElseThrow().family().subject()).isEqualTo("alice");
    }

    @Test
    void createFamilyWhenTheFirstTokenExistsThenRefusedAndNothingWritten() {
        store.createFamily(family("fam-1", "web-app", "alice"), active(digest("a"), "fam-1", "jti-a"));

        assertThatThrownBy(() -> store.createFamily(family("fam-2", "web-app", "bob"), active(digest("a"), "fam-2", "jti-b")))
                .isInstanceOf(IllegalStateException.class);

        assertThat(store.find(digest("a")).orElseThrow().family().id()).isEqualTo("fam-1");
        // fam-2 was not written: its id is still free
        store.createFamily(family("fam-2", "web-app", "bob"), active(digest("c"), "fam-2", "jti-c"));
        assertThat(store.find(digest("c")).orElseThrow().family().subject()).isEqualTo("bob");
    }

    // --- rotate ---

    @Test
    void rotateAnActiveTokenSucceedsOnceAndASecondRotateFails() {
        Started f = start("alice", "web-app");
        RefreshTokenEntry next = successor(f.familyId, "jti-1");
        byte[] sealed = bytes(64);

        assertThat(store.rotate(f.digest, NOW, sealed, next)).isTrue();

        RefreshTokenEntry other = successor(f.familyId, "jti-2");
        assertThat(store.rotate(f.digest, NOW.plusSeconds(1), bytes(10), other)).isFalse();
        assertThat(store.find(other.digest())).isEmpty();
        RefreshTokenEntry old = store.find(f.digest).orElseThrow().token();
        assertThat(old.state()).isEqualTo(State.ROTATED);
        assertThat(old.rotatedAt()).isEqualTo(NOW);
        assertThat(old.successorDigest()).isEqualTo(next.digest());
        assertThat(old.sealedSuccessor()).isEqualTo(sealed);
    }

    @Test
    void rotateRecordsTheRotationAndStoresTheSuccessor() {
        Started f = start("alice", "web-app");
        RefreshTokenEntry before = store.find(f.digest).orElseThrow().token();
        RefreshTokenEntry next = successor(f.familyId, "jti-1");

        store.rotate(f.digest, NOW, bytes(32), next);

        Found rotated = store.find(f.digest).orElseThrow();
        assertThat(rotated.token().issuedAt()).isEqualTo(before.issuedAt());
        assertThat(rotated.token().idleExpiresAt()).isEqualTo(before.idleExpiresAt());
        assertThat(rotated.token().accessTokenId()).isEqualTo(before.accessTokenId());
        assertThat(rotated.token().accessExpiresAt()).isEqualTo(before.accessExpiresAt());
        assertThat(rotated.family().revoked()).isFalse();
        Found successor = store.find(next.digest()).orElseThrow();
        assertThat(successor.token()).isEqualTo(next);
        assertThat(successor.family()).isEqualTo(rotated.family());
    }

    @Test
    void sealedBytesRoundTripExactly() {
        for (int length : new int[] {1, 255, 256, 4096}) {
            Started f = start("alice", "web-app");
            byte[] sealed = bytes(length);

            store.rotate(f.digest, NOW, sealed, successor(f.familyId, "jti-" + length));

            byte[] back = store.find(f.digest).orElseThrow().token().sealedSuccessor();
            assertThat(back).as("%d bytes", length).isEqualTo(sealed);
        }
    }

    @Test
    void rotateTheSuccessorContinuesTheChain() {
        Started f = start("alice", "web-app");
        RefreshTokenEntry second = successor(f.familyId, "jti-1");
        RefreshTokenEntry third = successor(f.familyId, "jti-2");

        assertThat(store.rotate(f.digest, NOW, bytes(8), second)).isTrue();
        assertThat(store.rotate(second.digest(), NOW.plusSeconds(5), bytes(8), third)).isTrue();

        assertThat(store.find(second.digest()).orElseThrow().token().state()).isEqualTo(State.ROTATED);
        assertThat(store.find(second.digest()).orElseThrow().token().successorDigest()).isEqualTo(third.digest());
        assertThat(store.find(third.digest()).orElseThrow().token().state()).isEqualTo(State.ACTIVE);
        assertThat(store.rotate(f.digest, NOW.plusSeconds(6), bytes(8), successor(f.familyId, "jti-3"))).isFalse();
    }

    @Test
    void rotateWhenUnknownThenFalseAndNothingStored() {
        Started f = start("alice", "web-app");
        RefreshTokenEntry next = successor(f.familyId, "jti-1");

        assertThat(store.rotate(digest("no-such-token"), NOW, bytes(8), next)).isFalse();

        assertThat(store.find(next.digest())).isEmpty();
        assertThat(store.find(f.digest).orElseThrow().token().state()).isEqualTo(State.ACTIVE);
    }

    @Test
    void rotateAfterRevokeFamilyFails() {
        Started f = start("alice", "web-app");
        store.revokeFamily(f.familyId, NOW);
        RefreshTokenEntry next = successor(f.familyId, "jti-1");

        assertThat(store.rotate(f.digest, NOW, bytes(8), next)).isFalse();

        assertThat(store.find(next.digest())).isEmpty();
        assertThat(store.find(f.digest).orElseThrow().token().state()).isEqualTo(State.REVOKED);
    }

    @Test
    void rotateWhenTheSuccessorDigestIsTakenThenFalseAndNothingChanges() {
        Started f = start("alice", "web-app");
        Started other = start("bob", "web-app");
        RefreshTokenEntry clash = RefreshTokenEntry.active(other.digest, f.familyId, NOW, NOW.plusSeconds(600), "jti-1",
                NOW.plusSeconds(60));

        assertThat(store.rotate(f.digest, NOW, bytes(8), clash)).isFalse();

        Found still = store.find(f.digest).orElseThrow();
        assertThat(still.token().state()).isEqualTo(State.ACTIVE);
        assertThat(still.token().successorDigest()).isNull();
        assertThat(store.find(other.digest).orElseThrow().family().id()).isEqualTo(other.familyId);
        assertThat(store.rotate(f.digest, NOW, bytes(8), successor(f.familyId, "jti-2"))).isTrue();
    }

    @Test
    void concurrentRotationsOfOneTokenSucceedExactlyOnce() throws Exception {
        int threads = 8;
        for (int round = 0; round < 5; round++) {
            Started f = start("alice", "web-app");
            List<RefreshTokenEntry> successors = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                successors.add(successor(f.familyId, "jti-" + round + "-" + i));
            }

            List<Boolean> results = Race.run(threads, i -> store.rotate(f.digest, NOW, bytes(16), successors.get(i)));

            assertThat(results).filteredOn(r -> r).hasSize(1);
            String winner = store.find(f.digest).orElseThrow().token().successorDigest();
            for (RefreshTokenEntry s : successors) {
                assertThat(store.find(s.digest()).isPresent()).as("successor stored").isEqualTo(s.digest().equals(winner));
            }
        }
    }

    // --- revoke ---

    @Test
    void revokeFamilyReturnsOnlyUnexpiredAccessTokensAndRevokesEveryToken() {
        Started f = start("alice", "web-app", "jti-live-0", NOW.plusSeconds(300));
        RefreshTokenEntry t1 = RefreshTokenEntry.active(digest("t1"), f.familyId, NOW, NOW.plusSeconds(3600), "jti-at-now",
                NOW);
        RefreshTokenEntry t2 = RefreshTokenEntry.active(digest("t2"), f.familyId, NOW, NOW.plusSeconds(3600), "jti-live-2",
                NOW.plusSeconds(900));
        RefreshTokenEntry t3 = RefreshTokenEntry.active(digest("t3"), f.familyId, NOW, NOW.plusSeconds(3600), "jti-gone",
                NOW.minusMillis(1));
        RefreshTokenEntry t4 = RefreshTokenEntry.active(digest("t4"), f.familyId, NOW, NOW.plusSeconds(3600), null, null);
        store.rotate(f.digest, NOW, bytes(8), t1);
        store.rotate(t1.digest(), NOW, bytes(8), t2);
        store.rotate(t2.digest(), NOW, bytes(8), t3);
        store.rotate(t3.digest(), NOW, bytes(8), t4);

        List<IssuedAccess> access = store.revokeFamily(f.familyId, NOW);

        assertThat(access).containsExactlyInAnyOrder(new IssuedAccess("jti-live-0", NOW.plusSeconds(300)),
                new IssuedAccess("jti-live-2", NOW.plusSeconds(900)));
        for (String d : List.of(f.digest, t1.digest(), t2.digest(), t3.digest(), t4.digest())) {
            Found found = store.find(d).orElseThrow();
            assertThat(found.token().state()).isEqualTo(State.REVOKED);
            assertThat(found.family().revoked()).isTrue();
        }
    }

    @Test
    void revokeFamilyTheSecondTimeReturnsNothing() {
        Started f = start("alice", "web-app");

        assertThat(store.revokeFamily(f.familyId, NOW)).hasSize(1);
        assertThat(store.revokeFamily(f.familyId, NOW)).isEmpty();
        assertThat(store.find(f.digest).orElseThrow().family().revoked()).isTrue();
    }

    @Test
    void revokeFamilyWhenUnknownThenEmpty() {
        start("alice", "web-app");

        assertThat(store.revokeFamily("no-such-family", NOW)).isEmpty();
    }

    @Test
    void revokeFamilyLeavesOtherFamiliesAlone() {
        Started a = start("alice", "web-app");
        Started b = start("alice", "web-app");

        store.revokeFamily(a.familyId, NOW);

        assertThat(store.find(b.digest).orElseThrow().family().revoked()).isFalse();
        assertThat(store.find(b.digest).orElseThrow().token().state()).isEqualTo(State.ACTIVE);
    }

    @Test
    void revokeSubjectRevokesOnlyThatSubjectsFamilies() {
        Started phone = start("alice", "web-app", "jti-phone", NOW.plusSeconds(60));
        Started laptop = start("alice", "cli", "jti-laptop", NOW.plusSeconds(60));
        Started bobs = start("bob", "web-app", "jti-bob", NOW.plusSeconds(60));
        Started upper = start("Alice", "web-app", "jti-upper", NOW.plusSeconds(60));

        List<IssuedAccess> access = store.revokeSubject("alice", NOW);

        assertThat(access).extracting(IssuedAccess::jti).containsExactlyInAnyOrder("jti-phone", "jti-laptop");
        assertRevoked(phone, true);
        assertRevoked(laptop, true);
        assertRevoked(bobs, false);
        assertRevoked(upper, false);
        assertThat(store.revokeSubject("alice", NOW)).isEmpty();
        assertThat(store.revokeSubject("nobody", NOW)).isEmpty();
    }

    @Test
    void revokeSubjectReturnsNothingForFamiliesRevokedAlready() {
        Started phone = start("alice", "web-app", "jti-phone", NOW.plusSeconds(60));
        start("alice", "web-app", "jti-laptop", NOW.plusSeconds(60));
        store.revokeFamily(phone.familyId, NOW);

        assertThat(store.revokeSubject("alice", NOW)).extracting(IssuedAccess::jti).containsExactly("jti-laptop");
    }

    @Test
    void revokeClientRevokesOnlyThatClientsFamilies() {
        Started alices = start("alice", "web-app", "jti-a", NOW.plusSeconds(60));
        Started bobs = start("bob", "web-app", "jti-b", NOW.plusSeconds(60));
        Started other = start("alice", "cli", "jti-cli", NOW.plusSeconds(60));
        Started upper = start("carol", "Web-App", "jti-upper", NOW.plusSeconds(60));

        List<IssuedAccess> access = store.revokeClient("web-app", NOW);

        assertThat(access).extracting(IssuedAccess::jti).containsExactlyInAnyOrder("jti-a", "jti-b");
        assertRevoked(alices, true);
        assertRevoked(bobs, true);
        assertRevoked(other, false);
        assertRevoked(upper, false);
        assertThat(store.revokeClient("web-app", NOW)).isEmpty();
    }

    @Test
    void revokeSubjectReturnsTheAccessTokensOfRotatedTokensToo() {
        Started f = start("alice", "web-app", "jti-0", NOW.plusSeconds(60));
        store.rotate(f.digest, NOW, bytes(8), successor(f.familyId, "jti-1"));

        assertThat(store.revokeSubject("alice", NOW)).extracting(IssuedAccess::jti)
                .containsExactlyInAnyOrder("jti-0", "jti-1");
    }

    // --- purge ---

    @Test
    void purgeDeletesExpiredFamiliesWithAllTheirTokens() {
        Instant end = NOW.plusSeconds(10);
        store.createFamily(new RefreshFamily("old", "web-app", "alice", Set.of(), T0, end, T0, false),
                RefreshTokenEntry.active(digest("old-0"), "old", T0, end, "jti-old", end));
        store.rotate(digest("old-0"), NOW, bytes(8), RefreshTokenEntry.active(digest("old-1"), "old", NOW, end, null, null));
        store.createFamily(new RefreshFamily("edge", "web-app", "alice", Set.of(), T0, end.plusSeconds(1), T0, false),
                RefreshTokenEntry.active(digest("edge-0"), "edge", T0, end.plusSeconds(1), null, null));

        assertThat(store.purge(end)).isZero(); // expiring at now is not expired before now
        assertThat(store.purge(end.plusMillis(1))).isEqualTo(2);

        assertThat(store.find(digest("old-0"))).isEmpty();
        assertThat(store.find(digest("old-1"))).isEmpty();
        assertThat(store.find(digest("edge-0"))).isPresent();
        // the id of a purged family is free again
        store.createFamily(family("old", "web-app", "alice"), active(digest("new"), "old", "jti-new"));
    }

    @Test
    void purgeDeletesIdleExpiredTokensAndKeepsTheirFamily() {
        Started f = start("alice", "web-app");
        RefreshTokenEntry idle = store.find(f.digest).orElseThrow().token();
        RefreshTokenEntry fresh = RefreshTokenEntry.active(digest("fresh"), f.familyId, NOW,
                idle.idleExpiresAt().plusSeconds(60), "jti-1", NOW.plusSeconds(60));
        store.rotate(f.digest, NOW, bytes(8), fresh);

        assertThat(store.purge(idle.idleExpiresAt())).isZero();
        assertThat(store.purge(idle.idleExpiresAt().plusMillis(1))).isEqualTo(1);

        assertThat(store.find(f.digest)).isEmpty();
        assertThat(store.find(fresh.digest())).isPresent();
        assertThat(store.rotate(fresh.digest(), NOW, bytes(8), successor(f.familyId, "jti-2"))).isTrue();
    }

    @Test
    void purgeKeepsRevokedFamiliesUntilTheyExpire() {
        Started f = start("alice", "web-app");
        store.revokeFamily(f.familyId, NOW);

        assertThat(store.purge(NOW)).isZero();

        assertThat(store.find(f.digest).orElseThrow().family().revoked()).isTrue();
    }

    @Test
    void purgeOfAnEmptyStoreDeletesNothing() {
        assertThat(store.purge(NOW)).isZero();
    }

    // --- helpers ---

    /** A family started at {@link #T0} with its first token. */
    protected record Started(String familyId, String digest) {
    }

    /**
     * Starts a family whose first token carries an access token live until an hour after {@link #NOW}.
     *
     * @param subject the user the family belongs to
     * @param clientId the client the family was issued to
     * @return the new family's id and the digest of its first token
     */
    protected Started start(String subject, String clientId) {
        return start(subject, clientId, "jti-" + subject + "-" + (++counter), NOW.plusSeconds(3600));
    }

    /**
     * Starts a family like {@link #start(String, String)}, with the given access token on its first refresh token,
     * for the revocation tests, which check which access tokens a revocation reports.
     *
     * @param subject the user the family belongs to
     * @param clientId the client the family was issued to
     * @param accessTokenId the id of the access token issued with the first refresh token
     * @param accessExpiresAt when that access token expires
     * @return the new family's id and the digest of its first token
     */
    protected Started start(String subject, String clientId, String accessTokenId, Instant accessExpiresAt) {
        String familyId = "fam-" + (++counter);
        String d = digest(familyId + "/first");
        store.createFamily(family(familyId, clientId, subject),
                RefreshTokenEntry.active(d, familyId, T0, T0.plus(Duration.ofHours(2)), accessTokenId, accessExpiresAt));
        return new Started(familyId, d);
    }

    /**
     * A family that lives 10 hours from {@link #T0}, with scopes {@code read write}, not revoked.
     *
     * @param id the family's id
     * @param clientId the client the family was issued to
     * @param subject the user the family belongs to
     * @return the family, ready to be created
     */
    protected static RefreshFamily family(String id, String clientId, String subject) {
        return new RefreshFamily(id, clientId, subject, orderedScopes("read", "write"), T0, T0.plus(Duration.ofHours(10)),
                T0, false);
    }

    /**
     * An active token of a family, issued at {@link #T0} for two hours, with an access token live for fifteen
     * minutes.
     *
     * @param digest the token's stored digest
     * @param familyId the family it belongs to
     * @param accessTokenId the id of the access token issued with it
     * @return the token entry
     */
    protected static RefreshTokenEntry active(String digest, String familyId, String accessTokenId) {
        return RefreshTokenEntry.active(digest, familyId, T0, T0.plus(Duration.ofHours(2)), accessTokenId,
                T0.plus(Duration.ofMinutes(15)));
    }

    /**
     * A new active token of the family, issued at {@link #NOW}: what a rotation stores in place of the old one.
     *
     * @param familyId the family it belongs to
     * @param accessTokenId the id of the access token issued with it
     * @return the token entry, with a digest no other token of the test has
     */
    protected RefreshTokenEntry successor(String familyId, String accessTokenId) {
        return RefreshTokenEntry.active(digest("successor-" + (++counter)), familyId, NOW, NOW.plus(Duration.ofHours(2)),
                accessTokenId, NOW.plus(Duration.ofMinutes(15)));
    }

    /**
     * The stored form of a token: base64url SHA-256, mixed case.
     *
     * @param token the token as the client would present it
     * @return its digest
     */
    protected static String digest(String token) {
        return Secrets.digest(token);
    }

    /**
     * Every byte value, zeros included, over {@code length} bytes.
     *
     * @param length how many bytes
     * @return a new array of that length, with a zero in the middle when it has more than one byte
     */
    protected static byte[] bytes(int length) {
        byte[] out = new byte[length];
        for (int i = 0; i < length; i++) {
            out[i] = (byte) (i * 7 + 3);
        }
        if (length > 1) {
            out[length / 2] = 0;
        }
        return out;
    }

    private static Set<String> orderedScopes(String... scopes) {
        return new LinkedHashSet<>(List.of(scopes));
    }

    private void assertRevoked(Started f, boolean revoked) {
        Found found = store.find(f.digest).orElseThrow();
        assertThat(found.family().revoked()).as("family %s revoked", f.familyId).isEqualTo(revoked);
        assertThat(found.token().state()).isEqualTo(revoked ? State.REVOKED : State.ACTIVE);
    }
}
