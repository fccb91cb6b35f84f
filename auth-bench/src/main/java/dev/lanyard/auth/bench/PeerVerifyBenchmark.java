package dev.lanyard.auth.bench;

import com.auth0.jwt.JWT;
import com.auth0.jwt.JWTVerifier;
import com.auth0.jwt.algorithms.Algorithm;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.Ed25519Verifier;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.proc.SingleKeyJWSKeySelector;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import dev.lanyard.auth.key.SigningAlgorithm;
import dev.lanyard.auth.token.VerifiedToken;
import io.jsonwebtoken.Claims;
import io.jsonwebtoken.JwtParser;
import io.jsonwebtoken.Jwts;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.keys.HmacKey;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

import java.security.GeneralSecurityException;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * One access token verified cold (no cache) by Lanyard and by the JVM's other JWT libraries, with the
 * raw JCA signature check as the floor, all in the same run. Every verifier checks the signature,
 * {@code exp}, {@code iss} and {@code aud}; Lanyard, Nimbus's processor, Spring's decoder and jose4j
 * also check {@code typ: at+jwt} (RFC 9068), java-jwt and jjwt cannot be told to. The token is
 * Lanyard's, minted once per trial by the {@link Fixture}: the peers verify exactly the bytes Lanyard
 * does.
 *
 * <p>Where a library has no such algorithm (java-jwt and Spring's decoder have no EdDSA), its
 * benchmark throws {@link UnsupportedOperationException} in that trial, and JMH reports the error
 * instead of a figure.
 *
 * <pre>
 * java -jar auth-bench/target/benchmarks.jar PeerVerifyBenchmark -t 1
 * java -jar auth-bench/target/benchmarks.jar PeerVerifyBenchmark -t 2
 * </pre>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Benchmark)
public class PeerVerifyBenchmark {

    private static final String AT_JWT = "at+jwt";

    @Param({"RS256", "ES256", "EdDSA", "HS256"})
    public String alg;

    private Fixture f;
    private DefaultJWTProcessor<SecurityContext> nimbus;
    private Ed25519Verifier nimbusEd25519;
    private DefaultJWTClaimsVerifier<SecurityContext> nimbusClaims;
    private JwtDecoder spring;
    private JwtParser jjwt;
    private JWTVerifier auth0;
    private JwtConsumer jose4j;

    @Setup
    public void setUp() throws Exception {
        f = new Fixture(alg);
        JWSAlgorithm jwsAlgorithm = JWSAlgorithm.parse(alg);
        nimbusClaims = new DefaultJWTClaimsVerifier<>(Fixture.AUDIENCE,
                new JWTClaimsSet.Builder().issuer(Fixture.ISSUER).build(), Set.of("exp", "iss", "aud"));

        if (f.algorithm == SigningAlgorithm.EDDSA) {
            // Nimbus's processor selects only keys it can turn into JDK keys; Ed25519 goes through Tink.
            nimbusEd25519 = new Ed25519Verifier(((OctetKeyPair) JWK.parse(f.key.publicJwk().orElseThrow())));
        } else {
            nimbus = new DefaultJWTProcessor<>();
            nimbus.setJWSTypeVerifier(new DefaultJOSEObjectTypeVerifier<>(new JOSEObjectType(AT_JWT)));
            nimbus.setJWSKeySelector(f.secretKey != null
                    ? new SingleKeyJWSKeySelector<>(jwsAlgorithm, f.secretKey)
                    : new SingleKeyJWSKeySelector<>(jwsAlgorithm, f.publicKey));
            nimbus.setJWTClaimsSetVerifier(nimbusClaims);
        }

        spring = springDecoder();
        jjwt = (f.secretKey != null ? Jwts.parser().verifyWith(f.secretKey) : Jwts.parser().verifyWith(f.publicKey))
                .requireIssuer(Fixture.ISSUER)
                .requireAudience(Fixture.AUDIENCE)
                .build();
        auth0 = auth0Verifier();
        jose4j = new JwtConsumerBuilder()
                .setRequireExpirationTime()
                .setExpectedIssuer(Fixture.ISSUER)
                .setExpectedAudience(Fixture.AUDIENCE)
                .setExpectedType(true, AT_JWT)
                .setVerificationKey(f.secretKey != null ? new HmacKey(f.secretKey.getEncoded()) : f.publicKey)
                .setJwsAlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT, alg)
                .build();

