package dev.lanyard.auth.password;

import dev.lanyard.auth.TemporarilyUnavailableException;
import dev.lanyard.auth.AuthException;
import dev.lanyard.auth.OAuthError;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Hashes passwords with Argon2id and verifies stored hashes: its own Argon2id PHC strings, and bcrypt and
 * PBKDF2-SHA256 hashes imported from other systems. Immutable and thread-safe; build one and share it.
 *
 * <pre>{@code
 * PasswordHasher hasher = PasswordHasher.defaults();    // or .builder().argon2id(65536, 3, 1).build()
 *
 * String stored = hasher.hash(password);                 // "$argon2id$v=19$m=19456,t=2,p=1$...$..."
 *
 * Optional<User> user = users.find(username);
 * if (user.isEmpty()) {
 *     hasher.verifyDummy(password);                      // an unknown user costs what a wrong password does
 *     return false;
 * }
 * boolean ok = hasher.verify(password, user.get().passwordHash());
 * if (ok && hasher.needsRehash(user.get().passwordHash())) {
 *     users.updatePasswordHash(username, hasher.hash(password));
 * }
 * Arrays.fill(password, '\0');
 * }</pre>
 *
 * <p><b>Argon2id</b> (RFC 9106, version 0x13) is the only scheme new hashes use: a 16-byte salt from
 * {@link SecureRandom}, a 32-byte hash, encoded as the reference implementation does
 * ({@code $argon2id$v=19$m=<KiB>,t=<iterations>,p=<parallelism>$<salt>$<hash>}, standard base64 without
 * padding). The default parameters are OWASP's first recommendation: m=19456 KiB (19 MiB), t=2, p=1.
 *
 * <p><b>Verification</b> also accepts, for imported hashes:
 * <ul>
 *   <li>bcrypt {@code $2a$}, {@code $2b$}, {@code $2y$}, cost 4 to 16. bcrypt only reads the first 72
 *       bytes of the UTF-8 password: two passwords that share those 72 bytes verify alike;</li>
 *   <li>PBKDF2-HMAC-SHA256 as a PHC string {@code $pbkdf2-sha256$i=<iterations>,l=<bytes>$<salt>$<hash>}
 *       or in passlib's form {@code $pbkdf2-sha256$<iterations>$<salt>$<hash>} (adapted base64).</li>
 * </ul>
 * <b>Cost caps.</b> A stored hash carries its own cost, so before any work is spent it must be within
 * this hasher's caps, by default Argon2id m at most 131072 KiB (128 MiB), t at most 10, p at most 16;
 * bcrypt cost at most 14; PBKDF2 at most 2,000,000 iterations ({@link Builder#maxArgon2idCost},
 * {@link Builder#maxBcryptCost}, {@link Builder#maxPbkdf2Iterations}); the caps are never below this
 * hasher's own Argon2id parameters. Importers refuse a hash above them ({@link #checkHash}), and
 * {@link #verify} refuses one that is already stored, so that one imported hash cannot become a denial
 * of service. A value that is not a supported hash, is malformed or is above the caps makes
 * {@link #verify} throw {@link IllegalArgumentException} with a message that says what is wrong and
 * never contains the value.
 *
 * <p><b>Passwords</b> are {@code char[]}: they are encoded to UTF-8 here and the bytes are zeroed after
 * use; zeroing the array itself is the caller's job. No Unicode normalisation is applied.
 */
public final class PasswordHasher {

    static final int DEFAULT_MEMORY_KIB = 19_456;
    static final int DEFAULT_ITERATIONS = 2;
    static final int DEFAULT_PARALLELISM = 1;
    static final int MIN_MEMORY_KIB = 8_192;
    static final int MAX_PARALLELISM = 16;
    static final int SALT_BYTES = 16;
    static final int HASH_BYTES = 32;

    private static final SecureRandom RANDOM = new SecureRandom();

    private final int memoryKiB;
    private final int iterations;
    private final int parallelism;
    /** Random salt and random "hash": no password matches it, but checking one costs a real Argon2id run. */
    private final String dummyHash;
    /**
     * Slow hashes run at most this many at once: each Argon2id run holds 19 MiB, so a burst of logins
     * must queue rather than exhaust the heap. A caller that waits too long gets temporarily_unavailable.
     */
    private final Semaphore slots;
    private final Duration slotWait;
    private final CostCaps caps;

    private PasswordHasher(int memoryKiB, int iterations, int parallelism, int maxConcurrent, Duration slotWait,
                           CostCaps caps) {
        this.caps = caps;
        this.memoryKiB = memoryKiB;
        this.iterations = iterations;
        this.parallelism = parallelism;
        this.slots = new Semaphore(maxConcurrent, true);
        this.slotWait = slotWait;
        this.dummyHash = new Argon2idHash(memoryKiB, iterations, parallelism, randomBytes(SALT_BYTES),
                randomBytes(HASH_BYTES)).encode();
    }

    /**
     * A hasher with OWASP's Argon2id parameters: m=19456 KiB (19 MiB), t=2, p=1.
     *
     * @return a new thread-safe hasher
     */
    public static PasswordHasher defaults() {
        return builder().build();
    }

    /**
     * A builder; without settings it builds the same hasher as {@link #defaults()}.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Hashes a new password with this hasher's Argon2id parameters and a fresh random salt.
     *
     * @param password the plain-text password; not kept, and the caller may clear it afterwards
     * @return a PHC string, e.g. {@code $argon2id$v=19$m=19456,t=2,p=1$<salt>$<hash>}
     * @throws IllegalArgumentException if the password is empty or is not Unicode text (an unpaired
     *         surrogate)
     */
    public String hash(char[] password) {
        Objects.requireNonNull(password, "password");
        if (password.length == 0) {
            throw new IllegalArgumentException("password must not be empty; reject empty passwords before hashing");
        }
        byte[] utf8 = Utf8.encode(password);
        if (utf8 == null) {
            throw new IllegalArgumentException(
                    "password is not valid Unicode text (it holds an unpaired surrogate char); reject it at input");
        }
        byte[] salt = randomBytes(SALT_BYTES);
        byte[] hash = null;
        acquire();
        try {
            hash = Argon2idHash.derive(utf8, salt, memoryKiB, iterations, parallelism, HASH_BYTES);
            return new Argon2idHash(memoryKiB, iterations, parallelism, salt, hash).encode();
        } finally {
            slots.release();
            Arrays.fill(utf8, (byte) 0);
            if (hash != null) {
                Arrays.fill(hash, (byte) 0);
            }
        }
    }

    /**
     * Checks a password against a stored hash of any supported scheme, whatever its parameters (within
     * the bounds above). Derived bytes are compared in constant time.
     *
     * @param password the presented password
     * @param encoded the stored hash
     * @return whether the password matches; {@code false} for an empty password or one that is not
     *         Unicode text
     * @throws IllegalArgumentException if {@code encoded} is not a supported password hash or is malformed
     */
    public boolean verify(char[] password, String encoded) {
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(encoded, "encoded");
        StoredHash stored = accepted(encoded);
        if (password.length == 0) {
            return false;
        }
        byte[] utf8 = Utf8.encode(password);
        if (utf8 == null) {
            return false;
        }
        acquire();
        try {
            return stored.matches(password, utf8);
        } finally {
            slots.release();
            Arrays.fill(utf8, (byte) 0);
        }
    }

    private void acquire() {
        boolean acquired;
        try {
            acquired = slots.tryAcquire(slotWait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            acquired = false;
        }
        if (!acquired) {
            throw new TemporarilyUnavailableException("too many password checks are running at once; try again shortly");
        }
    }

    /**
     * Whether a stored hash should be replaced by {@link #hash} at the next successful login: it is not
     * Argon2id, or its memory, iterations, parallelism, salt length or hash length differ from this
     * hasher's.
     *
     * @param encoded the stored hash, which just verified
     * @return true when it should be replaced by a new hash from {@link #hash}
     * @throws IllegalArgumentException if {@code encoded} is not a supported password hash or is malformed
     */
    public boolean needsRehash(String encoded) {
        Objects.requireNonNull(encoded, "encoded");
        StoredHash stored = StoredHash.parse(encoded);
        return !(stored instanceof Argon2idHash argon2
                && argon2.hasSettings(memoryKiB, iterations, parallelism, SALT_BYTES, HASH_BYTES));
    }

    /**
     * Whether a value, e.g. from an import file, is a hash {@link #verify} accepts (keep it as it is)
     * rather than a plain-text password (hash it). A value that starts with {@code $} but is not
     * supported is more likely a hash in a foreign or broken format than a password: an importer should
     * report it rather than hash it as plain text. Generated client-secret digests are recognised by
     * {@link ClientSecrets#isDigest}, not here.
     *
     * @param value a stored or imported value
     * @return true when it is a hash in a format this hasher verifies
     */
    public boolean isSupportedHash(String value) {
        Objects.requireNonNull(value, "value");
        try {
            accepted(value);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /**
     * Checks a hash given from outside (an import file, an admin call) before it is stored: it must be a
     * supported, well-formed hash within this hasher's cost caps.
     *
     * <pre>{@code
     * try {
     *     hasher.checkHash(entry.password());
     * } catch (IllegalArgumentException e) {
     *     throw new ImportException("users.yaml: entry 3: " + e.getMessage());   // never holds the value
     * }
     * }</pre>
     *
     * @param encoded the hash to check
     * @throws IllegalArgumentException saying what is wrong (the format, or which parameter is above which
     *         cap); the message never contains the value
     */
    public void checkHash(String encoded) {
        Objects.requireNonNull(encoded, "encoded");
        accepted(encoded);
    }

    private StoredHash accepted(String encoded) {
        StoredHash stored = StoredHash.parse(encoded);
        caps.check(stored);
        return stored;
    }

    /**
     * Runs an Argon2id verification of the password against a dummy hash with this hasher's parameters
     * and throws the result away, so that answering "unknown user" costs the same time as a wrong
     * password for a known user with a current hash. Always returns normally for a non-null password.
     *
     * @param password the presented password
     */
    public void verifyDummy(char[] password) {
        Objects.requireNonNull(password, "password");
        verify(password, dummyHash);
    }

    /** The slots of concurrent hashes; for tests. */
    Semaphore slots() {
        return slots;
    }

    /** The hash {@link #verifyDummy} checks against; for tests. */
    String dummyHash() {
        return dummyHash;
    }

    @Override
    public String toString() {
        return "PasswordHasher[argon2id m=" + memoryKiB + " KiB, t=" + iterations + ", p=" + parallelism + "]";
    }

    private static byte[] randomBytes(int n) {
        byte[] bytes = new byte[n];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

    /**
     * Builds a {@link PasswordHasher}. Values are checked when given.
     *
     * <pre>{@code
     * PasswordHasher hasher = PasswordHasher.builder()
     *         .argon2id(47104, 1, 1)      // OWASP's alternative: 46 MiB, 1 pass
     *         .build();
     * }</pre>
     */
    public static final class Builder {
        private boolean argon2idSet;
        private int memoryKiB = DEFAULT_MEMORY_KIB;
        private int iterations = DEFAULT_ITERATIONS;
        private int parallelism = DEFAULT_PARALLELISM;
        private int maxConcurrent = Math.max(2, 2 * Runtime.getRuntime().availableProcessors());
        private Duration slotWait = Duration.ofSeconds(5);
        private Integer maxMemoryKiB;
        private Integer maxIterations;
        private Integer maxParallelism;
        private int maxBcryptCost = CostCaps.DEFAULTS.bcryptCost();
        private int maxPbkdf2Iterations = CostCaps.DEFAULTS.pbkdf2Iterations();

        private Builder() {
        }

        /**
         * The highest Argon2id parameters a stored or imported hash may have; default m=131072 KiB (128 MiB),
         * t=10, p=16, raised to this hasher's own parameters when those are higher. Each verification of such
         * a hash holds its memory in one of the {@link #maxConcurrent} slots: mind the product.
         *
         * <pre>{@code
         * PasswordHasher.builder().maxArgon2idCost(262144, 4, 8).build();   // accept Django-style hashes up to 256 MiB
         * }</pre>
         *
         * @param memoryKiB   the most memory, in KiB
         * @param iterations  the most passes
         * @param parallelism the most lanes
         * @return this builder
         * @throws IllegalArgumentException if a value is below 1 or above the format's own bounds
         *         (1048576 KiB, 100 passes, 64 lanes)
         */
        public Builder maxArgon2idCost(int memoryKiB, int iterations, int parallelism) {
            requireRange(memoryKiB, 8, Argon2idHash.MAX_MEMORY_KIB, "max memoryKiB", "default 131072");
            requireRange(iterations, 1, Argon2idHash.MAX_ITERATIONS, "max iterations", "default 10");
            requireRange(parallelism, 1, Argon2idHash.MAX_PARALLELISM, "max parallelism", "default 16");
            this.maxMemoryKiB = memoryKiB;
            this.maxIterations = iterations;
            this.maxParallelism = parallelism;
            return this;
        }

        /**
         * The highest bcrypt cost a stored or imported hash may have, 4 to 16; default 14.
         *
         * @param cost the cost, 4 to 16
         * @return this builder
         * @throws IllegalArgumentException when it is outside 4 to 16
         */
        public Builder maxBcryptCost(int cost) {
            requireRange(cost, BcryptHash.MIN_COST, BcryptHash.MAX_COST, "maxBcryptCost", "default 14");
            this.maxBcryptCost = cost;
            return this;
        }

        /**
         * The most PBKDF2-SHA256 iterations a stored or imported hash may have; default 2,000,000.
         *
         * @param iterations at least 1
         * @return this builder
         * @throws IllegalArgumentException when it is out of range
         */
        public Builder maxPbkdf2Iterations(int iterations) {
            requireRange(iterations, 1, Pbkdf2Sha256Hash.MAX_ITERATIONS, "maxPbkdf2Iterations", "default 2000000");
            this.maxPbkdf2Iterations = iterations;
            return this;
        }

        /**
         * How many password hashes may be computed at once (each Argon2id run holds its memory); others
         * wait up to {@code wait}, then fail with {@code temporarily_unavailable}. Default: twice the
         * processors, 5 seconds.
         *
         * @param hashes how many hashes at once, at least 1
         * @param wait   how long a hash waits for a slot; zero fails at once
         * @return this builder
         * @throws IllegalArgumentException when {@code hashes} is under 1 or {@code wait} is null or negative
         */
        public Builder maxConcurrent(int hashes, Duration wait) {
            if (hashes < 1) {
                throw new IllegalArgumentException("maxConcurrent must be at least 1");
            }
            if (wait == null || wait.isNegative()) {
                throw new IllegalArgumentException("wait must be zero or positive");
            }
            this.maxConcurrent = hashes;
            this.slotWait = wait;
            return this;
        }

        /**
         * The Argon2id parameters of new hashes; default OWASP's m=19456 KiB (19 MiB), t=2, p=1. Raising
         * memory or iterations makes every login slower and every guess costlier; measure on the
         * production machine.
         *
         * @param memoryKiB memory in KiB, 8192 (8 MiB) to 1048576 (1 GiB)
         * @param iterations passes over memory, 1 to 100
         * @param parallelism lanes, 1 to 16 (Bouncy Castle computes them one after the other)
         * @throws IllegalArgumentException if a value is out of range
         * @return this builder
         * @throws IllegalStateException if the parameters were already set
         */
        public Builder argon2id(int memoryKiB, int iterations, int parallelism) {
            if (argon2idSet) {
                throw new IllegalStateException("argon2id parameters were already set on this builder");
            }
            requireRange(memoryKiB, MIN_MEMORY_KIB, Argon2idHash.MAX_MEMORY_KIB, "memoryKiB",
                    "OWASP recommends 19456 (19 MiB) with iterations=2");
            requireRange(iterations, 1, Argon2idHash.MAX_ITERATIONS, "iterations", "OWASP recommends 2 with 19456 KiB");
            requireRange(parallelism, 1, MAX_PARALLELISM, "parallelism", "OWASP recommends 1");
            this.memoryKiB = memoryKiB;
            this.iterations = iterations;
            this.parallelism = parallelism;
            this.argon2idSet = true;
            return this;
        }

        /**
         * The hasher; cheap to build (no hash is computed), so tests can make many.
         *
         * @return the thread-safe hasher
         * @throws IllegalStateException if the Argon2id caps are below this hasher's own parameters (its own
         *         hashes would be refused)
         */
        public PasswordHasher build() {
            if (maxMemoryKiB != null && (maxMemoryKiB < memoryKiB || maxIterations < iterations
                    || maxParallelism < parallelism)) {
                throw new IllegalStateException("maxArgon2idCost (m=" + maxMemoryKiB + ", t=" + maxIterations + ", p="
                        + maxParallelism + ") is below the hasher's own argon2id parameters (m=" + memoryKiB + ", t="
                        + iterations + ", p=" + parallelism + "): its own hashes would be refused");
            }
            CostCaps d = CostCaps.DEFAULTS;
            CostCaps caps = new CostCaps(
                    maxMemoryKiB != null ? maxMemoryKiB : Math.max(d.argon2MemoryKiB(), memoryKiB),
                    maxIterations != null ? maxIterations : Math.max(d.argon2Iterations(), iterations),
                    maxParallelism != null ? maxParallelism : Math.max(d.argon2Parallelism(), parallelism),
                    maxBcryptCost, maxPbkdf2Iterations);
            return new PasswordHasher(memoryKiB, iterations, parallelism, maxConcurrent, slotWait, caps);
        }

        private static void requireRange(int value, int min, int max, String name, String advice) {
            if (value < min || value > max) {
                throw new IllegalArgumentException(
                        name + " must be between " + min + " and " + max + " (" + advice + "), got " + value);
            }
        }
    }
}
