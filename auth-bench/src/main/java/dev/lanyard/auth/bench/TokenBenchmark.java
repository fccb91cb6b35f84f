package dev.lanyard.auth.bench;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.util.Base64URL;
import dev.lanyard.auth.token.IssuedToken;
import dev.lanyard.auth.token.VerifiedToken;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.text.ParseException;
import java.util.concurrent.TimeUnit;

/**
 * The hot paths of auth-core, per signing algorithm, single-threaded, average time per call:
 * <ul>
 *   <li>{@link #mint}: {@code AccessTokenIssuer.issue}: claims, jti, header, sign, serialize;</li>
 *   <li>{@link #verifyCold}: {@code AccessTokenVerifier.verify} with the cache disabled: every check
 *       (size, form, header, signature, claims) on every call;</li>
 *   <li>{@link #verifyWarm}: {@code verify} of a token already in the default cache: the hit path
 *       (cache key, lookup, expiry and revocation re-check);</li>
 *   <li>{@link #rawJcaVerify}: the baseline: just the JCA signature (or HMAC) check of the same
 *       token's bytes with the same key, including {@code getInstance} and init on every call;</li>
 *   <li>{@link #nimbusVerify}: the layer in between: the key's Nimbus {@code JWSVerifier}, called as
 *       {@code AccessTokenVerifier} calls it (signing-input bytes and signature {@code Base64URL} taken
 *       from the token string each time; the {@code JWSHeader} parsed once in setup).</li>
 * </ul>
 * Warm-up is long (8 s) on purpose: on a 2-core machine the C2 compiler needs about 6 s to settle
 * the cold-verify path, and a 3 s warm-up reported a cold RS256 verify about 1.5x too slow.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 8, time = 1)
@Measurement(iterations = 8, time = 1)
@Fork(1)
public class TokenBenchmark {

    @Param({"RS256", "ES256", "EdDSA", "HS256"})
    public String alg;

    private Fixture f;
    private JWSHeader jwsHeader;
    private int lastDot;

    @Setup(Level.Trial)
    public void setUp() throws ParseException {
        f = new Fixture(alg);
        // Put the token in the warm verifier's cache.
        f.warmVerifier.verify(f.token);
        jwsHeader = JWSHeader.parse(Base64URL.from(f.token.substring(0, f.token.indexOf('.'))).decodeToString());
        lastDot = f.token.lastIndexOf('.');
        if (!nimbusVerify()) {
            throw new IllegalStateException("the Nimbus verifier does not verify the token");
        }
    }

    @Benchmark
    public IssuedToken mint() {
        return f.issuer.issue(f.request);
    }

    @Benchmark
    public VerifiedToken verifyCold() {
        return f.coldVerifier.verify(f.token);
    }

    @Benchmark
    @OutputTimeUnit(TimeUnit.NANOSECONDS)
    public VerifiedToken verifyWarm() {
        return f.warmVerifier.verify(f.token);
    }

    @Benchmark
    public boolean rawJcaVerify() throws GeneralSecurityException {
        return f.rawJcaVerify();
    }

    @Benchmark
    public boolean nimbusVerify() {
        String token = f.token;
        try {
            byte[] signingInput = token.substring(0, lastDot).getBytes(StandardCharsets.US_ASCII);
            return f.key.verifier().verify(jwsHeader, signingInput, new Base64URL(token.substring(lastDot + 1)));
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }
}
