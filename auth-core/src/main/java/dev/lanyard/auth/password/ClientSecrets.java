package dev.lanyard.auth.password;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Objects;

/**
 * Generated client secrets and their stored digests.
 *
 * <pre>{@code
 * String secret = ClientSecrets.generate();           // 43 url-safe chars: show once to the client owner
 * String stored = ClientSecrets.digest(secret);       // "$sha256$<43 chars>": keep this
 *
 * boolean ok = ClientSecrets.isDigest(stored)
 *         ? ClientSecrets.matchesDigest(presented, stored)
 *         : hasher.verify(presented.toCharArray(), stored);   // a human-chosen secret
 * }</pre>
 *
 * <p>A generated secret is 32 bytes (256 bits) from {@link SecureRandom}. Nobody can guess or brute-force
 * 2<sup>256</sup> values, so a slow hash would add nothing but cost: a single SHA-256 is as safe as
 * Argon2id for it and keeps client authentication cheap.
 *
 * <p><b>Rule:</b> a client secret chosen by a person (or imported in plain text from another system)
 * has far less entropy and must go through {@link PasswordHasher#hash} instead. {@link #digest} refuses
 * secrets shorter than 32 characters to catch the obvious mistakes, but it cannot tell a long
 * human-chosen secret from a generated one.
 */
public final class ClientSecrets {

    /** Prefix of a stored digest: {@code $sha256$} then SHA-256 in standard base64 without padding. */
    static final String DIGEST_PREFIX = "$sha256$";
    static final int SECRET_BYTES = 32;
    static final int MIN_DIGESTED_LENGTH = 32;
    private static final int DIGEST_TEXT_LENGTH = 43;

    private static final SecureRandom RANDOM = new SecureRandom();

    private ClientSecrets() {
    }

    /**
     * A new secret: 32 random bytes in base64url without padding, 43 characters.
     *
     * @return the secret, to show once and store only as its {@link #digest}
     */
    public static String generate() {
        byte[] bytes = new byte[SECRET_BYTES];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /**
     * The digest to store for a generated secret: {@code $sha256$} then SHA-256 of its UTF-8 bytes in
     * standard base64 without padding.
     *
     * @param secret the generated secret
     * @return the digest, starting with {@code $sha256$}
     * @throws IllegalArgumentException if the secret is shorter than 32 characters, so cannot be one
     *         {@link #generate} made
     */
    public static String digest(String secret) {
        Objects.requireNonNull(secret, "secret");
        if (secret.length() < MIN_DIGESTED_LENGTH) {
            throw new IllegalArgumentException("a secret shorter than " + MIN_DIGESTED_LENGTH
                    + " characters is not a generated one: hash it with PasswordHasher, or use ClientSecrets.generate()");
        }
        return DIGEST_PREFIX + Base64.getEncoder().withoutPadding().encodeToString(sha256(secret));
    }

    /**
     * Whether a presented secret matches a stored digest, compared in constant time.
     *
     * @param secret the presented secret
     * @param digest the stored digest
     * @return true when the secret's digest is the stored one
     * @throws IllegalArgumentException if {@code digest} is not a digest {@link #digest} makes
     */
    public static boolean matchesDigest(String secret, String digest) {
        Objects.requireNonNull(secret, "secret");
        Objects.requireNonNull(digest, "digest");
        byte[] expected = decode(digest);
        if (expected == null) {
            throw new IllegalArgumentException("value is not a client secret digest: expected " + DIGEST_PREFIX
                    + " and 43 characters of base64 (the value is not shown)");
        }
        return MessageDigest.isEqual(sha256(secret), expected);
    }

    /**
     * Whether a stored value is a digest {@link #digest} makes (rather than a password hash).
     *
     * @param value a stored secret hash
     * @return true for a {@code $sha256$} digest
     */
    public static boolean isDigest(String value) {
        Objects.requireNonNull(value, "value");
        return decode(value) != null;
    }

    private static byte[] decode(String value) {
        if (!value.startsWith(DIGEST_PREFIX) || value.length() != DIGEST_PREFIX.length() + DIGEST_TEXT_LENGTH) {
            return null;
        }
        String text = value.substring(DIGEST_PREFIX.length());
        try {
            byte[] bytes = Base64.getDecoder().decode(text);
            boolean canonical = Base64.getEncoder().withoutPadding().encodeToString(bytes).equals(text);
            return canonical ? bytes : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static byte[] sha256(String secret) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JDK has no SHA-256, which every Java SE JDK must have", e);
        }
    }
}
