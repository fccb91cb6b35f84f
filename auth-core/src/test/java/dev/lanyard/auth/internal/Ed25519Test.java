package dev.lanyard.auth.internal;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.util.Base64URL;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.security.Signature;
import java.util.Arrays;
import java.util.HexFormat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The Ed25519 verifier against RFC 8032's own test vectors, and the signatures and keys a strict
 * verifier must refuse: a malleated {@code S}, an all-zero signature, a key of small order.
 */
class Ed25519Test {

    private static final HexFormat HEX = HexFormat.of();

    /** The group order L of RFC 8032 section 5.1. */
    private static final BigInteger L =
            BigInteger.TWO.pow(252).add(new BigInteger("27742317777372353535851937790883648493"));

    /** RFC 8032 section 7.1, TEST 1 to 3: secret key, public key, message, signature. */
    @ParameterizedTest(name = "RFC 8032 7.1 TEST {index}")
    @CsvSource({
        "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60,"
                + "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a,,"
                + "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b",
        "4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb,"
                + "3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c,72,"
                + "92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00",
        "c5aa8df43f9f837bedb7442f31dcb7b166d38535076f094b85ce3a2e0b4458f7,"
                + "fc51cd8e6218a1a38da47ed00230f0580816ed13ba3303ac5deb911548908025,af82,"
                + "6291d657deec24024827e69c3abe01a30ce548a284743a445e3680d7db5ac3ac18ff9b538d16f290ae67f760984dc6594a7c15e9716ed28dc027beceea1ec40a",
    })
    void rfc8032VectorsVerifyAndSignIdentically(String secret, String publicKey, String message, String signature)
            throws Exception {
        byte[] m = message == null ? new byte[0] : HEX.parseHex(message);
        byte[] sig = HEX.parseHex(signature);
        OctetKeyPair jwk = new OctetKeyPair.Builder(Curve.Ed25519, Base64URL.encode(HEX.parseHex(publicKey)))
                .d(Base64URL.encode(HEX.parseHex(secret)))
                .build();
        Ed25519.Verifier verifier = Ed25519.verifierFor(Ed25519.publicKey(jwk));

        assertThat(verifier.verify(m, sig)).isTrue();
        assertThat(new JcaVerifier(JcaVerifier.Kind.EDDSA, Ed25519.publicKey(jwk)).verify(m, sig)).isTrue();
        assertThat(Ed25519.verifier(Ed25519.publicKey(jwk))
                .verify(new JWSHeader(JWSAlgorithm.EdDSA), m, Base64URL.encode(sig))).isTrue();
        Signature signer = Signature.getInstance("Ed25519");
        signer.initSign(Ed25519.privateKey(jwk));
        signer.update(m);
        assertThat(signer.sign()).isEqualTo(sig);

        byte[] otherMessage = Arrays.copyOf(m, m.length + 1);
        byte[] flipped = sig.clone();
        flipped[0] ^= 1;
        for (Ed25519.Verifier each : new Ed25519.Verifier[] {verifier, jdkVerifier(jwk)}) {
            assertThat(each.verify(m, sig)).isTrue();
            assertThat(each.verify(otherMessage, sig)).isFalse();
            assertThat(each.verify(m, flipped)).isFalse();
        }
    }

    @Test
    void bouncyCastleIsOnThisModulesTestClassPathSoBothPathsAreTestedHere() {
        // The JDK path is tested here through jdkVerifier and validateWithoutBouncyCastle; the
        // verify-only run without Bouncy Castle on the class path is OptionalDependenciesTest's.
        assertThat(Ed25519.BOUNCY_CASTLE).isTrue();
    }

    @Test
    void aMalleatedSignatureWithSPlusLIsRefused() throws Exception {
        OctetKeyPair jwk = Ed25519.generate().build();
        PublicKey key = Ed25519.publicKey(jwk);
        byte[] message = "payload".getBytes(StandardCharsets.US_ASCII);
        Signature signer = Signature.getInstance("Ed25519");
        signer.initSign(Ed25519.privateKey(jwk));
        signer.update(message);
        byte[] sig = signer.sign();
        // S and S + L satisfy the same group equation: only the canonical S < L may be accepted.
        byte[] malleated = sig.clone();
        System.arraycopy(littleEndian32(littleEndian(sig, 32).add(L)), 0, malleated, 32, 32);

        for (Ed25519.Verifier verifier : new Ed25519.Verifier[] {Ed25519.verifierFor(key), jdkVerifier(jwk)}) {
            assertThat(verifier.verify(message, sig)).isTrue();
            assertThat(verifier.verify(message, malleated)).isFalse();
        }
    }

