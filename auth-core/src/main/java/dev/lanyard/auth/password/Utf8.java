package dev.lanyard.auth.password;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CoderResult;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** Encodes a password to UTF-8 without a String copy, so every byte that held it can be zeroed. */
final class Utf8 {

    /** A UTF-16 code unit never takes more than three bytes in UTF-8 (a surrogate pair takes four for two). */
    private static final int MAX_BYTES_PER_CHAR = 3;

    private Utf8() {
    }

    /**
     * The UTF-8 bytes of {@code chars}, or {@code null} when they are not Unicode text (an unpaired
     * surrogate). The caller zeroes the result after use.
     */
    static byte[] encode(char[] chars) {
        // Sized for the worst case up front: a growing buffer would leave copies of the password behind.
        ByteBuffer out = ByteBuffer.allocate(chars.length * MAX_BYTES_PER_CHAR);
        try {
            CharsetEncoder encoder = StandardCharsets.UTF_8.newEncoder();
            CoderResult result = encoder.encode(CharBuffer.wrap(chars), out, true);
            if (result.isError() || encoder.flush(out).isError()) {
                return null;
            }
            return Arrays.copyOf(out.array(), out.position());
        } finally {
            Arrays.fill(out.array(), (byte) 0);
        }
    }
}
