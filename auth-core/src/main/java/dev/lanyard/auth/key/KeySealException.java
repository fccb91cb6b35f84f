package dev.lanyard.auth.key;

/**
 * A sealed private key could not be opened: no key-encryption key was given, it is not the one the
 * key was sealed under, or the sealed bytes (or the row around them) were altered. The message names
 * the key id and the key-encryption key's id, never key material.
 *
 * <pre>{@code
 * try {
 *     keys = KeyManager.builder().store(new JdbcKeyRingStore(dataSource, kek)).build();
 * } catch (KeySealException e) {
 *     System.err.println(e.getMessage()); // e.g. "... sealed under key-encryption key kek-1a2b..., given kek-9f8e..."
 * }
 * }</pre>
 */
public final class KeySealException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    /**
     * A failure to open (or seal) a private key.
     *
     * @param message what failed and what to do, without key material
     * @param cause   the cipher's exception, or null
     */
    public KeySealException(String message, Throwable cause) {
        super(message, cause);
    }
}
