package dev.lanyard.auth.password;

import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * PBKDF2-HMAC-SHA256 for imported hashes, in two encodings:
 * <ul>
 *   <li>the PHC form {@code $pbkdf2-sha256$i=<iterations>[,l=<bytes>]$<salt>$<hash>}, standard base64
 *       without padding;</li>
 *   <li>passlib's form {@code $pbkdf2-sha256$<iterations>$<salt>$<hash>}, passlib's adapted base64
 *       ({@code .} for {@code +}, no padding).</li>
 * </ul>
 * Bounds: 1 to 5,000,000 iterations, a salt of 4 to 128 bytes, a hash of 8 to 64 bytes (two SHA-256
 * blocks; longer output only multiplies the defender's work).
 */
final class Pbkdf2Sha256Hash implements StoredHash {

    static final String PREFIX = "$pbkdf2-sha256$";
    static final int MAX_ITERATIONS = 5_000_000;
    static final int MIN_SALT_BYTES = 4;
    static final int MAX_SALT_BYTES = 128;
    static final int MIN_HASH_BYTES = 8;
    static final int MAX_HASH_BYTES = 64;

    private static final String NUMBER = "(0|[1-9][0-9]{0,9})";
    private static final Pattern PHC = Pattern.compile(
            "\\$pbkdf2-sha256\\$i=" + NUMBER + "(?:,l=" + NUMBER + ")?\\$([A-Za-z0-9+/]+)\\$([A-Za-z0-9+/]+)");
    private static final Pattern PASSLIB = Pattern.compile(
            "\\$pbkdf2-sha256\\$" + NUMBER + "\\$([A-Za-z0-9./]+)\\$([A-Za-z0-9./]+)");

    private final int iterations;
    private final byte[] salt;
    private final byte[] hash;

    private Pbkdf2Sha256Hash(int iterations, byte[] salt, byte[] hash) {
        this.iterations = iterations;
        this.salt = salt;
        this.hash = hash;
    }

    int iterations() {
        return iterations;
    }

    static Pbkdf2Sha256Hash parse(String encoded) {
        Matcher phc = PHC.matcher(encoded);
        if (phc.matches()) {
            int iterations = iterations(phc.group(1));
            byte[] salt = HashFormat.decodeBase64(phc.group(3), MIN_SALT_BYTES, MAX_SALT_BYTES, "pbkdf2-sha256 salt");
            byte[] hash = HashFormat.decodeBase64(phc.group(4), MIN_HASH_BYTES, MAX_HASH_BYTES, "pbkdf2-sha256 hash");
            if (phc.group(2) != null && !phc.group(2).equals(Integer.toString(hash.length))) {
                throw HashFormat.malformed("pbkdf2-sha256 length (l) differs from the length of the hash");
            }
            return new Pbkdf2Sha256Hash(iterations, salt, hash);
        }
        Matcher passlib = PASSLIB.matcher(encoded);
        if (passlib.matches()) {
            int iterations = iterations(passlib.group(1));
            byte[] salt = HashFormat.decodeAdaptedBase64(passlib.group(2), MIN_SALT_BYTES, MAX_SALT_BYTES,
                    "pbkdf2-sha256 salt");
            byte[] hash = HashFormat.decodeAdaptedBase64(passlib.group(3), MIN_HASH_BYTES, MAX_HASH_BYTES,
                    "pbkdf2-sha256 hash");
            return new Pbkdf2Sha256Hash(iterations, salt, hash);
        }
        throw HashFormat.malformed("a pbkdf2-sha256 hash reads $pbkdf2-sha256$i=<iterations>,l=<bytes>$<salt>$<hash>"
                + " (PHC) or $pbkdf2-sha256$<iterations>$<salt>$<hash> (passlib)");
    }

    private static int iterations(String digits) {
        return HashFormat.boundedInt(digits, 1, MAX_ITERATIONS, "pbkdf2-sha256 iterations");
    }

    @Override
    public boolean matches(char[] password, byte[] utf8) {
        // The JDK encodes the chars as UTF-8 itself; the caller has checked they are valid Unicode.
        PBEKeySpec spec = new PBEKeySpec(password, salt, iterations, hash.length * Byte.SIZE);
        byte[] actual = null;
        try {
            actual = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
            return MessageDigest.isEqual(actual, hash);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JDK cannot run PBKDF2WithHmacSHA256, which every Java SE 8+ JDK has", e);
        } finally {
            spec.clearPassword();
            if (actual != null) {
                Arrays.fill(actual, (byte) 0);
            }
        }
    }

    @Override
    public String toString() {
        return "pbkdf2-sha256(i=" + iterations + ")";
    }
}
