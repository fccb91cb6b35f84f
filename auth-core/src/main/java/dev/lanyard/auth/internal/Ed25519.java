package dev.lanyard.auth.internal;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.jca.JCAContext;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.util.Base64URL;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.EdECPrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Set;

/**
 * EdDSA over Ed25519 through the JDK's own provider (Java 15+). Nimbus's own Ed25519 classes need
 * Google Tink; the JDK already has a constant-time implementation, so we bridge raw RFC 8037 key
 * bytes to it with the fixed DER prefixes of RFC 8410.
 */
public final class Ed25519 {

    private static final byte[] SPKI_PREFIX = hex("302a300506032b6570032100");
    private static final byte[] PKCS8_PREFIX = hex("302e020100300506032b657004220420");
    private static final Set<JWSAlgorithm> ALGORITHMS = Set.of(JWSAlgorithm.EdDSA);

    private Ed25519() {
    }

    /** A fresh Ed25519 key pair as an RFC 8037 JWK. */
    public static OctetKeyPair.Builder generate() {
        try {
            KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
            return toJwk(pair.getPublic(), pair.getPrivate());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JDK cannot generate Ed25519 keys", e);
        }
    }

    /** An RFC 8037 JWK from JDK Ed25519 keys; {@code privateKey} may be null. */
    public static OctetKeyPair.Builder toJwk(PublicKey publicKey, PrivateKey privateKey) {
        OctetKeyPair.Builder builder = new OctetKeyPair.Builder(Curve.Ed25519,
                Base64URL.encode(stripPrefix(publicKey.getEncoded(), SPKI_PREFIX, "public")));
        if (privateKey != null) {
            byte[] d = privateKey instanceof EdECPrivateKey ed
                    ? ed.getBytes().orElseThrow(() -> new IllegalArgumentException("Ed25519 private key is not extractable"))
                    : stripPrefix(privateKey.getEncoded(), PKCS8_PREFIX, "private");
            builder.d(Base64URL.encode(d));
        }
        return builder;
    }

    /** The JDK public key for an Ed25519 JWK. */
    public static PublicKey publicKey(OctetKeyPair jwk) {
        try {
            return KeyFactory.getInstance("Ed25519")
                    .generatePublic(new X509EncodedKeySpec(concat(SPKI_PREFIX, raw32(jwk.getX(), "x"))));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("invalid Ed25519 public key: " + e.getMessage(), e);
        }
    }

    /** The JDK private key for an Ed25519 JWK that holds {@code d}. */
    public static PrivateKey privateKey(OctetKeyPair jwk) {
        try {
            return KeyFactory.getInstance("Ed25519")
                    .generatePrivate(new PKCS8EncodedKeySpec(concat(PKCS8_PREFIX, raw32(jwk.getD(), "d"))));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("invalid Ed25519 private key: " + e.getMessage(), e);
        }
    }

    /** A thread-safe JWS signer for an Ed25519 private key. */
    public static JWSSigner signer(PrivateKey key) {
        return new JWSSigner() {
            private final JCAContext jca = new JCAContext();

            @Override
            public Base64URL sign(JWSHeader header, byte[] signingInput) throws JOSEException {
                try {
                    Signature signature = Signature.getInstance("Ed25519");
                    signature.initSign(key);
                    signature.update(signingInput);
                    return Base64URL.encode(signature.sign());
                } catch (GeneralSecurityException e) {
                    throw new JOSEException("Ed25519 signing failed: " + e.getMessage(), e);
                }
            }

            @Override
            public Set<JWSAlgorithm> supportedJWSAlgorithms() {
                return ALGORITHMS;
            }

            @Override
            public JCAContext getJCAContext() {
                return jca;
            }
        };
    }

    /** A thread-safe JWS verifier for an Ed25519 public key. */
    public static JWSVerifier verifier(PublicKey key) {
        return new JWSVerifier() {
            private final JCAContext jca = new JCAContext();

            @Override
            public boolean verify(JWSHeader header, byte[] signingInput, Base64URL signature) throws JOSEException {
                byte[] sig = signature.decode();
                if (sig.length != 64) {
                    return false;
                }
                try {
                    Signature verifier = Signature.getInstance("Ed25519");
                    verifier.initVerify(key);
                    verifier.update(signingInput);
                    return verifier.verify(sig);
                } catch (java.security.SignatureException e) {
                    return false;
                } catch (GeneralSecurityException e) {
                    throw new JOSEException("Ed25519 verification failed: " + e.getMessage(), e);
                }
            }

            @Override
            public Set<JWSAlgorithm> supportedJWSAlgorithms() {
                return ALGORITHMS;
            }

            @Override
            public JCAContext getJCAContext() {
                return jca;
            }
        };
    }

    private static byte[] raw32(Base64URL value, String name) {
        if (value == null) {
            throw new IllegalArgumentException("Ed25519 JWK has no '" + name + "'");
        }
        byte[] raw = value.decode();
        if (raw.length != 32) {
            throw new IllegalArgumentException("Ed25519 '" + name + "' must be 32 bytes, got " + raw.length);
        }
        return raw;
    }

    private static byte[] stripPrefix(byte[] der, byte[] prefix, String what) {
        if (der.length != prefix.length + 32 || !Arrays.equals(der, 0, prefix.length, prefix, 0, prefix.length)) {
            throw new IllegalArgumentException("not a plain Ed25519 " + what + " key encoding");
        }
        return Arrays.copyOfRange(der, prefix.length, der.length);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static byte[] hex(String s) {
        byte[] out = new byte[s.length() / 2];
        for (int i = 0; i < out.length; i++) {
            out[i] = (byte) Integer.parseInt(s.substring(2 * i, 2 * i + 2), 16);
        }
        return out;
    }
}
