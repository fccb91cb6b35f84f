package dev.lanyard.auth.password;

import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.generators.PKCS5S2ParametersGenerator;
import org.bouncycastle.crypto.params.KeyParameter;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Writes PBKDF2-SHA256 hashes the way other systems do, for round trips. Derives with Bouncy Castle, an
 * implementation independent of the JDK one the code under test uses.
 */
final class Pbkdf2Encoding {

    private Pbkdf2Encoding() {
    }

    static byte[] derive(String password, byte[] salt, int iterations, int bytes) {
        PKCS5S2ParametersGenerator generator = new PKCS5S2ParametersGenerator(new SHA256Digest());
        generator.init(password.getBytes(StandardCharsets.UTF_8), salt, iterations);
        return ((KeyParameter) generator.generateDerivedParameters(bytes * Byte.SIZE)).getKey();
    }

    /** {@code $pbkdf2-sha256$i=<iterations>,l=<bytes>$<salt>$<hash>}, standard base64 without padding. */
    static String phc(String password, byte[] salt, int iterations, int bytes) {
        return "$pbkdf2-sha256$i=" + iterations + ",l=" + bytes + "$" + b64(salt) + "$"
                + b64(derive(password, salt, iterations, bytes));
    }

    /** passlib's {@code $pbkdf2-sha256$<iterations>$<salt>$<hash>}, adapted base64 ('.' for '+'). */
    static String passlib(String password, byte[] salt, int iterations) {
        return "$pbkdf2-sha256$" + iterations + "$" + ab64(salt) + "$" + ab64(derive(password, salt, iterations, 32));
    }

    static String b64(byte[] bytes) {
        return Base64.getEncoder().withoutPadding().encodeToString(bytes);
    }

    static String ab64(byte[] bytes) {
        return b64(bytes).replace('+', '.');
    }
}
