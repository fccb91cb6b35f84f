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

import java.math.BigInteger;
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
 * EdDSA over Ed25519. Keys and signing go through the JDK's own provider (Java 15+), bridging raw
 * RFC 8037 key bytes to it with the fixed DER prefixes of RFC 8410.
 *
 * <p>Verification goes through Bouncy Castle's RFC 8032 implementation when Bouncy Castle is on the
 * class path ({@link BouncyCastleEd25519}: about eight times faster than the JDK's, 80-120 us against
 * 670-980 us per verify on JDK 17), otherwise through the JDK's. Bouncy Castle is optional: an app
 * that only verifies tokens need not carry it. Both paths refuse a non-canonical {@code S}
 * (malleability), a non-canonical {@code R} and an all-zero signature, and both refuse at load time a
 * public key of small order, for which the JDK alone would accept one "universal" signature for every
 * message. Bouncy Castle also refuses a key with a small-order component (mixed order); the JDK path,
 * which checks the encoding, the curve equation and the small-order points without a scalar
 * multiplication, does not, and needs not: the cofactorless equation both use is not forgeable with one.
 *
 * <p>Nimbus's own Ed25519 classes would need Google Tink, a dependency of its own.
 */
public final class Ed25519 {

    private static final byte[] SPKI_PREFIX = hex("302a300506032b6570032100");
    private static final byte[] PKCS8_PREFIX = hex("302e020100300506032b657004220420");
    private static final Set<JWSAlgorithm> ALGORITHMS = Set.of(JWSAlgorithm.EdDSA);
    /** Whether Bouncy Castle, an optional dependency, is on the class path. */
    static final boolean BOUNCY_CASTLE = OptionalDependency.BOUNCY_CASTLE.present();

    private static final BigInteger P = BigInteger.TWO.pow(255).subtract(BigInteger.valueOf(19));
    private static final BigInteger D =
            BigInteger.valueOf(-121665).multiply(BigInteger.valueOf(121666).modInverse(P)).mod(P);
    private static final BigInteger ORDER_8_Y =
            littleEndian(hex("26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc05"));
    /** The y coordinates of the eight points of small order (orders 1, 2, 4 and 8). */
    private static final Set<BigInteger> SMALL_ORDER_Y =
            Set.of(BigInteger.ZERO, BigInteger.ONE, P.subtract(BigInteger.ONE), ORDER_8_Y, P.subtract(ORDER_8_Y));
    /** The group order L, little-endian: a signature's S must be below it. */
    private static final byte[] L = hex("edd3f55c1a631258d69cf7a2def9de1400000000000000000000000000000010");

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

    /**
     * The JDK public key for an Ed25519 JWK, after full validation of the point (on the curve,
     * canonically encoded, of the prime order): a key of small order is refused here, at load time.
     */
    public static PublicKey publicKey(OctetKeyPair jwk) {
        byte[] x = raw32(jwk.getX(), "x");
        if (BOUNCY_CASTLE) {
            BouncyCastleEd25519.validate(x);
        } else {
            validateWithoutBouncyCastle(x);
        }
        try {
            return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(concat(SPKI_PREFIX, x)));
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

    /**
     * The signature check for one Ed25519 public key, its point decoded and validated once.
     *
     * @param key a JDK Ed25519 public key
     * @return a thread-safe verifier
     * @throws IllegalArgumentException when the key is not a plain Ed25519 key or its point is invalid
     *                                  or of small order
     */
    public static Verifier verifierFor(PublicKey key) {
        byte[] x = stripPrefix(key.getEncoded(), SPKI_PREFIX, "public");
        return BOUNCY_CASTLE ? BouncyCastleEd25519.verifier(x) : jdkVerifier(key, x);
    }

    /** The JDK's verifier, behind the checks its RFC 8032 implementation does not make itself. */
    static Verifier jdkVerifier(PublicKey key, byte[] x) {
        validateWithoutBouncyCastle(x);
        return (message, signature) -> {
            if (signature.length != 64 || !scalarBelowL(signature)) {
                return false;
            }
            try {
                Signature verifier = Signature.getInstance("Ed25519");
                verifier.initVerify(key);
                verifier.update(message);
                return verifier.verify(signature);
            } catch (java.security.SignatureException e) {
                return false;
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("this JDK cannot verify Ed25519: " + e.getMessage(), e);
            }
        };
    }

    /** A thread-safe JWS verifier for an Ed25519 public key. */
    public static JWSVerifier verifier(PublicKey key) {
        Verifier fast = verifierFor(key);
        return new JWSVerifier() {
            private final JCAContext jca = new JCAContext();

            @Override
            public boolean verify(JWSHeader header, byte[] signingInput, Base64URL signature) {
                return fast.verify(signingInput, signature.decode());
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

    /**
     * Checks Ed25519 signatures under one public key (the cofactorless equation of RFC 8032 section
     * 5.1.7, with {@code S < L} and a canonical {@code R} required). Immutable and thread-safe.
     */
    @FunctionalInterface
    public interface Verifier {

        /**
         * Whether {@code signature} is this key's signature of {@code message}.
         *
         * @param message   the signed bytes
         * @param signature the 64-byte signature; any other length is simply invalid
         * @return true only for a valid signature; never an exception
         */
        boolean verify(byte[] message, byte[] signature);
    }

    /**
     * Refuses, without Bouncy Castle, a public key that is not a canonically encoded point on the curve
     * (RFC 8032 section 5.1.3) or that is one of the eight points of small order.
     */
    static void validateWithoutBouncyCastle(byte[] x) {
        int sign = (x[31] >> 7) & 1;
        byte[] yBytes = x.clone();
        yBytes[31] &= 0x7f;
        BigInteger y = littleEndian(yBytes);
        if (y.compareTo(P) >= 0) {
            throw new IllegalArgumentException("invalid Ed25519 public key: not canonically encoded (y >= p)");
        }
        if (SMALL_ORDER_Y.contains(y)) {
            throw new IllegalArgumentException("invalid Ed25519 public key: a point of small order "
                    + "(a key of small order would accept forged signatures)");
        }
        BigInteger y2 = y.multiply(y).mod(P);
        BigInteger x2 = y2.subtract(BigInteger.ONE)
                .multiply(D.multiply(y2).add(BigInteger.ONE).modInverse(P)).mod(P);
        boolean square = x2.signum() == 0 || x2.modPow(P.subtract(BigInteger.ONE).shiftRight(1), P).equals(BigInteger.ONE);
        if (!square || (x2.signum() == 0 && sign == 1)) {
            throw new IllegalArgumentException("invalid Ed25519 public key: not a point on the curve");
        }
    }

    /** Whether the signature's S (its second half, little-endian) is below the group order L. */
    private static boolean scalarBelowL(byte[] signature) {
        for (int i = 31; i >= 0; i--) {
            int s = signature[32 + i] & 0xff;
            int l = L[i] & 0xff;
            if (s != l) {
                return s < l;
            }
        }
        return false;
    }

    private static BigInteger littleEndian(byte[] bytes) {
        byte[] be = new byte[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            be[i] = bytes[bytes.length - 1 - i];
        }
        return new BigInteger(1, be);
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
