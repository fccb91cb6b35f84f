package dev.lanyard.auth.internal;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;

/**
 * Opaque random tokens (refresh tokens, reference access tokens, authorization codes): how they are
 * made, how they are stored (a SHA-256 digest, never the token) and how data can be sealed so that
 * only a token's holder can open it.
 */
public final class Secrets {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final byte[] SEAL_DOMAIN = "lanyard/seal/v1\0".getBytes(StandardCharsets.US_ASCII);
    private static final int NONCE = 12;

    private Secrets() {
    }

    /** 256 random bits, base64url without padding (43 characters). */
    public static String newToken() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return B64.encodeToString(bytes);
    }

    /** A shorter random id (96 bits) for families and the like: unique, not secret. */
    public static String newId() {
        byte[] bytes = new byte[12];
        RANDOM.nextBytes(bytes);
        return B64.encodeToString(bytes);
    }

    /** The stored form of a token: base64url SHA-256. */
    public static String digest(String token) {
        return B64.encodeToString(sha256(token.getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * Encrypts {@code plaintext} (AES-256-GCM) under a key derived from {@code token}. The key is a
     * SHA-256 of the token under a domain prefix, so it differs from the stored digest and cannot be
     * computed from anything the store holds.
     */
    public static byte[] seal(String token, String plaintext) {
        byte[] nonce = new byte[NONCE];
        RANDOM.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key(token), new GCMParameterSpec(128, nonce));
            byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            return ByteBuffer.allocate(NONCE + sealed.length).put(nonce).put(sealed).array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available", e);
        }
    }

    /**
     * Opens what {@link #seal} made with the same token.
     *
     * @throws IllegalArgumentException when the token is not the one it was sealed with, or the data was altered
     */
    public static String open(String token, byte[] sealed) {
        if (sealed == null || sealed.length <= NONCE) {
            throw new IllegalArgumentException("nothing sealed");
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key(token), new GCMParameterSpec(128, sealed, 0, NONCE));
            return new String(cipher.doFinal(sealed, NONCE, sealed.length - NONCE), StandardCharsets.UTF_8);
        } catch (javax.crypto.AEADBadTagException e) {
            throw new IllegalArgumentException("the sealed data does not open with this token", e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available", e);
        }
    }

    private static SecretKeySpec key(String token) {
        byte[] t = token.getBytes(StandardCharsets.UTF_8);
        byte[] input = Arrays.copyOf(SEAL_DOMAIN, SEAL_DOMAIN.length + t.length);
        System.arraycopy(t, 0, input, SEAL_DOMAIN.length, t.length);
        return new SecretKeySpec(sha256(input), "AES");
    }

    private static byte[] sha256(byte[] input) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(input);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }
}
