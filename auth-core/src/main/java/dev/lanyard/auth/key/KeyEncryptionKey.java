package dev.lanyard.auth.key;

import com.nimbusds.jose.jwk.JWK;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.text.ParseException;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Objects;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The key-encryption key (KEK) that seals the private signing keys a {@link KeyRingStore} keeps at
 * rest, for instance in a database: AES-256-GCM, a fresh random 96-bit nonce for every seal, and as
 * associated data the key's id, this KEK's id and whatever else the caller binds in (a ring store binds
 * the key's role, drop time and ring version), so that a sealed key moved to another row (another
 * kid), relabelled with another KEK id or given another role no longer opens. The operator supplies it from outside the
 * database (a file readable by the service only, or an environment variable) and never stores it
 * beside the keys; a store records only its {@link #id()}, a fingerprint from which the key cannot
 * be recovered.
 *
 * <pre>{@code
 * // once: openssl rand -base64 32 > /etc/lanyard/kek && chmod 600 /etc/lanyard/kek
 * KeyEncryptionKey kek = KeyEncryptionKey.fromFile(Path.of("/etc/lanyard/kek"));
 * KeyEncryptionKey same = KeyEncryptionKey.parse(System.getenv("LANYARD_KEY_ENCRYPTION_KEY"), "LANYARD_KEY_ENCRYPTION_KEY");
 * }</pre>
 *
 * <p>Immutable and thread-safe. {@link #toString()} shows the id only.
 */
public final class KeyEncryptionKey {

    /** The length of the key: AES-256. */
    public static final int LENGTH_BYTES = 32;

    private static final byte FORMAT = 1;
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecretKeySpec key;
    private final String id;

    private KeyEncryptionKey(byte[] raw) {
        this.key = new SecretKeySpec(raw, "AES");
        this.id = fingerprint(raw);
    }

    /**
     * A KEK of these 32 bytes.
     *
     * @param raw 32 random bytes; copied
     * @return the key
     * @throws IllegalArgumentException when {@code raw} is not 32 bytes long
     */
    public static KeyEncryptionKey of(byte[] raw) {
        Objects.requireNonNull(raw, "raw");
        if (raw.length != LENGTH_BYTES) {
            throw new IllegalArgumentException("a key-encryption key must be " + LENGTH_BYTES + " bytes (AES-256), got "
                    + raw.length);
        }
        return new KeyEncryptionKey(raw.clone());
    }

    /**
     * A fresh random KEK.
     *
     * @return the key; keep {@link #encoded()} somewhere the database is not
     */
    public static KeyEncryptionKey generate() {
        byte[] raw = new byte[LENGTH_BYTES];
        RANDOM.nextBytes(raw);
        return new KeyEncryptionKey(raw);
    }

    /**
     * A KEK written as base64 (standard or URL-safe, padded or not, surrounding white space ignored), as
     * {@code openssl rand -base64 32} prints it.
     *
     * @param base64 the encoded key
     * @param source where it came from, for the error message (a file name, an environment variable)
     * @return the key
     * @throws IllegalArgumentException when the text is not base64 of 32 bytes; the message names
     *                                  {@code source}, never the text
     */
    public static KeyEncryptionKey parse(String base64, String source) {
        Objects.requireNonNull(source, "source");
        String text = base64 == null ? "" : base64.strip();
        byte[] raw;
        try {
            raw = (text.indexOf('-') >= 0 || text.indexOf('_') >= 0 ? Base64.getUrlDecoder() : Base64.getDecoder())
                    .decode(text);
        } catch (IllegalArgumentException e) {
            raw = null;
        }
        if (raw == null || raw.length != LENGTH_BYTES) {
            throw new IllegalArgumentException("the key-encryption key in " + source + " must be " + LENGTH_BYTES
                    + " random bytes in base64 (create one with: openssl rand -base64 32), but "
                    + (raw == null ? "it is not base64" : "it decodes to " + raw.length + " bytes"));
        }
        return new KeyEncryptionKey(raw);
    }

    /**
     * A KEK read from a file that holds it in base64 ({@link #parse}).
     *
     * @param file the file; keep it readable by the service only, and off the database's backups
     * @return the key
     * @throws IllegalArgumentException when the file does not hold base64 of 32 bytes
     * @throws UncheckedIOException     when the file cannot be read
     */
    public static KeyEncryptionKey fromFile(Path file) {
        Objects.requireNonNull(file, "file");
        String text;
        try {
            text = Files.readString(file, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the key-encryption key file " + file + ": " + e.getMessage(), e);
        }
        return parse(text, "file " + file);
    }

    /**
     * This KEK's id: {@code kek-} and 16 hex digits of a SHA-256 of the key, stored with each sealed key
     * so that a wrong KEK is told apart from a damaged row.
     *
     * @return the id, safe to log and to store
     */
    public String id() {
        return id;
    }

    /**
     * The key in base64, to write to a file of the operator's.
     *
     * @return the 32 bytes in standard base64
     */
    public String encoded() {
        return Base64.getEncoder().encodeToString(key.getEncoded());
    }

    /**
     * Seals the private part of a key.
     *
     * @param signingKey the key, with its private part
     * @return format byte, nonce and AES-GCM ciphertext with its tag, bound to the key's kid and this KEK's id
     * @throws IllegalArgumentException when the key has no private part
     */
    public byte[] seal(SigningKey signingKey) {
        return seal(signingKey, "");
    }

    /**
     * Seals the private part of a key, bound also to {@code binding}: facts stored beside the sealed
     * bytes that must not change without them, such as the key's role in a ring. {@link #open} then
     * needs the same text.
     *
     * <pre>{@code
     * byte[] sealed = kek.seal(key, "ACTIVE|version 7");
     * SigningKey same = kek.open(key.kid(), kek.id(), sealed, "ACTIVE|version 7");
     * }</pre>
     *
     * @param signingKey the key, with its private part
     * @param binding    further associated data; empty for none
     * @return format byte, nonce and AES-GCM ciphertext with its tag
     * @throws IllegalArgumentException when the key has no private part
     */
    public byte[] seal(SigningKey signingKey, String binding) {
        Objects.requireNonNull(signingKey, "signingKey");
        Objects.requireNonNull(binding, "binding");
        if (!signingKey.canSign()) {
            throw new IllegalArgumentException("key " + signingKey.kid() + " has no private part to seal");
        }
        byte[] plain = signingKey.privateJwk().toJSONString().getBytes(StandardCharsets.UTF_8);
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(associatedData(signingKey.kid(), id, binding));
            byte[] sealed = cipher.doFinal(plain);
            return ByteBuffer.allocate(1 + NONCE_BYTES + sealed.length).put(FORMAT).put(nonce).put(sealed).array();
        } catch (GeneralSecurityException e) {
            throw new KeySealException("cannot seal key " + signingKey.kid() + ": " + e.getMessage(), e);
        } finally {
            Arrays.fill(plain, (byte) 0);
        }
    }

    /**
     * Opens a key sealed by {@link #seal(SigningKey)}.
     *
     * @param kid    the key id the sealed bytes were stored under
     * @param kekId  the KEK id stored with them
     * @param sealed the sealed bytes
     * @return the key, private part included
     * @throws KeySealException when {@code kekId} is not this KEK's id, or the bytes do not open under
     *                          this KEK for this kid (altered, or moved from another row)
     */
    public SigningKey open(String kid, String kekId, byte[] sealed) {
        return open(kid, kekId, sealed, "");
    }

    /**
     * Opens a key sealed by {@link #seal(SigningKey, String)} with this {@code binding}.
     *
     * @param kid     the key id the sealed bytes were stored under
     * @param kekId   the KEK id stored with them
     * @param sealed  the sealed bytes
     * @param binding the associated data given to {@code seal}
     * @return the key, private part included
     * @throws KeySealException when {@code kekId} is not this KEK's id, or the bytes do not open under
     *                          this KEK for this kid and binding (altered, or moved from another row)
     */
    public SigningKey open(String kid, String kekId, byte[] sealed, String binding) {
        Objects.requireNonNull(kid, "kid");
        Objects.requireNonNull(sealed, "sealed");
        Objects.requireNonNull(binding, "binding");
        if (!id.equals(kekId)) {
            throw new KeySealException("key " + kid + " is sealed under key-encryption key " + kekId
                    + ", but the one given is " + id + ": give the key-encryption key the ring was sealed with", null);
        }
        if (sealed.length < 1 + NONCE_BYTES + TAG_BITS / 8 || sealed[0] != FORMAT) {
            throw damaged(kid, null);
        }
        byte[] plain = null;
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, sealed, 1, NONCE_BYTES));
            cipher.updateAAD(associatedData(kid, id, binding));
            plain = cipher.doFinal(sealed, 1 + NONCE_BYTES, sealed.length - 1 - NONCE_BYTES);
            SigningKey opened = SigningKey.fromJwk(JWK.parse(new String(plain, StandardCharsets.UTF_8)));
            if (!opened.kid().equals(kid) || !opened.canSign()) {
                throw damaged(kid, null);
            }
            return opened;
        } catch (AEADBadTagException e) {
            throw damaged(kid, e);
        } catch (GeneralSecurityException | ParseException | IllegalArgumentException e) {
            throw new KeySealException("the sealed key " + kid + " opened but is not a usable key: "
                    + e.getClass().getSimpleName(), e);
        } finally {
            if (plain != null) {
                Arrays.fill(plain, (byte) 0);
            }
        }
    }

    @Override
    public String toString() {
        return "KeyEncryptionKey[" + id + "]";
    }

    private KeySealException damaged(String kid, Throwable cause) {
        return new KeySealException("the sealed private key " + kid + " does not open under key-encryption key " + id
                + ": it or what it is bound to (its role, drop time or ring version) was altered, or it was moved from"
                + " another key's row; restore the ring from a backup or generate a new one", cause);
    }

    private static byte[] associatedData(String kid, String kekId, String binding) {
        return ("lanyard-signing-key\u0000" + kid + "\u0000" + kekId + "\u0000" + binding).getBytes(StandardCharsets.UTF_8);
    }

    private static String fingerprint(byte[] raw) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update("lanyard-kek-id\u0000".getBytes(StandardCharsets.US_ASCII));
            byte[] digest = sha.digest(raw);
            return "kek-" + HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }
}
