package dev.lanyard.auth.bench;

import dev.lanyard.auth.password.ClientSecrets;
import dev.lanyard.auth.password.PasswordHasher;
import org.bouncycastle.crypto.generators.OpenBSDBCrypt;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.concurrent.TimeUnit;

/**
 * The cost of one credential check per scheme, as a login pays it: {@code PasswordHasher.verify} at
 * the default parameters (Argon2id m=19 MiB t=2 p=1; bcrypt cost 10 and PBKDF2-SHA256 at 600,000
 * iterations, OWASP's figure, for imported hashes), {@code verifyDummy} (an unknown user), and the
 * SHA-256 digest check of a generated 256-bit client secret.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class PasswordBenchmark {

    private final PasswordHasher hasher = PasswordHasher.defaults();
    private final char[] password = "correct horse battery staple".toCharArray();
    private String argon2id;
    private String bcrypt;
    private String pbkdf2;
    private String secret;
    private String secretDigest;

    @Setup
    public void setUp() throws GeneralSecurityException {
        argon2id = hasher.hash(password);
        byte[] salt = new byte[16];
        bcrypt = OpenBSDBCrypt.generate("2b", new String(password).getBytes(StandardCharsets.UTF_8), salt, 10);
        byte[] dk = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256")
                .generateSecret(new PBEKeySpec(password, salt, 600_000, 256)).getEncoded();
        Base64.Encoder b64 = Base64.getEncoder().withoutPadding();
        pbkdf2 = "$pbkdf2-sha256$i=600000,l=32$" + b64.encodeToString(salt) + "$" + b64.encodeToString(dk);
        secret = ClientSecrets.generate();
        secretDigest = ClientSecrets.digest(secret);
    }

    @Benchmark
    public boolean argon2idDefaults() {
        return hasher.verify(password, argon2id);
    }

    @Benchmark
    public void unknownUserDummy() {
        hasher.verifyDummy(password);
    }

    @Benchmark
    public boolean bcryptCost10() {
        return hasher.verify(password, bcrypt);
    }

    @Benchmark
    public boolean pbkdf2Sha256Iterations600k() {
        return hasher.verify(password, pbkdf2);
    }

    @Benchmark
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public boolean generatedClientSecretDigest() {
        return ClientSecrets.matchesDigest(secret, secretDigest);
    }
}
