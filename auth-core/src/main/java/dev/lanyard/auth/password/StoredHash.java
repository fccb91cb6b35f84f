package dev.lanyard.auth.password;

/** A parsed stored password hash, checked for sane bounds before any work is spent on it. */
sealed interface StoredHash permits Argon2idHash, BcryptHash, Pbkdf2Sha256Hash {

    /**
     * Whether the password matches, comparing derived bytes in constant time.
     *
     * @param password the password as given (PBKDF2 hands it to the JDK, which encodes UTF-8 itself)
     * @param utf8 the same password as UTF-8 bytes
     */
    boolean matches(char[] password, byte[] utf8);

    /**
     * Parses any supported format.
     *
     * @throws IllegalArgumentException when the value is not a supported hash or is malformed; the
     *         message never contains the value
     */
    static StoredHash parse(String encoded) {
        if (encoded.length() > HashFormat.MAX_ENCODED_LENGTH) {
            throw HashFormat.malformed("longer than " + HashFormat.MAX_ENCODED_LENGTH + " characters");
        }
        if (encoded.startsWith(Argon2idHash.PREFIX)) {
            return Argon2idHash.parse(encoded);
        }
        if (encoded.startsWith(Pbkdf2Sha256Hash.PREFIX)) {
            return Pbkdf2Sha256Hash.parse(encoded);
        }
        if (BcryptHash.looksLikeBcrypt(encoded)) {
            return BcryptHash.parse(encoded);
        }
        throw HashFormat.unsupported();
    }
}
