package dev.lanyard.auth.password;

import dev.lanyard.auth.internal.OptionalDependency;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

import java.security.MessageDigest;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code $argon2id$v=19$m=<KiB>,t=<passes>,p=<lanes>$<salt>$<hash>}, as the reference implementation
 * writes it. Bounds keep an imported hash from becoming a denial of service: at most 1 GiB of memory,
 * 100 passes, 64 lanes; salt and hash of 8 to 128 bytes.
 */
final class Argon2idHash implements StoredHash {

    static final String PREFIX = "$argon2id$";
    static final int VERSION = Argon2Parameters.ARGON2_VERSION_13; // 0x13 = 19
    static final int MIN_MEMORY_PER_LANE_KIB = 8;
    static final int MAX_MEMORY_KIB = 1024 * 1024;
    static final int MAX_ITERATIONS = 100;
    static final int MAX_PARALLELISM = 64;
    static final int MIN_BYTES = 8;
    static final int MAX_BYTES = 128;

    private static final String NUMBER = "(0|[1-9][0-9]{0,9})";
    private static final Pattern FORMAT = Pattern.compile("\\$argon2id\\$v=" + NUMBER + "\\$m=" + NUMBER + ",t=" + NUMBER
            + ",p=" + NUMBER + "\\$([A-Za-z0-9+/]+)\\$([A-Za-z0-9+/]+)");

    private final int memoryKiB;
    private final int iterations;
    private final int parallelism;
    private final byte[] salt;
    private final byte[] hash;

    Argon2idHash(int memoryKiB, int iterations, int parallelism, byte[] salt, byte[] hash) {
        this.memoryKiB = memoryKiB;
        this.iterations = iterations;
        this.parallelism = parallelism;
        this.salt = salt.clone();
        this.hash = hash.clone();
    }

    static Argon2idHash parse(String encoded) {
        Matcher m = FORMAT.matcher(encoded);
        if (!m.matches()) {
            throw HashFormat.malformed(
                    "an argon2id hash reads $argon2id$v=19$m=<KiB>,t=<iterations>,p=<parallelism>$<salt>$<hash>");
        }
        if (!m.group(1).equals(Integer.toString(VERSION))) {
            throw HashFormat.malformed("only argon2id version 19 (0x13) is supported");
        }
        int parallelism = HashFormat.boundedInt(m.group(4), 1, MAX_PARALLELISM, "argon2id parallelism (p)");
        int memory = HashFormat.boundedInt(m.group(2), MIN_MEMORY_PER_LANE_KIB * parallelism, MAX_MEMORY_KIB,
                "argon2id memory (m, KiB, at least 8 per lane)");
        int iterations = HashFormat.boundedInt(m.group(3), 1, MAX_ITERATIONS, "argon2id iterations (t)");
        byte[] salt = HashFormat.decodeBase64(m.group(5), MIN_BYTES, MAX_BYTES, "argon2id salt");
        byte[] hash = HashFormat.decodeBase64(m.group(6), MIN_BYTES, MAX_BYTES, "argon2id hash");
        return new Argon2idHash(memory, iterations, parallelism, salt, hash);
    }

    static byte[] derive(byte[] password, byte[] salt, int memoryKiB, int iterations, int parallelism, int length) {
        OptionalDependency.BOUNCY_CASTLE.require("Argon2id password hashing");
        Argon2Parameters parameters = new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
                .withVersion(VERSION)
                .withMemoryAsKB(memoryKiB)
                .withIterations(iterations)
                .withParallelism(parallelism)
                .withSalt(salt)
                .build();
        try {
            Argon2BytesGenerator generator = new Argon2BytesGenerator();
            generator.init(parameters);
            byte[] out = new byte[length];
            generator.generateBytes(password, out);
            return out;
        } finally {
            parameters.clear();
        }
    }

    String encode() {
        return PREFIX + "v=" + VERSION + "$m=" + memoryKiB + ",t=" + iterations + ",p=" + parallelism + "$"
                + HashFormat.encodeBase64(salt) + "$" + HashFormat.encodeBase64(hash);
    }

    @Override
    public boolean matches(char[] password, byte[] utf8) {
        byte[] actual = derive(utf8, salt, memoryKiB, iterations, parallelism, hash.length);
        try {
            return MessageDigest.isEqual(actual, hash);
        } finally {
            Arrays.fill(actual, (byte) 0);
        }
    }

    /** Whether this hash was made with exactly these settings (and so needs no rehash). */
    boolean hasSettings(int memoryKiB, int iterations, int parallelism, int saltBytes, int hashBytes) {
        return this.memoryKiB == memoryKiB && this.iterations == iterations && this.parallelism == parallelism
                && salt.length == saltBytes && hash.length == hashBytes;
    }

    int memoryKiB() {
        return memoryKiB;
    }

    int iterations() {
        return iterations;
    }

    int parallelism() {
        return parallelism;
    }

    int saltLength() {
        return salt.length;
    }

    int hashLength() {
        return hash.length;
    }

    @Override
    public String toString() {
        return "argon2id(m=" + memoryKiB + ",t=" + iterations + ",p=" + parallelism + ")";
    }
}
