package dev.lanyard.auth.token;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jose.util.JSONObjectUtils;
import dev.lanyard.auth.key.SigningKey;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The RFCs' own examples, checked against our keys, signers and verifiers (the JDK Ed25519 bridge included). */
class RfcVectorTest {

    static List<Map<String, Object>> vectors() throws Exception {
        try (InputStream in = RfcVectorTest.class.getResourceAsStream("/vectors/rfc-jws.json")) {
            Map<String, Object> file = JSONObjectUtils.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            return List.of(JSONObjectUtils.getJSONObjectArray(file, "vectors"));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    @SuppressWarnings("unchecked")
    void knownAnswerVerifiesAndSignsIdentically(Map<String, Object> vector) throws Exception {
        SigningKey key = SigningKey.fromJwk(JWK.parse((Map<String, Object>) vector.get("jwk")));
        assertThat(key.algorithm().jwsName()).isEqualTo(vector.get("alg"));
        String jws = (String) vector.get("jws");
        int dot = jws.lastIndexOf('.');
        byte[] input = jws.substring(0, dot).getBytes(StandardCharsets.US_ASCII);
        Base64URL signature = new Base64URL(jws.substring(dot + 1));
        JWSHeader header = new JWSHeader(JWSAlgorithm.parse((String) vector.get("alg")));

        assertThat(key.verifier().verify(header, input, signature)).isTrue();
        assertThat(key.verifySignature(input, signature.decode())).isTrue();
        if (Boolean.TRUE.equals(vector.get("deterministic"))) {
            assertThat(key.signer().sign(header, input)).isEqualTo(signature);
        }

        byte[] flipped = signature.decode();
        flipped[flipped.length - 1] ^= 1;
        assertThat(key.verifier().verify(header, input, Base64URL.encode(flipped))).isFalse();
        assertThat(key.verifySignature(input, flipped)).isFalse();
        assertThat(key.verifySignature(input, new byte[0])).isFalse();
    }
}
