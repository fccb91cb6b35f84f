package dev.lanyard.auth.key;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.OctetSequenceKey;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.OctetSequenceKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jose.util.JSONObjectUtils;
import dev.lanyard.auth.internal.Ed25519;
import dev.lanyard.auth.internal.JcaSigner;
import dev.lanyard.auth.internal.JcaVerifier;

import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One key of a {@link KeyRing}: a key id, the single {@link SigningAlgorithm} it may be used with,
 * the time it was created, and the key material. A key without its private part can verify but not
 * sign (a retiring key imported from another node's JWKS, for instance).
 *
 * <p>Instances are immutable and thread-safe.
 *
 * <pre>{@code
 * SigningKey rsa = SigningKey.generate(SigningAlgorithm.RS256);
 * SigningKey hmac = SigningKey.hmac(secretOf32OrMoreBytes, "app-hmac-1");
 * Map<String, Object> publicJwk = rsa.publicJwk().orElseThrow(); // no private parameters
 * }</pre>
 */
public final class SigningKey {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final JWK jwk;
    private final SigningAlgorithm algorithm;
    private final Instant createdAt;
    private final JWSVerifier verifier;
    private final JcaVerifier fastVerifier;
    private final JWSSigner signer; // null when the key cannot sign
    private final JcaSigner fastSigner; // null when the key cannot sign
    private final ConcurrentHashMap<String, String> encodedHeaders = new ConcurrentHashMap<>(2);

    private SigningKey(JWK jwk, SigningAlgorithm algorithm) {
        this.jwk = jwk;
        this.algorithm = algorithm;
        this.createdAt = jwk.getIssueTime() == null ? Instant.EPOCH : jwk.getIssueTime().toInstant();
        try {
            this.verifier = verifierFor(jwk, algorithm);
            this.fastVerifier = fastVerifierFor(jwk, algorithm);
            this.signer = jwk.isPrivate() ? signerFor(jwk, algorithm) : null;
            this.fastSigner = jwk.isPrivate() ? fastSignerFor(jwk, algorithm) : null;
            if (signer != null) {
                checkPairMatches();
            }
        } catch (JOSEException e) {
            throw new IllegalArgumentException("key " + jwk.getKeyID() + " cannot be used with "
                    + algorithm.jwsName() + ": " + e.getMessage(), e);
        }
    }

    /**
     * Signs a probe and verifies it: a private key imported with someone else's public key (a PEM file
     * assembled from two sources, a JWK with a stray {@code d}) would publish one key and sign with
     * another, so every token would fail far from the cause.
     */
    private void checkPairMatches() {
        byte[] probe = "lanyard key pair check".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        com.nimbusds.jose.JWSHeader header = new com.nimbusds.jose.JWSHeader(algorithm.jws());
        boolean matches;
        try {
            matches = verifier.verify(header, probe, signer.sign(header, probe))
                    && fastVerifier.verify(probe, fastSigner.sign(probe));
        } catch (JOSEException | IllegalStateException e) {
            matches = false; // the JDK's RSA signer checks its own signature and throws on a mismatch
        }
        if (!matches) {
            throw new IllegalArgumentException("the private and public parts of key " + jwk.getKeyID()
                    + " do not belong together");
        }
    }

    /**
     * A new key for {@code algorithm}, created now, with a random key id.
     *
     * @param algorithm the algorithm the key is for
     * @return a key with its private part (or secret)
     */
    public static SigningKey generate(SigningAlgorithm algorithm) {
        return generate(algorithm, Instant.now());
    }

    /**
     * A new key for {@code algorithm} with the given creation time (used for rotation schedules).
     *
     * @param algorithm the algorithm the key is for
     * @param createdAt the creation time recorded in the JWK's {@code iat}
     * @return a key with its private part (or secret)
     * @throws IllegalStateException when the JDK cannot generate such a key
     */
    public static SigningKey generate(SigningAlgorithm algorithm, Instant createdAt) {
        Objects.requireNonNull(algorithm, "algorithm");
        Objects.requireNonNull(createdAt, "createdAt");
        String kid = randomKid();
        Date iat = Date.from(createdAt);
        try {
            JWK jwk = switch (algorithm) {
                case RS256, PS256 -> new RSAKeyGenerator(SigningAlgorithm.MIN_RSA_BITS)
                        .keyID(kid).issueTime(iat).generate();
                case ES256 -> new ECKeyGenerator(Curve.P_256).keyID(kid).issueTime(iat).generate();
                case EDDSA -> Ed25519.generate().keyID(kid).issueTime(iat).build();
                case HS256 -> new OctetSequenceKeyGenerator(SigningAlgorithm.MIN_HMAC_BITS)
                        .keyID(kid).issueTime(iat).generate();
            };
            return fromJwk(jwk, algorithm);
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot generate a " + algorithm.jwsName() + " key", e);
        }
    }

    /**
     * An HMAC-SHA256 key. The secret must hold at least 256 bits: shorter secrets are brute-forced
     * offline from a single token.
     *
     * @param secret the shared secret, at least 32 random bytes
     * @param kid    the key id; not blank
     * @return the key
     * @throws IllegalArgumentException when the secret is shorter than 32 bytes
     */
    public static SigningKey hmac(byte[] secret, String kid) {
        Objects.requireNonNull(secret, "secret");
        requireKid(kid);
        if (secret.length * 8 < SigningAlgorithm.MIN_HMAC_BITS) {
            throw new IllegalArgumentException("HS256 secret has " + secret.length * 8
                    + " bits; it needs at least " + SigningAlgorithm.MIN_HMAC_BITS
                    + " (32 random bytes). Generate one with SigningKey.generate(SigningAlgorithm.HS256)");
        }
        return fromJwk(new OctetSequenceKey.Builder(secret).keyID(kid).issueTime(new Date()).build(),
                SigningAlgorithm.HS256);
    }

    /**
     * A key from JDK key objects, for example read from a PKCS#12 keystore. {@code privateKey} may be
     * null for a verify-only key; {@code kid} may be null to use the RFC 7638 thumbprint.
     *
     * @param algorithm  the algorithm the key is for; not HS256
     * @param publicKey  the public key; not null
     * @param privateKey the matching private key; null for a verify-only key
     * @param kid        the key id; null for the thumbprint
     * @return the key
     * @throws IllegalArgumentException when a key's type does not fit the algorithm, an EC key is not on
     *                                  P-256, the algorithm is HS256, or the key is too weak
     */
    public static SigningKey fromKeyPair(SigningAlgorithm algorithm, PublicKey publicKey, PrivateKey privateKey,
                                         String kid) {
        Objects.requireNonNull(algorithm, "algorithm");
        Objects.requireNonNull(publicKey, "publicKey");
        JWK jwk = switch (algorithm.keyType().getValue()) {
            case "RSA" -> {
                requireType(publicKey instanceof RSAPublicKey, algorithm, publicKey);
                RSAKey.Builder b = new RSAKey.Builder((RSAPublicKey) publicKey);
                if (privateKey != null) {
                    requireType(privateKey instanceof RSAPrivateKey, algorithm, privateKey);
                    b.privateKey((RSAPrivateKey) privateKey);
                }
                yield b.build();
            }
            case "EC" -> {
                requireType(publicKey instanceof ECPublicKey, algorithm, publicKey);
                Curve curve = Curve.forECParameterSpec(((ECPublicKey) publicKey).getParams());
                if (!Curve.P_256.equals(curve)) {
                    throw new IllegalArgumentException("ES256 needs a P-256 key, got curve " + curve);
                }
                ECKey.Builder b = new ECKey.Builder(Curve.P_256, (ECPublicKey) publicKey);
                if (privateKey != null) {
                    requireType(privateKey instanceof ECPrivateKey, algorithm, privateKey);
                    b.privateKey((ECPrivateKey) privateKey);
                }
                yield b.build();
            }
            case "OKP" -> {
                requireType("Ed25519".equals(publicKey.getAlgorithm()) || "EdDSA".equals(publicKey.getAlgorithm()),
                        algorithm, publicKey);
                yield Ed25519.toJwk(publicKey, privateKey).build();
            }
            default -> throw new IllegalArgumentException(
                    "HS256 keys are secrets, not key pairs; use SigningKey.hmac(secret, kid)");
        };
        return fromJwk(withKid(jwk, kid), algorithm);
    }

    /**
     * A key from a JWK. The algorithm is the JWK's {@code alg} when present, otherwise the default for
     * its type (RS256 for RSA, ES256 for EC P-256, EdDSA for Ed25519, HS256 for oct). A JWK without a
     * {@code kid} gets its RFC 7638 thumbprint.
     *
     * @param jwk the key, public or private
     * @return the key; verify-only when the JWK has no private part
     * @throws IllegalArgumentException when the key is too weak or does not fit the algorithm
     */
    public static SigningKey fromJwk(JWK jwk) {
        Objects.requireNonNull(jwk, "jwk");
        SigningAlgorithm algorithm = jwk.getAlgorithm() != null
                ? SigningAlgorithm.fromJwsName(jwk.getAlgorithm().getName())
                : defaultAlgorithm(jwk);
        return fromJwk(withKid(jwk, jwk.getKeyID()), algorithm);
    }

    private static SigningKey fromJwk(JWK jwk, SigningAlgorithm algorithm) {
        if (!algorithm.keyType().equals(jwk.getKeyType())) {
            throw new IllegalArgumentException("key " + jwk.getKeyID() + " is of type " + jwk.getKeyType()
                    + " but " + algorithm.jwsName() + " needs " + algorithm.keyType());
        }
        if (jwk.getKeyUse() != null && !KeyUse.SIGNATURE.equals(jwk.getKeyUse())) {
            throw new IllegalArgumentException("key " + jwk.getKeyID() + " has use '" + jwk.getKeyUse()
                    + "'; a signing key must have use 'sig' or none");
        }
        requireKid(jwk.getKeyID());
        checkStrength(jwk, algorithm);
        return new SigningKey(normalize(jwk, algorithm), algorithm);
    }

    /**
     * The key id, carried in the {@code kid} header of every token this key signs.
     *
     * @return the key id, never blank
     */
    public String kid() {
        return jwk.getKeyID();
    }

    /**
     * The only algorithm this key signs and verifies with.
     *
     * @return the algorithm
     */
    public SigningAlgorithm algorithm() {
        return algorithm;
    }

    /**
     * When the key was created ({@link Instant#EPOCH} when an imported key did not say).
     *
     * @return the creation time
     */
    public Instant createdAt() {
        return createdAt;
    }

    /**
     * Whether this key holds its private part (or secret) and so can sign.
     *
     * @return true when {@link #signer()} will not throw
     */
    public boolean canSign() {
        return signer != null;
    }

    /**
     * The public JWK, safe to publish; empty for HMAC keys, whose only material is the secret.
     *
     * @return the JWK's members
     */
    public Optional<Map<String, Object>> publicJwk() {
        return Optional.ofNullable(publicJwkObject()).map(JWK::toJSONObject);
    }

    JWK publicJwkObject() {
        return algorithm.isSymmetric() ? null : jwk.toPublicJWK();
    }

    /** The full JWK, private material included. Package-private: only the key file writer needs it. */
    JWK privateJwk() {
        return jwk;
    }

    /**
     * The verifier for this key; Nimbus verifiers are stateless and thread-safe.
     *
     * @return the Nimbus verifier
     */
    public JWSVerifier verifier() {
        return verifier;
    }

    /**
     * Checks a JWS signature over {@code signingInput} (the ASCII bytes of {@code header.payload}) with
     * the JDK's primitives directly: the access-token verifier's hot path. The caller must already have
     * checked that the token's {@code alg} is this key's algorithm.
     *
     * @param signingInput the ASCII bytes of the token's first two parts and the dot between them
     * @param signature    the decoded third part
     * @return false for a wrong or malformed signature
     */
    public boolean verifySignature(byte[] signingInput, byte[] signature) {
        return fastVerifier.verify(signingInput, signature);
    }

    /**
     * The signer for this key.
     *
     * @return the Nimbus signer
     * @throws IllegalStateException when the key has no private part
     */
    public JWSSigner signer() {
        if (signer == null) {
            throw new IllegalStateException("key " + kid() + " has no private part and cannot sign");
        }
        return signer;
    }

    /**
     * Signs {@code signingInput} with the JDK's primitives directly: the issuers' hot path.
     *
     * @param signingInput the ASCII bytes of {@code header.payload}
     * @return the signature in its JWS form (for ES256 the 64 bytes {@code R || S})
     * @throws IllegalStateException when the key has no private part
     */
    public byte[] sign(byte[] signingInput) {
        if (fastSigner == null) {
            throw new IllegalStateException("key " + kid() + " has no private part and cannot sign");
        }
        return fastSigner.sign(signingInput);
    }

    /**
     * A compact JWS of a JSON payload under this key, its protected header {@code alg}, {@code typ} and
     * {@code kid}. Header, payload and signature are public, so they are encoded with
     * {@link java.util.Base64}; the encoded header is built once per {@code typ}.
     *
     * <pre>{@code
     * String jws = key.signCompact("at+jwt", "{\"sub\":\"alice\"}");
     * }</pre>
     *
     * @param type        the {@code typ} header value, for example {@code at+jwt} or {@code JWT}
     * @param payloadJson the payload, a JSON object
     * @return {@code header.payload.signature}, each part base64url without padding
     * @throws IllegalStateException when the key has no private part
     */
    public String signCompact(String type, String payloadJson) {
        String header = encodedHeaders.computeIfAbsent(type, this::encodeHeader);
        Base64.Encoder base64url = Base64.getUrlEncoder().withoutPadding();
        String signingInput = header + '.' + base64url.encodeToString(payloadJson.getBytes(StandardCharsets.UTF_8));
        byte[] signature = sign(signingInput.getBytes(StandardCharsets.US_ASCII));
        return signingInput + '.' + base64url.encodeToString(signature);
    }

    private String encodeHeader(String type) {
        Map<String, Object> header = new LinkedHashMap<>();
        header.put("alg", algorithm.jwsName());
        header.put("typ", type);
        header.put("kid", kid());
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString(JSONObjectUtils.toJSONString(header).getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String toString() {
        // Never the key material.
        return "SigningKey[kid=" + kid() + ", alg=" + algorithm.jwsName() + ", private=" + canSign() + "]";
    }

    private static SigningAlgorithm defaultAlgorithm(JWK jwk) {
        KeyType type = KeyType.of(jwk);
        return switch (type) {
            case RSA -> SigningAlgorithm.RS256;
            case EC -> SigningAlgorithm.ES256;
            case OKP -> SigningAlgorithm.EDDSA;
            case OCT -> SigningAlgorithm.HS256;
        };
    }

    private static void checkStrength(JWK jwk, SigningAlgorithm algorithm) {
        switch (algorithm) {
            case RS256, PS256 -> {
                if (jwk.size() < SigningAlgorithm.MIN_RSA_BITS) {
                    throw new IllegalArgumentException("RSA key " + jwk.getKeyID() + " has " + jwk.size()
                            + " bits; at least " + SigningAlgorithm.MIN_RSA_BITS + " are required");
                }
            }
            case ES256 -> {
                if (!Curve.P_256.equals(((ECKey) jwk).getCurve())) {
                    throw new IllegalArgumentException("ES256 key " + jwk.getKeyID() + " must be on P-256, not "
                            + ((ECKey) jwk).getCurve());
                }
            }
            case EDDSA -> {
                if (!Curve.Ed25519.equals(((OctetKeyPair) jwk).getCurve())) {
                    throw new IllegalArgumentException("EdDSA key " + jwk.getKeyID() + " must be Ed25519, not "
                            + ((OctetKeyPair) jwk).getCurve());
                }
            }
            case HS256 -> {
                if (jwk.size() < SigningAlgorithm.MIN_HMAC_BITS) {
                    throw new IllegalArgumentException("HS256 secret " + jwk.getKeyID() + " has " + jwk.size()
                            + " bits; it needs at least " + SigningAlgorithm.MIN_HMAC_BITS);
                }
            }
        }
    }

    private static JWK normalize(JWK jwk, SigningAlgorithm algorithm) {
        Date iat = jwk.getIssueTime();
        if (jwk instanceof RSAKey k) {
            return new RSAKey.Builder(k).algorithm(algorithm.jws()).keyUse(KeyUse.SIGNATURE).issueTime(iat).build();
        } else if (jwk instanceof ECKey k) {
            return new ECKey.Builder(k).algorithm(algorithm.jws()).keyUse(KeyUse.SIGNATURE).issueTime(iat).build();
        } else if (jwk instanceof OctetKeyPair k) {
            return new OctetKeyPair.Builder(k).algorithm(algorithm.jws()).keyUse(KeyUse.SIGNATURE).issueTime(iat)
                    .build();
        } else {
            OctetSequenceKey k = (OctetSequenceKey) jwk;
            return new OctetSequenceKey.Builder(k).algorithm(algorithm.jws()).keyUse(KeyUse.SIGNATURE)
                    .issueTime(iat).build();
        }
    }

    private static JWK withKid(JWK jwk, String kid) {
        String id = kid != null ? kid : thumbprintOrRandom(jwk);
        if (jwk instanceof RSAKey k) {
            return new RSAKey.Builder(k).keyID(id).build();
        } else if (jwk instanceof ECKey k) {
            return new ECKey.Builder(k).keyID(id).build();
        } else if (jwk instanceof OctetKeyPair k) {
            return new OctetKeyPair.Builder(k).keyID(id).build();
        } else {
            return new OctetSequenceKey.Builder((OctetSequenceKey) jwk).keyID(id).build();
        }
    }

    private static String thumbprintOrRandom(JWK jwk) {
        // An HMAC key's thumbprint is a hash of the secret; never publish that in every token header.
        if (jwk instanceof OctetSequenceKey) {
            return randomKid();
        }
        try {
            return jwk.computeThumbprint().toString();
        } catch (JOSEException e) {
            throw new IllegalArgumentException("cannot compute the thumbprint of the key: " + e.getMessage(), e);
        }
    }

    private static JWSVerifier verifierFor(JWK jwk, SigningAlgorithm algorithm) throws JOSEException {
        return switch (algorithm) {
            case RS256, PS256 -> new RSASSAVerifier((RSAKey) jwk);
            case ES256 -> new ECDSAVerifier((ECKey) jwk);
            case EDDSA -> Ed25519.verifier(Ed25519.publicKey((OctetKeyPair) jwk));
            case HS256 -> new MACVerifier((OctetSequenceKey) jwk);
        };
    }

    private static JcaVerifier fastVerifierFor(JWK jwk, SigningAlgorithm algorithm) throws JOSEException {
        return switch (algorithm) {
            case RS256 -> new JcaVerifier(JcaVerifier.Kind.RS256, ((RSAKey) jwk).toRSAPublicKey());
            case PS256 -> new JcaVerifier(JcaVerifier.Kind.PS256, ((RSAKey) jwk).toRSAPublicKey());
            case ES256 -> new JcaVerifier(JcaVerifier.Kind.ES256, ((ECKey) jwk).toECPublicKey());
            case EDDSA -> new JcaVerifier(JcaVerifier.Kind.EDDSA, Ed25519.publicKey((OctetKeyPair) jwk));
            case HS256 -> new JcaVerifier(JcaVerifier.Kind.HS256, ((OctetSequenceKey) jwk).toSecretKey("HmacSHA256"));
        };
    }

    private static JcaSigner fastSignerFor(JWK jwk, SigningAlgorithm algorithm) throws JOSEException {
        return switch (algorithm) {
            case RS256 -> new JcaSigner(JcaVerifier.Kind.RS256, ((RSAKey) jwk).toPrivateKey());
            case PS256 -> new JcaSigner(JcaVerifier.Kind.PS256, ((RSAKey) jwk).toPrivateKey());
            case ES256 -> new JcaSigner(JcaVerifier.Kind.ES256, ((ECKey) jwk).toPrivateKey());
            case EDDSA -> new JcaSigner(JcaVerifier.Kind.EDDSA, Ed25519.privateKey((OctetKeyPair) jwk));
            case HS256 -> new JcaSigner(JcaVerifier.Kind.HS256, ((OctetSequenceKey) jwk).toSecretKey("HmacSHA256"));
        };
    }

    private static JWSSigner signerFor(JWK jwk, SigningAlgorithm algorithm) throws JOSEException {
        return switch (algorithm) {
            case RS256, PS256 -> new RSASSASigner((RSAKey) jwk);
            case ES256 -> new ECDSASigner((ECKey) jwk);
            case EDDSA -> Ed25519.signer(Ed25519.privateKey((OctetKeyPair) jwk));
            case HS256 -> new MACSigner((OctetSequenceKey) jwk);
        };
    }

    private static void requireType(boolean ok, SigningAlgorithm algorithm, java.security.Key key) {
        if (!ok) {
            throw new IllegalArgumentException(algorithm.jwsName() + " cannot use a " + key.getAlgorithm() + " key");
        }
    }

    private static void requireKid(String kid) {
        if (kid == null || kid.isBlank() || kid.length() > 128) {
            throw new IllegalArgumentException("a key id must be 1 to 128 characters, got "
                    + (kid == null ? "none" : kid.length() + " characters"));
        }
    }

    private static String randomKid() {
        byte[] bytes = new byte[12];
        RANDOM.nextBytes(bytes);
        return Base64URL.encode(bytes).toString();
    }

    /** The JWK key types Lanyard handles, as an exhaustive switch target. */
    private enum KeyType {
        RSA, EC, OKP, OCT;

        static KeyType of(JWK jwk) {
            return switch (jwk.getKeyType().getValue()) {
                case "RSA" -> RSA;
                case "EC" -> EC;
                case "OKP" -> OKP;
                case "oct" -> OCT;
                default -> throw new IllegalArgumentException("unsupported key type " + jwk.getKeyType());
            };
        }
    }
}
