package dev.lanyard.auth.key;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.util.JSONObjectUtils;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.text.ParseException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static dev.lanyard.auth.key.KeyTesting.PRIVATE_MEMBERS;
import static org.assertj.core.api.Assertions.assertThat;

/** The JWKS a ring publishes never holds private material, for every key type and every role. */
class PublicJwkSetTest {

    static final Instant DROP = Instant.parse("2026-06-01T00:00:00Z");

    static SigningKey rs256;
    static SigningKey ps256;
    static SigningKey es256;
    static SigningKey eddsa;
    static SigningKey hs256;
    static KeyRing ring;

    @BeforeAll
    static void ring() {
        rs256 = SigningKey.generate(SigningAlgorithm.RS256);
        ps256 = SigningKey.generate(SigningAlgorithm.PS256);
        es256 = SigningKey.generate(SigningAlgorithm.ES256);
        eddsa = SigningKey.generate(SigningAlgorithm.EDDSA);
        hs256 = SigningKey.generate(SigningAlgorithm.HS256);
        Map<SigningKey, Instant> retiring = new LinkedHashMap<>();
        retiring.put(es256, DROP);
        retiring.put(eddsa, DROP);
        retiring.put(hs256, DROP);
        ring = KeyRing.of(rs256, ps256, retiring);
    }

    @Test
    void publicJwkSetJsonParsedByNimbusThenNoKeyIsPrivate() throws ParseException {
        JWKSet set = JWKSet.parse(ring.publicJwkSetJson());

        assertThat(set.getKeys()).hasSize(4);
        for (JWK jwk : set.getKeys()) {
            assertThat(jwk.isPrivate()).as("key %s is private", jwk.getKeyID()).isFalse();
            assertThat(jwk.toJSONObject()).as("key %s", jwk.getKeyID())
                    .doesNotContainKeys(PRIVATE_MEMBERS.toArray(String[]::new));
        }
    }

    @Test
    void publicJwkSetJsonParsedAsPlainJsonThenNoKeyHasAnyPrivateMember() throws ParseException {
        List<Map<String, Object>> keys = plainKeys(ring.publicJwkSetJson());

        assertThat(keys).hasSize(4);
        for (Map<String, Object> key : keys) {
            assertThat(key).as("key %s", key.get("kid")).doesNotContainKeys(PRIVATE_MEMBERS.toArray(String[]::new));
        }
    }

    @Test
    void publicJwkSetJsonThenHoldsEveryAsymmetricKeyOfEveryRole() throws ParseException {
        List<Object> kids = plainKeys(ring.publicJwkSetJson()).stream().map(k -> k.get("kid")).toList();

        assertThat(kids).containsExactlyInAnyOrder(rs256.kid(), ps256.kid(), es256.kid(), eddsa.kid());
    }

    @Test
    void publicJwkSetJsonThenHs256KeyAbsentEntirely() throws ParseException {
        String json = ring.publicJwkSetJson();

        assertThat(plainKeys(json)).noneMatch(k -> "oct".equals(k.get("kty")) || hs256.kid().equals(k.get("kid")));
        assertThat(json).doesNotContain(hs256.kid());
        assertThat(json).doesNotContain(String.valueOf(hs256.privateJwk().toJSONObject().get("k")));
    }

    @Test
    void publicJwkSetJsonThenNoPrivateValueOfAnyKeyAppearsInTheText() {
        String json = ring.publicJwkSetJson();

        for (SigningKey key : List.of(rs256, ps256, es256, eddsa, hs256)) {
            for (String secret : KeyTesting.privateValues(key.privateJwk().toJSONObject())) {
                assertThat(json).as("private value of %s", key).doesNotContain(secret);
            }
        }
    }

    @Test
    void publicJwkSetJsonThenEachKeyHasKidAlgAndUseSig() throws ParseException {
        Map<String, String> expectedAlg = Map.of(rs256.kid(), "RS256", ps256.kid(), "PS256",
                es256.kid(), "ES256", eddsa.kid(), "EdDSA");

        for (Map<String, Object> key : plainKeys(ring.publicJwkSetJson())) {
            assertThat(key.get("kid")).isInstanceOf(String.class);
            assertThat(key).containsEntry("alg", expectedAlg.get((String) key.get("kid")))
                    .containsEntry("use", "sig");
        }
        for (JWK jwk : JWKSet.parse(ring.publicJwkSetJson()).getKeys()) {
            assertThat(jwk.getKeyUse()).isEqualTo(KeyUse.SIGNATURE);
            assertThat(jwk.getAlgorithm()).isNotNull();
            assertThat(jwk.getKeyID()).isNotBlank();
        }
    }

    @Test
    void publicJwkSetThenEachPublishedKeyVerifiesWhatItsPrivateKeySigned() throws ParseException {
        JWKSet set = JWKSet.parse(ring.publicJwkSetJson());

        for (SigningKey key : List.of(rs256, ps256, es256, eddsa)) {
            SigningKey published = SigningKey.fromJwk(set.getKeyByKeyId(key.kid()));
            assertThat(published.canSign()).isFalse();
            assertThat(published.algorithm()).isEqualTo(key.algorithm());
            assertThat(KeyTesting.verifies(published, KeyTesting.sign(key, "{}"))).as("%s", key).isTrue();
        }
    }

    @Test
    void publicJwkSetObjectThenNoPrivateKeyAndNoHmacKey() {
        JWKSet set = ring.publicJwkSet();

        assertThat(set.getKeys()).hasSize(4).noneMatch(JWK::isPrivate);
        assertThat(set.getKeyByKeyId(hs256.kid())).isNull();
    }

    @Test
    void publicJwkOfHs256KeyThenEmpty() {
        assertThat(hs256.publicJwk()).isEmpty();
    }

    @Test
    void ringOfOnlyAnHmacKeyThenEmptyKeySet() throws ParseException {
        KeyRing hmacOnly = KeyRing.of(SigningKey.generate(SigningAlgorithm.HS256));

        assertThat(plainKeys(hmacOnly.publicJwkSetJson())).isEmpty();
    }

    /** The "keys" array, through a plain JSON parse that knows nothing about JWKs. */
    private static List<Map<String, Object>> plainKeys(String json) throws ParseException {
        Map<String, Object> root = JSONObjectUtils.parse(json);
        assertThat(root).containsOnlyKeys("keys");
        List<Map<String, Object>> keys = new ArrayList<>();
        for (Object element : JSONObjectUtils.getJSONArray(root, "keys")) {
            assertThat(element).isInstanceOf(Map.class);
            Map<String, Object> key = new LinkedHashMap<>();
            ((Map<?, ?>) element).forEach((k, v) -> key.put((String) k, v));
            keys.add(key);
        }
        return keys;
    }
}
