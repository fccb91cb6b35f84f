package dev.lanyard.auth.examples;

import dev.lanyard.auth.key.KeyEncryptionKey;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.function.UnaryOperator;

/**
 * The key-encryption key that seals the private keys of a database key ring ({@code --jdbc-url}):
 * {@code --key-encryption-key-file FILE} or the environment variable {@value #ENV}, never stored in
 * the database or the data directory. Without either, a database key ring is refused: a key
 * generated into {@code --data} would have to be copied to every node, the very shared file the
 * database ring removes, and would sit beside the database it protects.
 */
final class KeyEncryptionOptions {

    /** The environment variable holding the key in base64. */
    static final String ENV = "LANYARD_KEY_ENCRYPTION_KEY";

    @Option(names = "--key-encryption-key-file", paramLabel = "FILE",
            description = "With --jdbc-url: the key-encryption key that seals the key ring's private keys in the "
                    + "database, 32 random bytes in base64 (create one with: openssl rand -base64 32); the same on "
                    + "every node, kept out of the database. Or set " + ENV + " to the key itself.")
    Path file;

    /** The key given, or null when neither the option nor {@value #ENV} gives one. */
    KeyEncryptionKey orNull() {
        return resolve(file, System::getenv);
    }

    /**
     * The key from the file or the variable {@code env} names; null when neither is given.
     *
     * @throws IllegalArgumentException when both are given, or the key is malformed
     */
    static KeyEncryptionKey resolve(Path file, UnaryOperator<String> env) {
        String variable = env.apply(ENV);
        boolean fromEnv = variable != null && !variable.isBlank();
        if (file != null && fromEnv) {
            throw new IllegalArgumentException("give the key-encryption key once: --key-encryption-key-file or "
                    + ENV + ", not both");
        }
        if (file != null) {
            return KeyEncryptionKey.fromFile(file);
        }
        return fromEnv ? KeyEncryptionKey.parse(variable, "the environment variable " + ENV) : null;
    }

    /** The refusal of a database key ring without a key-encryption key. */
    static IllegalArgumentException missing() {
        return new IllegalArgumentException("a key ring in the database (--jdbc-url) needs a key-encryption key to"
                + " seal its private keys: give --key-encryption-key-file FILE or set " + ENV
                + " (create one with: openssl rand -base64 32), the same on every node");
    }
}
