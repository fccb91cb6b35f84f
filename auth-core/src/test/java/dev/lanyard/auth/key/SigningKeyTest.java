package dev.lanyard.auth.key;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.OctetSequenceKey;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.OctetSequenceKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import dev.lanyard.auth.internal.Ed25519;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.security.KeyPair;
import java.security.interfaces.RSAPrivateCrtKey;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;

import static dev.lanyard.auth.key.KeyTesting.PRIVATE_MEMBERS;
import static dev.lanyard.auth.key.KeyTesting.sign;
import static dev.lanyard.auth.key.KeyTesting.verifies;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SigningKeyTest {

    @ParameterizedTest
    @EnumSource(SigningAlgorithm.class)
    void generateForEachAlgorithmThenKeyHasKidAlgorithmAndCanSign(SigningAlgorithm algorithm) {
        SigningKey key = SigningKey.generate(algorithm);

        assertThat(key.kid()).isNotBlank();
        assertThat(key.algorithm()).isEqualTo(algorithm);
        assertThat(key.canSign()).isTrue();
        assertThat(key.signer()).isNotNull();
        assertThat(key.verifier()).isNotNull();
    }

    @Test
    void generateTwiceThenDifferentKids() {
        assertThat(SigningKey.generate(SigningAlgorithm.ES256).kid())
                .isNotEqualTo(SigningKey.generate(SigningAlgorithm.ES256).kid());
    }

    @Test
    void generateWithCreatedAtThenCreatedAtKept() {
        Instant created = Instant.parse("2026-01-01T00:00:00Z");

        assertThat(SigningKey.generate(SigningAlgorithm.ES256, created).createdAt()).isEqualTo(created);
    }

    @ParameterizedTest
    @EnumSource(SigningAlgorithm.class)
    void signThenVerifyWithSameKeyThenRoundTripWorks(SigningAlgorithm algorithm) {
        SigningKey key = SigningKey.generate(algorithm);

        String jws = sign(key, "{\"sub\":\"alice\"}");

        assertThat(verifies(key, jws)).isTrue();
    }

    @ParameterizedTest
    @EnumSource(SigningAlgorithm.class)
    void verifyWithKeyOfAnotherAlgorithmThenFails(SigningAlgorithm algorithm) {
        SigningKey key = SigningKey.generate(algorithm);
        String jws = sign(key, "{\"sub\":\"alice\"}");

        for (SigningAlgorithm other : SigningAlgorithm.values()) {
            if (other != algorithm) {
                assertThat(verifies(SigningKey.generate(other), jws)).as("verified by a %s key", other).isFalse();
            }
        }
    }

    @ParameterizedTest
    @EnumSource(SigningAlgorithm.class)
    void verifyWithAnotherKeyOfSameAlgorithmThenFails(SigningAlgorithm algorithm) {
        String jws = sign(SigningKey.generate(algorithm), "{\"sub\":\"alice\"}");

        assertThat(verifies(SigningKey.generate(algorithm), jws)).isFalse();
    }

    @ParameterizedTest
    @EnumSource(SigningAlgorithm.class)
    void verifyTamperedPayloadThenFails(SigningAlgorithm algorithm) {
        SigningKey key = SigningKey.generate(algorithm);
        String[] parts = sign(key, "{\"sub\":\"alice\"}").split("\\.");
        String forgedPayload = Base64.getUrlEncoder().withoutPadding()
                .encodeToString("{\"sub\":\"admin\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8));

        assertThat(verifies(key, parts[0] + "." + forgedPayload + "." + parts[2])).isFalse();
    }

    @Test
    void hmacWith31ByteSecretThenRefusedNaming256Bits() {
        assertThatThrownBy(() -> SigningKey.hmac(new byte[31], "h1"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("248 bits")
                .hasMessageContaining("256");
    }

    @Test
    void hmacWith32ByteSecretThenSignsAndVerifies() {
        byte[] secret = new byte[32];
        new java.security.SecureRandom().nextBytes(secret);
        SigningKey key = SigningKey.hmac(secret, "h1");

        assertThat(key.kid()).isEqualTo("h1");
        assertThat(key.algorithm()).isEqualTo(SigningAlgorithm.HS256);
        assertThat(verifies(key, sign(key, "{}"))).isTrue();
    }

    @Test
    void hmacWithBlankKidThenRefused() {
        assertThatThrownBy(() -> SigningKey.hmac(new byte[32], " "))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("key id");
    }

    @ParameterizedTest
    @EnumSource(value = SigningAlgorithm.class, names = {"RS256", "PS256"})
    void fromKeyPairWith1024BitRsaKeyThenRefused(SigningAlgorithm algorithm) {
        KeyPair pair = KeyTesting.rsaKeyPair(1024);

        assertThatThrownBy(() -> SigningKey.fromKeyPair(algorithm, pair.getPublic(), pair.getPrivate(), "weak"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("1024")
                .hasMessageContaining("2048");
    }

    @Test
    void fromKeyPairWith2048BitRsaKeyThenSignsAndVerifies() {
        KeyPair pair = KeyTesting.rsaKeyPair(2048);
        SigningKey key = SigningKey.fromKeyPair(SigningAlgorithm.PS256, pair.getPublic(), pair.getPrivate(), "r1");

        assertThat(key.kid()).isEqualTo("r1");
        assertThat(key.algorithm()).isEqualTo(SigningAlgorithm.PS256);
        assertThat(verifies(key, sign(key, "{}"))).isTrue();
    }

    @Test
    void fromKeyPairWithP384KeyForEs256ThenRefused() {
        KeyPair pair = KeyTesting.ecKeyPair("secp384r1");

        assertThatThrownBy(() -> SigningKey.fromKeyPair(SigningAlgorithm.ES256, pair.getPublic(), pair.getPrivate(),
                "p384"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("P-256")
                .hasMessageContaining("P-384");
    }

    @Test
    void fromKeyPairWithKeyOfWrongTypeThenRefused() {
        KeyPair ec = KeyTesting.ecKeyPair("secp256r1");

        assertThatThrownBy(() -> SigningKey.fromKeyPair(SigningAlgorithm.RS256, ec.getPublic(), ec.getPrivate(), "x"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("RS256");
        KeyPair rsa = KeyTesting.rsaKeyPair(2048);
        assertThatThrownBy(() -> SigningKey.fromKeyPair(SigningAlgorithm.EDDSA, rsa.getPublic(), null, "x"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("EdDSA");
    }

    @Test
    void fromKeyPairForHs256ThenRefusedPointingToHmac() {
        KeyPair ec = KeyTesting.ecKeyPair("secp256r1");

        assertThatThrownBy(() -> SigningKey.fromKeyPair(SigningAlgorithm.HS256, ec.getPublic(), ec.getPrivate(), "x"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("SigningKey.hmac");
    }

    @Test
    void fromKeyPairWithoutPrivateKeyThenVerifyOnly() {
        KeyPair pair = KeyTesting.ed25519KeyPair();
        SigningKey full = SigningKey.fromKeyPair(SigningAlgorithm.EDDSA, pair.getPublic(), pair.getPrivate(), "ed");
        SigningKey publicOnly = SigningKey.fromKeyPair(SigningAlgorithm.EDDSA, pair.getPublic(), null, "ed");

        assertThat(publicOnly.canSign()).isFalse();
        assertThatThrownBy(publicOnly::signer)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("cannot sign");
        assertThat(verifies(publicOnly, sign(full, "{}"))).isTrue();
    }

    @Test
    void fromKeyPairWithoutKidThenKidIsThumbprint() throws JOSEException {
        KeyPair pair = KeyTesting.ecKeyPair("secp256r1");
        SigningKey key = SigningKey.fromKeyPair(SigningAlgorithm.ES256, pair.getPublic(), pair.getPrivate(), null);

        String thumbprint = new ECKey.Builder(Curve.P_256, (java.security.interfaces.ECPublicKey) pair.getPublic())
                .build().computeThumbprint().toString();
        assertThat(key.kid()).isEqualTo(thumbprint);
    }

    @Test
    void fromJwkWithAlgParamThenUsesThatAlgorithm() throws JOSEException {
        RSAKey jwk = new RSAKeyGenerator(2048).keyID("r").algorithm(JWSAlgorithm.PS256).generate();

        SigningKey key = SigningKey.fromJwk(jwk);

        assertThat(key.algorithm()).isEqualTo(SigningAlgorithm.PS256);
        assertThat(key.publicJwk().orElseThrow()).containsEntry("alg", "PS256");
    }

    @Test
    void fromJwkWithoutAlgParamThenDefaultAlgorithmOfItsType() throws JOSEException {
        assertThat(SigningKey.fromJwk(new RSAKeyGenerator(2048).keyID("r").generate()).algorithm())
                .isEqualTo(SigningAlgorithm.RS256);
        assertThat(SigningKey.fromJwk(new ECKeyGenerator(Curve.P_256).keyID("e").generate()).algorithm())
                .isEqualTo(SigningAlgorithm.ES256);
        assertThat(SigningKey.fromJwk(Ed25519.generate().keyID("o").build()).algorithm())
                .isEqualTo(SigningAlgorithm.EDDSA);
        assertThat(SigningKey.fromJwk(new OctetSequenceKeyGenerator(256).keyID("h").generate()).algorithm())
                .isEqualTo(SigningAlgorithm.HS256);
    }

    @Test
    void fromJwkWithoutAlgParamThenNormalizedJwkCarriesAlgAndUse() throws JOSEException {
        SigningKey key = SigningKey.fromJwk(new ECKeyGenerator(Curve.P_256).keyID("e").generate());

        assertThat(key.publicJwk().orElseThrow())
                .containsEntry("alg", "ES256")
                .containsEntry("use", "sig")
                .containsEntry("kid", "e");
    }

    @Test
    void fromJwkWithUseEncThenRefused() throws JOSEException {
        RSAKey jwk = new RSAKeyGenerator(2048).keyID("enc-1").keyUse(KeyUse.ENCRYPTION).generate();

        assertThatThrownBy(() -> SigningKey.fromJwk(jwk))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("enc-1")
                .hasMessageContaining("'enc'");
    }

    @Test
    void fromJwkWithUseSigThenAccepted() throws JOSEException {
        ECKey jwk = new ECKeyGenerator(Curve.P_256).keyID("s").keyUse(KeyUse.SIGNATURE).generate();

        assertThat(SigningKey.fromJwk(jwk).canSign()).isTrue();
    }

    @Test
    void fromJwkWithUnsupportedAlgThenRefused() throws JOSEException {
        RSAKey rs384 = new RSAKeyGenerator(2048).keyID("r").algorithm(JWSAlgorithm.RS384).generate();

        assertThatThrownBy(() -> SigningKey.fromJwk(rs384))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("RS384");
    }

    @Test
    void fromJwkWithAlgOfAnotherKeyTypeThenRefused() throws JOSEException {
        ECKey ecClaimingRsa = new ECKeyGenerator(Curve.P_256).keyID("e").algorithm(JWSAlgorithm.RS256).generate();

        assertThatThrownBy(() -> SigningKey.fromJwk(ecClaimingRsa))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("RS256")
                .hasMessageContaining("EC");
    }

    @Test
    void fromJwkWithP384KeyThenRefused() throws JOSEException {
        ECKey p384 = new ECKeyGenerator(Curve.P_384).keyID("p384").generate();

        assertThatThrownBy(() -> SigningKey.fromJwk(p384))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("P-256");
    }

    @Test
    void fromJwkWithShortHmacSecretThenRefused() {
        OctetSequenceKey weak = new OctetSequenceKey.Builder(new byte[16]).keyID("weak").build();

        assertThatThrownBy(() -> SigningKey.fromJwk(weak))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("256");
    }

    @Test
    void fromJwkWithoutKidThenThumbprintForAsymmetricKeys() throws JOSEException {
        ECKey jwk = new ECKeyGenerator(Curve.P_256).generate();

        assertThat(SigningKey.fromJwk(jwk).kid()).isEqualTo(jwk.computeThumbprint().toString());
    }

    @Test
    void fromJwkWithoutKidThenHmacKidIsNotTheThumbprintOfTheSecret() throws JOSEException {
        OctetSequenceKey jwk = new OctetSequenceKeyGenerator(256).generate();

        SigningKey key = SigningKey.fromJwk(jwk);

        assertThat(key.kid()).isNotBlank().isNotEqualTo(jwk.computeThumbprint().toString());
    }

    @Test
    void fromJwkOfPublicJwkThenVerifyOnly() {
        SigningKey full = SigningKey.generate(SigningAlgorithm.RS256);

        SigningKey publicOnly = SigningKey.fromJwk(full.privateJwk().toPublicJWK());

        assertThat(publicOnly.canSign()).isFalse();
        assertThat(publicOnly.kid()).isEqualTo(full.kid());
        assertThat(verifies(publicOnly, sign(full, "{}"))).isTrue();
    }

    @ParameterizedTest
    @EnumSource(SigningAlgorithm.class)
    void toStringThenNeverContainsKeyMaterial(SigningAlgorithm algorithm) {
        SigningKey key = SigningKey.generate(algorithm);
        Map<String, Object> jwk = key.privateJwk().toJSONObject();
        assertThat(KeyTesting.privateValues(jwk)).as("private members of the test key").isNotEmpty();

        String text = key.toString();

        assertThat(text).contains(key.kid()).contains(algorithm.jwsName());
        for (String secret : KeyTesting.privateValues(jwk)) {
            assertThat(text).doesNotContain(secret);
        }
    }

    @Test
    void toStringOfRsaKeyThenNeverContainsThePrivateExponent() {
        KeyPair pair = KeyTesting.rsaKeyPair(2048);
        SigningKey key = SigningKey.fromKeyPair(SigningAlgorithm.RS256, pair.getPublic(), pair.getPrivate(), "r");
        RSAPrivateCrtKey priv = (RSAPrivateCrtKey) pair.getPrivate();

        assertThat(key.toString())
                .doesNotContain(priv.getPrivateExponent().toString())
                .doesNotContain(priv.getPrivateExponent().toString(16))
                .doesNotContain(com.nimbusds.jose.util.Base64URL.encode(priv.getPrivateExponent()).toString());
    }

    @Test
    void publicJwkOfHs256ThenEmpty() {
        assertThat(SigningKey.generate(SigningAlgorithm.HS256).publicJwk()).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(value = SigningAlgorithm.class, names = "HS256", mode = EnumSource.Mode.EXCLUDE)
    void publicJwkOfAsymmetricKeyThenNoPrivateMembersAndKidAlgUse(SigningAlgorithm algorithm) {
        SigningKey key = SigningKey.generate(algorithm);

        Map<String, Object> jwk = key.publicJwk().orElseThrow();

        assertThat(jwk).doesNotContainKeys(PRIVATE_MEMBERS.toArray(String[]::new))
                .containsEntry("kid", key.kid())
                .containsEntry("alg", algorithm.jwsName())
                .containsEntry("use", "sig");
    }

    @Test
    void publicJwkObjectIsAlwaysTheSameKeyAsThePrivateOne() {
        SigningKey key = SigningKey.generate(SigningAlgorithm.ES256);
        JWK publicJwk = key.publicJwkObject();

        assertThat(publicJwk.isPrivate()).isFalse();
        assertThat(publicJwk).isEqualTo(key.privateJwk().toPublicJWK());
    }
}
