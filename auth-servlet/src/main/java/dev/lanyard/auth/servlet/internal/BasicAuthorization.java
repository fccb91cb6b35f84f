package dev.lanyard.auth.servlet.internal;

import dev.lanyard.auth.OAuthError;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;

/**
 * A user's HTTP Basic credentials as RFC 7617 defines them: base64 of {@code user-id ":" password} in
 * UTF-8, split at the first colon, and <b>not</b> form-decoded (unlike a client's credentials under
 * RFC 6749 section 2.3.1, which {@link Requests#basic} reads): a password holding {@code +} or
 * {@code %} is taken as typed. The password is a {@code char[]} the caller clears.
 */
public final class BasicAuthorization {

    private final String username;
    private final char[] password;

    private BasicAuthorization(String username, char[] password) {
        this.username = username;
        this.password = password;
    }

    /**
     * The credentials of an {@code Authorization: Basic ...} header value; empty when the value is
     * null or uses another scheme.
     *
     * @throws HttpException 400 when the credentials are not base64 of UTF-8 text with a colon
     */
    public static Optional<BasicAuthorization> parse(String header) {
        if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
            return Optional.empty();
        }
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(header.substring(6).trim());
        } catch (IllegalArgumentException e) {
            throw new HttpException(400, OAuthError.INVALID_REQUEST, "the Basic credentials are not valid base64");
        }
        char[] chars = decode(bytes);
        try {
            int colon = indexOf(chars, ':');
            if (colon < 0) {
                throw new HttpException(400, OAuthError.INVALID_REQUEST, "the Basic credentials have no ':'");
            }
            return Optional.of(new BasicAuthorization(new String(chars, 0, colon),
                    Arrays.copyOfRange(chars, colon + 1, chars.length)));
        } finally {
            Arrays.fill(chars, '\0');
        }
    }

    public String username() {
        return username;
    }

    /** The password itself (not a copy); clear it with {@link #clear()} after use. */
    public char[] password() {
        return password;
    }

    public void clear() {
        Arrays.fill(password, '\0');
    }

    @Override
    public String toString() {
        return "BasicAuthorization[" + username + "]";
    }

    private static char[] decode(byte[] bytes) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        try {
            CharBuffer buffer = decoder.decode(ByteBuffer.wrap(bytes));
            char[] chars = new char[buffer.remaining()];
            buffer.get(chars);
            if (buffer.hasArray()) {
                Arrays.fill(buffer.array(), '\0');
            }
            return chars;
        } catch (CharacterCodingException e) {
            throw new HttpException(400, OAuthError.INVALID_REQUEST, "the Basic credentials are not UTF-8 text");
        } finally {
            Arrays.fill(bytes, (byte) 0);
        }
    }

    private static int indexOf(char[] chars, char c) {
        for (int i = 0; i < chars.length; i++) {
            if (chars[i] == c) {
                return i;
            }
        }
        return -1;
    }
}
