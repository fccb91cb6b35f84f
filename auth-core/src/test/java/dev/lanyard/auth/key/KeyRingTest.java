package dev.lanyard.auth.key;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

class KeyRingTest {

    static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
    static final Duration OVERLAP = Duration.ofHours(1);

    static SigningKey ec() {
        return SigningKey.generate(SigningAlgorithm.ES256, NOW);
    }

    static SigningKey ecWithKid(String kid) {
        try {
            return SigningKey.fromJwk(new ECKeyGenerator(Curve.P_256).keyID(kid).generate());
        } catch (JOSEException e) {
            throw new AssertionError(e);
        }
    }

    static SigningKey verifyOnly(SigningKey key) {
        JWK jwk = key.privateJwk();
        return SigningKey.fromJwk(jwk.toPublicJWK());
    }

    @Test
    void ofSingleKeyThenActiveOnly() {
        SigningKey active = ec();

        KeyRing ring = KeyRing.of(active);

        assertThat(ring.active()).isSameAs(active);
        assertThat(ring.next()).isEmpty();
        assertThat(ring.retiring()).isEmpty();
        assertThat(ring.keys()).containsExactly(active);
    }

    @Test
    void ofNullActiveThenRefused() {
        assertThatThrownBy(() -> KeyRing.of(null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void withNextThenNextPublishedAndOriginalRingUnchanged() {
        KeyRing ring = KeyRing.of(ec());
        SigningKey next = ec();

        KeyRing withNext = ring.withNext(next);

        assertThat(withNext.next()).containsSame(next);
        assertThat(withNext.active()).isSameAs(ring.active());
        assertThat(withNext.publicJwkSet().getKeyByKeyId(next.kid())).isNotNull();
        assertThat(ring.next()).isEmpty();
    }

    @Test
    void withNextTwiceThenSecondReplacesFirst() {
        SigningKey first = ec();
        SigningKey second = ec();

        KeyRing ring = KeyRing.of(ec()).withNext(first).withNext(second);

        assertThat(ring.next()).containsSame(second);
        assertThat(ring.find(first.kid())).isEmpty();
        assertThat(ring.keys()).hasSize(2);
    }

    @Test
    void keysThenNextActiveThenRetiringInOrder() {
        SigningKey active = ec();
        SigningKey next = ec();
        SigningKey old1 = ec();
        SigningKey old2 = ec();
        Map<SigningKey, Instant> retiring = new LinkedHashMap<>();
        retiring.put(old1, NOW.plusSeconds(10));
        retiring.put(old2, NOW.plusSeconds(20));

        assertThat(KeyRing.of(active, next, retiring).keys()).containsExactly(next, active, old1, old2);
    }

    @Test
    void rotateThenNextPromotedActiveRetiredUntilNowPlusOverlapAndNewNextPublished() {
        SigningKey active = ec();
        SigningKey next = ec();
        SigningKey newNext = ec();
        KeyRing ring = KeyRing.of(active).withNext(next);

        KeyRing rotated = ring.rotate(newNext, NOW, OVERLAP);

        assertThat(rotated.active()).isSameAs(next);
        assertThat(rotated.next()).containsSame(newNext);
        assertThat(rotated.retiring()).containsExactly(entry(active, NOW.plus(OVERLAP)));
        assertThat(rotated.publicJwkSet().getKeys()).extracting(JWK::getKeyID)
                .containsExactly(newNext.kid(), next.kid(), active.kid());
        assertThat(ring.active()).as("the original ring is unchanged").isSameAs(active);
    }

    @Test
    void rotateWithoutNextThenThrowsIllegalStateException() {
        KeyRing ring = KeyRing.of(ec());

        assertThatThrownBy(() -> ring.rotate(ec(), NOW, OVERLAP))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("no next key");
    }

    @Test
    void rotateWithNegativeOverlapThenThrows() {
        KeyRing ring = KeyRing.of(ec()).withNext(ec());

        assertThatThrownBy(() -> ring.rotate(ec(), NOW, Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("overlap");
    }

    @Test
    void rotateThenRetiringKeysPastTheirDropTimeRemoved() {
        SigningKey first = ec();
        SigningKey second = ec();
        KeyRing once = KeyRing.of(first).withNext(second).rotate(ec(), NOW, OVERLAP);

        KeyRing twice = once.rotate(ec(), NOW.plus(OVERLAP), OVERLAP);

        assertThat(twice.retiring()).containsOnlyKeys(second);
        assertThat(twice.find(first.kid())).isEmpty();
    }

    @Test
    void rotateBeforeDropTimeThenEarlierRetiringKeyKept() {
        SigningKey first = ec();
        SigningKey second = ec();
        KeyRing once = KeyRing.of(first).withNext(second).rotate(ec(), NOW, OVERLAP);

        KeyRing twice = once.rotate(ec(), NOW.plus(OVERLAP).minusSeconds(1), OVERLAP);

        assertThat(twice.retiring()).containsOnlyKeys(first, second);
        assertThat(twice.retiring().get(first)).isEqualTo(NOW.plus(OVERLAP));
    }

    @Test
    void rotateWithNewNextOfExistingKidThenRefused() {
        SigningKey active = ec();
        KeyRing ring = KeyRing.of(active).withNext(ec());

        assertThatThrownBy(() -> ring.rotate(active, NOW, OVERLAP))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(active.kid());
    }

    @Test
    void dropExpiredThenRemovesOnlyKeysWhoseDropTimeIsAtOrBeforeNow() {
        SigningKey before = ec();
        SigningKey exactlyNow = ec();
        SigningKey after = ec();
        Map<SigningKey, Instant> retiring = new LinkedHashMap<>();
        retiring.put(before, NOW.minusSeconds(1));
        retiring.put(exactlyNow, NOW);
        retiring.put(after, NOW.plusSeconds(1));
        KeyRing ring = KeyRing.of(ec(), ec(), retiring);

        KeyRing pruned = ring.dropExpired(NOW);

        assertThat(pruned.retiring()).containsExactly(entry(after, NOW.plusSeconds(1)));
        assertThat(pruned.active()).isSameAs(ring.active());
        assertThat(pruned.next()).isEqualTo(ring.next());
        assertThat(pruned.find(before.kid())).isEmpty();
        assertThat(pruned.find(exactlyNow.kid())).isEmpty();
        assertThat(pruned.find(after.kid())).containsSame(after);
    }

    @Test
    void dropExpiredWhenNothingExpiredThenSameRing() {
        KeyRing ring = KeyRing.of(ec(), null, Map.of(ec(), NOW.plusSeconds(1)));

        assertThat(ring.dropExpired(NOW)).isSameAs(ring);
    }

    @Test
    void findByKidThenFindsActiveNextAndRetiringKeys() {
        SigningKey active = ec();
        SigningKey next = ec();
        SigningKey retiring = ec();
        KeyRing ring = KeyRing.of(active, next, Map.of(retiring, NOW));

        assertThat(ring.find(active.kid())).containsSame(active);
        assertThat(ring.find(next.kid())).containsSame(next);
        assertThat(ring.find(retiring.kid())).containsSame(retiring);
    }

    @Test
    void findUnknownKidThenEmpty() {
        KeyRing ring = KeyRing.of(ec()).withNext(ec());

        assertThat(ring.find("no-such-kid")).isEmpty();
        assertThat(ring.find("")).isEmpty();
    }

    @Test
    void findNullKidThenEmpty() {
        assertThat(KeyRing.of(ec()).find(null)).isEmpty();
    }

    @Test
    void duplicateKidThenRefused() {
        SigningKey a = ecWithKid("dup");
        SigningKey b = ecWithKid("dup");
        SigningKey other = ec();

        assertThatThrownBy(() -> KeyRing.of(a, b, Map.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'dup'");
        assertThatThrownBy(() -> KeyRing.of(a, null, Map.of(b, NOW)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'dup'");
        assertThatThrownBy(() -> KeyRing.of(other, a, Map.of(b, NOW)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'dup'");
        assertThatThrownBy(() -> KeyRing.of(a).withNext(b))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'dup'");
    }

    @Test
    void sameKeyActiveAndNextThenRefused() {
        SigningKey key = ec();

        assertThatThrownBy(() -> KeyRing.of(key).withNext(key)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void verifyOnlyKeyAsActiveThenRefused() {
        SigningKey publicOnly = verifyOnly(ec());

        assertThatThrownBy(() -> KeyRing.of(publicOnly))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(publicOnly.kid())
                .hasMessageContaining("cannot sign");
    }

    @Test
    void verifyOnlyKeyAsNextThenRefused() {
        SigningKey publicOnly = verifyOnly(ec());

        assertThatThrownBy(() -> KeyRing.of(ec()).withNext(publicOnly))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cannot sign");
    }

    @Test
    void verifyOnlyKeyAsRetiringThenAcceptedAndFound() {
        SigningKey publicOnly = verifyOnly(ec());

        KeyRing ring = KeyRing.of(ec(), null, Map.of(publicOnly, NOW));

        assertThat(ring.find(publicOnly.kid())).containsSame(publicOnly);
    }

    @Test
    void keysOfMixedAlgorithmsThenAccepted() {
        SigningKey rsa = SigningKey.generate(SigningAlgorithm.RS256);
        SigningKey ed = SigningKey.generate(SigningAlgorithm.EDDSA);
        SigningKey hmac = SigningKey.generate(SigningAlgorithm.HS256);

        KeyRing ring = KeyRing.of(rsa, ed, Map.of(hmac, NOW));

        assertThat(ring.keys()).extracting(SigningKey::algorithm)
                .containsExactly(SigningAlgorithm.EDDSA, SigningAlgorithm.RS256, SigningAlgorithm.HS256);
    }

    @Test
    void retiringMapThenUnmodifiableAndDetachedFromTheCallersMap() {
        SigningKey old = ec();
        Map<SigningKey, Instant> given = new LinkedHashMap<>();
        given.put(old, NOW);
        KeyRing ring = KeyRing.of(ec(), null, given);

        given.clear();

        assertThat(ring.retiring()).containsOnlyKeys(old);
        assertThatThrownBy(() -> ring.retiring().clear()).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> ring.keys().clear()).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void toStringThenNamesKidsOnly() {
        SigningKey active = ec();
        KeyRing ring = KeyRing.of(active);

        assertThat(ring.toString()).contains(active.kid());
        for (String secret : KeyTesting.privateValues(active.privateJwk().toJSONObject())) {
            assertThat(ring.toString()).doesNotContain(secret);
        }
    }
}
