package dev.lanyard.auth.key;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.text.ParseException;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/** Shared helpers of the key tests: compact JWS signing and verification, JDK key pairs, PEM text. */
final class KeyTesting {

    /** The JWK members that hold private key material (RFC 7518 section 6). */
    static final List<String> PRIVATE_MEMBERS = List.of("d", "p", "q", "dp", "dq", "qi", "oth", "k");

    private KeyTesting() {
    }

    /** A compact JWS over {@code payload}, signed by {@code key} with its own alg and kid in the header. */
    static String sign(SigningKey key, String payload) {
        JWSObject jws = new JWSObject(new JWSHeader.Builder(key.algorithm().jws()).keyID(key.kid()).build(),
                new Payload(payload));
        try {
            jws.sign(key.signer());
        } catch (JOSEException e) {
            throw new AssertionError("signing with " + key + " failed", e);
        }
        return jws.serialize();
    }

    /**
     * Whether {@code key}'s verifier accepts the compact JWS. A verifier refusing the header's algorithm
     * (a JOSEException) counts as not verifying.
     */
    static boolean verifies(SigningKey key, String compact) {
        try {
            return JWSObject.parse(compact).verify(key.verifier());
        } catch (JOSEException e) {
            return false;
        } catch (ParseException e) {
            throw new AssertionError("not a compact JWS: " + compact, e);
        }
    }

    /** The values of the private members of a JWK object, for checking they never leak. */
    static List<String> privateValues(Map<String, Object> jwk) {
        return PRIVATE_MEMBERS.stream().filter(jwk::containsKey).map(m -> String.valueOf(jwk.get(m))).toList();
    }

    static KeyPair rsaKeyPair(int bits) {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
            g.initialize(bits);
            return g.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new AssertionError(e);
        }
    }

    static KeyPair ecKeyPair(String curve) {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
            g.initialize(new ECGenParameterSpec(curve));
            return g.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new AssertionError(e);
        }
    }

    static KeyPair ed25519KeyPair() {
        try {
            return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new AssertionError(e);
        }
    }

    /** One PEM block, 64-character lines as OpenSSL writes them. */
    static String pem(String type, byte[] der) {
        String body = Base64.getMimeEncoder(64, "\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII))
                .encodeToString(der);
        return "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n";
    }
}
