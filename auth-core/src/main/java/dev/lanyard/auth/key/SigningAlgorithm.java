package dev.lanyard.auth.key;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.KeyType;

/**
 * The JWS algorithms Lanyard signs and verifies with. Each key is bound to exactly one of them, and a
 * token is only accepted when its {@code alg} header equals the algorithm of the key its {@code kid}
 * names: an RSA public key can never be abused as an HMAC secret, and {@code none} is never accepted.
 *
 * <pre>{@code
 * SigningKey key = SigningKey.generate(SigningAlgorithm.ES256);
 * }</pre>
 */
public enum SigningAlgorithm {
    /** RSASSA-PKCS1-v1_5 with SHA-256, 2048-bit keys or larger. The default: mandatory in RFC 9068 and
     * the fastest to verify on the JVM. */
    RS256(JWSAlgorithm.RS256, KeyType.RSA),
    /** RSASSA-PSS with SHA-256, 2048-bit keys or larger. */
    PS256(JWSAlgorithm.PS256, KeyType.RSA),
    /** ECDSA on P-256 with SHA-256. */
    ES256(JWSAlgorithm.ES256, KeyType.EC),
    /** EdDSA on Ed25519 (RFC 8037), through the JDK's own provider. */
    EDDSA(JWSAlgorithm.EdDSA, KeyType.OKP),
    /** HMAC with SHA-256 and a secret of at least 256 bits. A shared secret: only for a single process
     * that both mints and verifies, and never published in a JWKS. */
    HS256(JWSAlgorithm.HS256, KeyType.OCT);

    /** RSA keys below this size are refused. */
    public static final int MIN_RSA_BITS = 2048;
    /** HMAC secrets below this size are refused. */
    public static final int MIN_HMAC_BITS = 256;

    private final JWSAlgorithm jws;
    private final KeyType keyType;

    SigningAlgorithm(JWSAlgorithm jws, KeyType keyType) {
        this.jws = jws;
        this.keyType = keyType;
    }

    /**
     * The {@code alg} header value, for example {@code RS256} or {@code EdDSA}.
     *
     * @return the JWS algorithm name
     */
    public String jwsName() {
        return jws.getName();
    }

    /**
     * Whether this is a symmetric algorithm, whose key must never leave the process.
     *
     * @return true for HS256
     */
    public boolean isSymmetric() {
        return this == HS256;
    }

    JWSAlgorithm jws() {
        return jws;
    }

    KeyType keyType() {
        return keyType;
    }

    /**
     * The algorithm named by a JWS {@code alg} value, exactly as spelled.
     *
     * @param name the {@code alg} value, case-sensitive
     * @return the algorithm
     * @throws IllegalArgumentException for any other name, {@code none} included
     */
    public static SigningAlgorithm fromJwsName(String name) {
        for (SigningAlgorithm a : values()) {
            if (a.jwsName().equals(name)) {
                return a;
            }
        }
        throw new IllegalArgumentException("unsupported JWS algorithm '" + name
                + "'; expected one of RS256, PS256, ES256, EdDSA, HS256");
    }
}
