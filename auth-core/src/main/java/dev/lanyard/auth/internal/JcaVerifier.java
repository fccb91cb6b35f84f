package dev.lanyard.auth.internal;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.impl.ECDSA;

import javax.crypto.Mac;
import javax.crypto.SecretKey;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;

/**
 * The hot-path signature check of the access-token verifier: the JDK's own primitives on already
 * decoded bytes, without Nimbus's per-call header object and constant-time base64 codec (a quarter of
 * a cold RS256 verify). Each algorithm keeps the checks Nimbus makes: an ECDSA signature must be
 * exactly 64 bytes with r and s in [1, n-1] (CVE-2022-21449), an HMAC is compared in constant time.
 */
public final class JcaVerifier {

    /** The algorithm families, each with its JCA name: shared by this verifier and {@link JcaSigner}. */
    public enum Kind {
        RS256("SHA256withRSA", null),
        PS256("RSASSA-PSS", new PSSParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256, 32, 1)),
        ES256("SHA256withECDSA", null),
        EDDSA("Ed25519", null),
        HS256("HmacSHA256", null);

        private final String jcaName;
        private final PSSParameterSpec parameters;

        Kind(String jcaName, PSSParameterSpec parameters) {
            this.jcaName = jcaName;
            this.parameters = parameters;
        }

        /** A fresh JCA signature object of this algorithm, its parameters set (not for HS256). */
        Signature signature() throws GeneralSecurityException {
            Signature signature = Signature.getInstance(jcaName);
            if (parameters != null) {
                signature.setParameter(parameters);
            }
            return signature;
        }

        /** A fresh HMAC keyed with {@code key} (HS256 only). */
        Mac mac(Key key) throws GeneralSecurityException {
            Mac mac = Mac.getInstance(jcaName);
            mac.init(key);
            return mac;
        }

        /** Refuses a key of the wrong type: a secret key for HS256, an asymmetric one for the others. */
        void requireKeyType(Key key, String use) {
            if ((this == HS256) != (key instanceof SecretKey)) {
                throw new IllegalArgumentException(this + " cannot " + use + " a " + key.getAlgorithm() + " key");
            }
        }
    }

    private final Kind kind;
    private final Key key;
    private final Ed25519.Verifier ed25519;

    public JcaVerifier(Kind kind, Key key) {
        this.kind = kind;
        this.key = key;
        kind.requireKeyType(key, "use");
        this.ed25519 = kind == Kind.EDDSA ? Ed25519.verifierFor((PublicKey) key) : null;
    }

    /** Whether {@code signature} is valid for {@code input}; false, never an exception, for a bad signature. */
    public boolean verify(byte[] input, byte[] signature) {
        try {
            return switch (kind) {
                case RS256, PS256 -> jca(input, signature);
                case ES256 -> ecdsa(input, signature);
                case EDDSA -> ed25519.verify(input, signature);
                case HS256 -> hmac(input, signature);
            };
        } catch (java.security.SignatureException | JOSEException e) {
            return false;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK cannot verify " + kind + ": " + e.getMessage(), e);
        }
    }

    private boolean jca(byte[] input, byte[] signature) throws GeneralSecurityException {
        Signature verifier = kind.signature();
        verifier.initVerify((PublicKey) key);
        verifier.update(input);
        return verifier.verify(signature);
    }

    private boolean ecdsa(byte[] input, byte[] signature) throws GeneralSecurityException, JOSEException {
        if (signature.length != 64) {
            return false;
        }
        ECDSA.ensureLegalSignature(signature, JWSAlgorithm.ES256);
        return jca(input, ECDSA.transcodeSignatureToDER(signature));
    }

    private boolean hmac(byte[] input, byte[] signature) throws GeneralSecurityException {
        return MessageDigest.isEqual(kind.mac(key).doFinal(input), signature);
    }
}
