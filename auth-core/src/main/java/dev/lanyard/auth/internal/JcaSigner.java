package dev.lanyard.auth.internal;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.crypto.impl.ECDSA;

import javax.crypto.Mac;
import javax.crypto.SecretKey;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;

/**
 * The minting counterpart of {@link JcaVerifier}: the JDK's own primitives, returning the JWS form of
 * the signature (RFC 7518: an ES256 signature as the 64 bytes {@code R || S}, not DER). The issuer
 * encodes what it signs with {@link java.util.Base64}: the header, the payload and the signature are
 * all public, so Nimbus's constant-time codec (a seventh of the token endpoint's time) buys nothing there.
 */
public final class JcaSigner {

    private static final PSSParameterSpec PSS_SHA256 =
            new PSSParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256, 32, 1);

    private final JcaVerifier.Kind kind;
    private final Key key;

    /**
     * @param kind the algorithm
     * @param key  a private key of the algorithm's type, or for HS256 the secret key
     */
    public JcaSigner(JcaVerifier.Kind kind, Key key) {
        this.kind = kind;
        this.key = key;
        if ((kind == JcaVerifier.Kind.HS256) != (key instanceof SecretKey)) {
            throw new IllegalArgumentException(kind + " cannot sign with a " + key.getAlgorithm() + " key");
        }
    }

    /**
     * Signs {@code input}.
     *
     * @param input the ASCII bytes of {@code header.payload}
     * @return the signature in its JWS form
     */
    public byte[] sign(byte[] input) {
        try {
            return switch (kind) {
                case RS256 -> jca("SHA256withRSA", null, input);
                case PS256 -> jca("RSASSA-PSS", PSS_SHA256, input);
                case ES256 -> ECDSA.transcodeSignatureToConcat(jca("SHA256withECDSA", null, input), 64);
                case EDDSA -> jca("Ed25519", null, input);
                case HS256 -> hmac(input);
            };
        } catch (GeneralSecurityException | JOSEException e) {
            throw new IllegalStateException("the JDK cannot sign " + kind + ": " + e.getMessage(), e);
        }
    }

    private byte[] jca(String algorithm, PSSParameterSpec params, byte[] input) throws GeneralSecurityException {
        Signature signer = Signature.getInstance(algorithm);
        if (params != null) {
            signer.setParameter(params);
        }
        signer.initSign((PrivateKey) key);
        signer.update(input);
        return signer.sign();
    }

    private byte[] hmac(byte[] input) throws GeneralSecurityException {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(key);
        return mac.doFinal(input);
    }
}