        // Every peer must accept the token before it is timed: a failing verifier would be measured fast.
        check(lanyard().subject());
        check(nimbus().getSubject());
        if (spring != null) {
            check(spring().getSubject());
        }
        check(jjwt().getSubject());
        if (auth0 != null) {
            check(auth0().getSubject());
        }
        check(jose4j().getSubject());
    }

    @Benchmark
    public VerifiedToken lanyard() {
        return f.coldVerifier.verify(f.token);
    }

    @Benchmark
    public boolean rawJca() throws GeneralSecurityException {
        return f.rawJcaVerify();
    }

    @Benchmark
    public JWTClaimsSet nimbus() throws Exception {
        if (nimbus != null) {
            return nimbus.process(f.token, null);
        }
        SignedJWT jwt = SignedJWT.parse(f.token);
        if (!AT_JWT.equals(jwt.getHeader().getType().getType()) || !jwt.verify(nimbusEd25519)) {
            throw new IllegalStateException("rejected");
        }
        JWTClaimsSet claims = jwt.getJWTClaimsSet();
        nimbusClaims.verify(claims, null);
        return claims;
    }

    @Benchmark
    public Jwt spring() {
        if (spring == null) {
            throw new UnsupportedOperationException("Spring's NimbusJwtDecoder has no " + alg);
        }
        return spring.decode(f.token);
    }

    @Benchmark
    public Claims jjwt() {
        return jjwt.parseSignedClaims(f.token).getPayload();
    }

    @Benchmark
    public com.auth0.jwt.interfaces.DecodedJWT auth0() {
        if (auth0 == null) {
            throw new UnsupportedOperationException("java-jwt has no " + alg);
        }
        return auth0.verify(f.token);
    }

    @Benchmark
    public org.jose4j.jwt.JwtClaims jose4j() throws Exception {
        return jose4j.processToClaims(f.token);
    }

    private JwtDecoder springDecoder() throws java.text.ParseException {
        NimbusJwtDecoder decoder = switch (f.algorithm) {
            case RS256 -> NimbusJwtDecoder.withPublicKey((RSAPublicKey) f.publicKey)
                    .signatureAlgorithm(SignatureAlgorithm.RS256).jwtProcessorCustomizer(PeerVerifyBenchmark::atJwt).build();
            case ES256 -> NimbusJwtDecoder.withJwkSource(new ImmutableJWKSet<>(
                            new JWKSet(JWK.parse(f.key.publicJwk().orElseThrow()))))
                    .jwsAlgorithm(SignatureAlgorithm.ES256).jwtProcessorCustomizer(PeerVerifyBenchmark::atJwt).build();
            case HS256 -> NimbusJwtDecoder.withSecretKey(f.secretKey).macAlgorithm(MacAlgorithm.HS256).jwtProcessorCustomizer(PeerVerifyBenchmark::atJwt).build();
            default -> null;
        };
        if (decoder == null) {
            return null;
        }
        // Spring Security 7's RFC 9068 profile: typ at+jwt, exp, iss, aud (and the claims RFC 9068 requires).
        decoder.setJwtValidator(JwtValidators.createAtJwtValidator()
                .issuer(Fixture.ISSUER)
                .audience(Fixture.AUDIENCE)
                .build());
        return decoder;
    }

    /** Spring's documented way to accept RFC 9068 tokens: Nimbus's own typ check, told at+jwt. */
    private static void atJwt(com.nimbusds.jwt.proc.ConfigurableJWTProcessor<SecurityContext> processor) {
        processor.setJWSTypeVerifier(new DefaultJOSEObjectTypeVerifier<>(new JOSEObjectType(AT_JWT)));
    }

    private JWTVerifier auth0Verifier() {
        Algorithm algorithm = switch (f.algorithm) {
            case RS256 -> Algorithm.RSA256((RSAPublicKey) f.publicKey, null);
            case ES256 -> Algorithm.ECDSA256((ECPublicKey) f.publicKey, null);
            case HS256 -> Algorithm.HMAC256(f.secretKey.getEncoded());
            default -> null;
        };
        return algorithm == null ? null
                : JWT.require(algorithm).withIssuer(Fixture.ISSUER).withAudience(Fixture.AUDIENCE).build();
    }

    private static void check(String subject) {
        if (!"alice".equals(subject)) {
            throw new IllegalStateException("a peer verified the token to subject " + subject);
        }
    }
}