    @Test
    void emptyShortLongAndAllZeroSignaturesAreRefused() {
        OctetKeyPair jwk = Ed25519.generate().build();
        byte[] message = "payload".getBytes(StandardCharsets.US_ASCII);

        for (Ed25519.Verifier verifier : new Ed25519.Verifier[] {Ed25519.verifierFor(Ed25519.publicKey(jwk)), jdkVerifier(jwk)}) {
            assertThat(verifier.verify(message, new byte[0])).isFalse();
            assertThat(verifier.verify(message, new byte[63])).isFalse();
            assertThat(verifier.verify(message, new byte[65])).isFalse();
            assertThat(verifier.verify(message, new byte[64])).isFalse();
        }
    }

    /**
     * The identity point as a public key: with {@code R} = identity and {@code S} = 0 the equation holds
     * for every message, and the JDK's own verifier accepts that signature. Such a key is refused.
     */
    @ParameterizedTest(name = "small-order key {0}")
    @CsvSource({
        "0100000000000000000000000000000000000000000000000000000000000000",
        "ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
        "0000000000000000000000000000000000000000000000000000000000000000",
        "c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac037a",
    })
    void aPublicKeyOfSmallOrderIsRefusedAtLoad(String x) {
        OctetKeyPair jwk = new OctetKeyPair.Builder(Curve.Ed25519, Base64URL.encode(HEX.parseHex(x))).build();

        assertThatThrownBy(() -> Ed25519.publicKey(jwk))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("small order");
        assertThatThrownBy(() -> Ed25519.validateWithoutBouncyCastle(HEX.parseHex(x)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("small order");
    }

    /** Without Bouncy Castle, every encoding of the eight small-order points is refused, sign bit set or not. */
    @ParameterizedTest(name = "small-order point {0}")
    @CsvSource({
        "0100000000000000000000000000000000000000000000000000000000000000",
        "0100000000000000000000000000000000000000000000000000000000000080",
        "ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
        "ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff",
        "0000000000000000000000000000000000000000000000000000000000000000",
        "0000000000000000000000000000000000000000000000000000000000000080",
        "26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc05",
        "26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc85",
        "c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac037a",
        "c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac03fa",
    })
    void withoutBouncyCastleEverySmallOrderEncodingIsRefused(String x) {
        assertThatThrownBy(() -> Ed25519.validateWithoutBouncyCastle(HEX.parseHex(x)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("small order");
    }

    /** y >= p (here p and p + 1, which would alias the small-order y = 0 and y = 1) is not canonical. */
    @ParameterizedTest(name = "non-canonical {0}")
    @CsvSource({
        "edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
        "eeffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
        "ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff",
    })
    void withoutBouncyCastleANonCanonicalEncodingIsRefused(String x) {
        assertThatThrownBy(() -> Ed25519.validateWithoutBouncyCastle(HEX.parseHex(x)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not canonically encoded");
    }

    @Test
    void withoutBouncyCastleAPointOffTheCurveIsRefusedAndOneOnItAccepted() {
        // y = 2 has no x on the curve ((y^2 - 1) / (d y^2 + 1) is not a square mod p); y = 3 has one.
        byte[] offCurve = new byte[32];
        offCurve[0] = 2;
        assertThatThrownBy(() -> Ed25519.validateWithoutBouncyCastle(offCurve))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a point on the curve");
        byte[] onCurve = new byte[32];
        onCurve[0] = 3;
        Ed25519.validateWithoutBouncyCastle(onCurve);
        for (int i = 0; i < 20; i++) {
            Ed25519.validateWithoutBouncyCastle(Ed25519.generate().build().getX().decode());
        }
    }

    /** The verifier an app without Bouncy Castle on its class path gets. */
    private static Ed25519.Verifier jdkVerifier(OctetKeyPair jwk) {
        return Ed25519.jdkVerifier(Ed25519.publicKey(jwk), jwk.getX().decode());
    }

    private static BigInteger littleEndian(byte[] bytes, int from) {
        byte[] be = new byte[32];
        for (int i = 0; i < 32; i++) {
            be[i] = bytes[from + 31 - i];
        }
        return new BigInteger(1, be);
    }

    private static byte[] littleEndian32(BigInteger value) {
        byte[] be = value.toByteArray();
        byte[] le = new byte[32];
        for (int i = 0; i < 32 && i < be.length; i++) {
            le[i] = be[be.length - 1 - i];
        }
        return le;
    }
}
