package dev.lanyard.auth.bench;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.crypto.impl.ECDSA;
import dev.lanyard.auth.key.KeyRing;
import dev.lanyard.auth.key.SigningAlgorithm;
import dev.lanyard.auth.key.SigningKey;
import dev.lanyard.auth.token.AccessTokenIssuer;
import dev.lanyard.auth.token.AccessTokenRequest;
import dev.lanyard.auth.token.AccessTokenVerifier;
import dev.lanyard.auth.token.VerifiedToken;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import java.util.List;

/**
 * Everything one benchmark trial needs for one algorithm: a JDK key pair (or HMAC secret) wrapped in a
 * {@link SigningKey} so that Lanyard and the raw-JCA baseline use the very same key, an issuer, a cold
 * (uncached) and a warm (cached) verifier, one minted token, and that token's signing input and
 * signature as plain byte arrays for the baseline.
 *
 * <p>Not a JMH class itself: the benchmark states build one in their {@code @Setup}.
 */
final class Fixture {

    static final String ISSUER = "https://auth.bench.example";
    static final String AUDIENCE = "https://api.bench.example";

    final SigningAlgorithm algorithm;
    final SigningKey key;
    final AccessTokenIssuer issuer;
    final AccessTokenRequest request;
    final AccessTokenVerifier coldVerifier;
    final AccessTokenVerifier warmVerifier;
    /** One compact JWS minted by {@link #issuer}. */
    final String token;

    /** ASCII bytes of {@code header.payload}: what the signature covers. */
    final byte[] signingInput;
    /** The signature as the JCA wants it (DER for ECDSA; the raw JWS bytes otherwise). */
    final byte[] jcaSignature;
    /** The JCA algorithm name for the baseline; {@code HmacSHA256} for HS256. */
    final String jcaAlgorithm;
    /** The verification key of the baseline (null for HS256). */
    final PublicKey publicKey;
    /** The HMAC key of the baseline (null for asymmetric algorithms). */
    final SecretKeySpec secretKey;

    Fixture(String jwsName) {
        this.algorithm = SigningAlgorithm.fromJwsName(jwsName);
        String kid = "bench-" + jwsName.toLowerCase();
        try {
            switch (algorithm) {
                case HS256 -> {
                    byte[] secret = new byte[32];
                    new SecureRandom().nextBytes(secret);
                    this.key = SigningKey.hmac(secret, kid);
                    this.secretKey = new SecretKeySpec(secret, "HmacSHA256");
                    this.publicKey = null;
                    this.jcaAlgorithm = "HmacSHA256";
                }
                case RS256, ES256, EDDSA -> {
                    KeyPair pair = generateKeyPair(algorithm);
                    this.key = SigningKey.fromKeyPair(algorithm, pair.getPublic(), pair.getPrivate(), kid);
                    this.publicKey = pair.getPublic();
                    this.secretKey = null;
                    this.jcaAlgorithm = switch (algorithm) {
                        case RS256 -> "SHA256withRSA";
                        case ES256 -> "SHA256withECDSA";
                        default -> "Ed25519";
                    };
                }
                default -> throw new IllegalArgumentException("not benchmarked: " + jwsName);
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot create a " + jwsName + " key", e);
        }

        KeyRing ring = KeyRing.of(key);
        this.issuer = AccessTokenIssuer.builder()
                .issuer(ISSUER)
                .audience(AUDIENCE)
                .keys(ring)
                .build();
        this.request = AccessTokenRequest.builder("alice", "web-app")
                .scopes(List.of("orders:read", "orders:write", "profile"))
                .build();
        this.coldVerifier = AccessTokenVerifier.builder()
                .issuer(ISSUER)
                .audience(AUDIENCE)
                .keys(ring)
                .cacheSize(0)
                .build();
        this.warmVerifier = AccessTokenVerifier.builder()
                .issuer(ISSUER)
                .audience(AUDIENCE)
                .keys(ring)
                .build();
        // Default lifetime is 15 minutes: far longer than one trial (about 17 s).
        this.token = issuer.issue(request).value();

        int second = token.lastIndexOf('.');
        this.signingInput = token.substring(0, second).getBytes(StandardCharsets.US_ASCII);
        byte[] jwsSignature = Base64.getUrlDecoder().decode(token.substring(second + 1));
        try {
            this.jcaSignature = algorithm == SigningAlgorithm.ES256
                    ? ECDSA.transcodeSignatureToDER(jwsSignature)
                    : jwsSignature;
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot transcode the ES256 signature to DER", e);
        }

        // Fail the trial at once rather than measure an exception path.
        VerifiedToken verified = coldVerifier.verify(token);
        if (!"alice".equals(verified.subject())) {
            throw new IllegalStateException("unexpected subject " + verified.subject());
        }
        try {
            if (!rawJcaVerify()) {
                throw new IllegalStateException("the raw JCA baseline does not verify the token");
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the raw JCA baseline failed", e);
        }
    }

    /**
     * What any verifier has to do per call with the JCA alone: a fresh {@link Signature} (or
     * {@link Mac}) since neither is thread-safe, init with the key, feed the signing input, check.
     */
    boolean rawJcaVerify() throws GeneralSecurityException {
        if (secretKey != null) {
            Mac mac = Mac.getInstance(jcaAlgorithm);
            mac.init(secretKey);
            return MessageDigest.isEqual(mac.doFinal(signingInput), jcaSignature);
        }
        Signature signature = Signature.getInstance(jcaAlgorithm);
        signature.initVerify(publicKey);
        signature.update(signingInput);
        return signature.verify(jcaSignature);
    }

    private static KeyPair generateKeyPair(SigningAlgorithm algorithm) throws GeneralSecurityException {
        return switch (algorithm) {
            case RS256 -> {
                KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
                g.initialize(SigningAlgorithm.MIN_RSA_BITS); // 2048, as SigningKey.generate uses
                yield g.generateKeyPair();
            }
            case ES256 -> {
                KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
                g.initialize(new ECGenParameterSpec("secp256r1"));
                yield g.generateKeyPair();
            }
            case EDDSA -> KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
            default -> throw new IllegalArgumentException("no key pair for " + algorithm);
        };
    }
}
