package dev.lanyard.auth.internal;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.crypto.impl.ECDSA;

import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.PrivateKey;
import java.security.Signature;

/**
 * The minting counterpart of {@link JcaVerifier}: the JDK's own primitives, returning the JWS form of
 * the signature (RFC 7518: an ES256 signature as the 64 bytes {@code R || S}, not DER). The issuer
 * encodes what it signs with {@link java.util.Base64}: the header, the payload and the signature are
 * all public, so Nimbus's constant-time codec (a seventh of the token endpoint's time) buys nothing there.
 */
public final class JcaSigner {

    private final JcaVerifier.Kind kind;
    private final Key key;

    /**
     * @param kind the algorithm
     * @param key  a private key of the algorithm's type, or for HS256 the secret key
     */
    public JcaSigner(JcaVerifier.Kind kind, Key key) {
        this.kind = kind;
        this.key = key;
        kind.requireKeyType(key, "sign with");
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
                case RS256, PS256, EDDSA -> jca(input);
                case ES256 -> ECDSA.transcodeSignatureToConcat(jca(input), 64);
                case HS256 -> kind.mac(key).doFinal(input);
            };
        } catch (GeneralSecurityException | JOSEException e) {
            throw new IllegalStateException("the JDK cannot sign " + kind + ": " + e.getMessage(), e);
        }
    }

    private byte[] jca(byte[] input) throws GeneralSecurityException {
        Signature signer = kind.signature();
        signer.initSign((PrivateKey) key);
        signer.update(input);
        return signer.sign();
    }
}
