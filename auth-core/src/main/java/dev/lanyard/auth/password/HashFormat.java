package dev.lanyard.auth.password;

import java.util.Base64;

/**
 * Shared parsing of stored hashes. Every failure is an {@link IllegalArgumentException} that names what
 * is wrong and never echoes the value: an "imported hash" may well be a plain-text password.
 */
final class HashFormat {

    /** Longer than any hash we accept (two 128-byte fields in base64 and the parameters); checked first. */
    static final int MAX_ENCODED_LENGTH = 512;

    private static final String SUPPORTED = "supported: $argon2id$ (v=19), bcrypt $2a$/$2b$/$2y$, "
            + "$pbkdf2-sha256$ (PHC or passlib form); the value is not shown as it may be a password";

    private static final Base64.Encoder ENCODER = Base64.getEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getDecoder();

    private HashFormat() {
    }

    /** The value is not in any format this package knows. */
    static IllegalArgumentException unsupported() {
        return new IllegalArgumentException("value is not a supported password hash (" + SUPPORTED + ")");
    }

    /** The value names a known scheme but is broken or out of bounds; {@code reason} says what to fix. */
    static IllegalArgumentException malformed(String reason) {
        return malformed(reason, null);
    }

    static IllegalArgumentException malformed(String reason, Throwable cause) {
        return new IllegalArgumentException("value is not a supported password hash: " + reason + " (" + SUPPORTED + ")",
                cause);
    }

    /** A decimal within {@code [min, max]}; the caller's pattern has matched 1 to 10 ASCII digits. */
    static int boundedInt(String digits, int min, int max, String what) {
        long value = Long.parseLong(digits);
        if (value < min || value > max) {
            throw malformed(what + " must be between " + min + " and " + max);
        }
        return (int) value;
    }

    /** Standard base64 without padding, as the PHC string format and the argon2 reference write it. */
    static String encodeBase64(byte[] bytes) {
        return ENCODER.encodeToString(bytes);
    }

    /**
     * Decodes PHC base64 (standard alphabet, no padding) and checks the length. Only the canonical form
     * is accepted: unused trailing bits must be zero, as the argon2 reference decoder requires.
     */
    static byte[] decodeBase64(String text, int minBytes, int maxBytes, String what) {
        byte[] bytes;
        try {
            bytes = DECODER.decode(text);
        } catch (IllegalArgumentException e) {
            throw malformed(what + " is not valid unpadded base64");
        }
        if (!ENCODER.encodeToString(bytes).equals(text)) {
            throw malformed(what + " is not canonical unpadded base64");
        }
        if (bytes.length < minBytes || bytes.length > maxBytes) {
            throw malformed(what + " must be " + minBytes + " to " + maxBytes + " bytes long");
        }
        return bytes;
    }

    /** passlib's "adapted base64": the standard alphabet with {@code .} for {@code +}, no padding. */
    static byte[] decodeAdaptedBase64(String text, int minBytes, int maxBytes, String what) {
        if (text.indexOf('+') >= 0) {
            throw malformed(what + " is not passlib adapted base64 ('.' stands for '+')");
        }
        return decodeBase64(text.replace('.', '+'), minBytes, maxBytes, what);
    }
}
