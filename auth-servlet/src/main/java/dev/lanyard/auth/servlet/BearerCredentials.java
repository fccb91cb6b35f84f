package dev.lanyard.auth.servlet;

import dev.lanyard.auth.InvalidRequestException;
import dev.lanyard.auth.AuthException;

import java.util.Objects;
import java.util.Optional;

/**
 * Reads the token out of an authorization header value per RFC 6750 section 2.1:
 * {@code <scheme> 1*SP b64token}, the scheme matched case-insensitively. The header name and scheme
 * are the caller's choice ({@code Authorization: Bearer} by default; some APIs use
 * {@code X-Simplicite-Authorization: Bearer}).
 *
 * <pre>{@code
 * Optional<String> token = BearerCredentials.parse(request.getHeader("Authorization"), "Bearer");
 * }</pre>
 */
public final class BearerCredentials {

    private BearerCredentials() {
    }

    /**
     * The token in {@code headerValue}, or empty when the header is absent or uses another scheme
     * (so that, for example, a Basic header on the same path is left to other filters).
     *
     * @param headerValue the raw header value; null when the header is absent
     * @param scheme      the expected scheme, such as {@code Bearer}, matched case-insensitively; not null
     * @return the token without the scheme; empty when absent or of another scheme
     * @throws AuthException {@code invalid_request} when the scheme matches but no well-formed token follows
     */
    public static Optional<String> parse(String headerValue, String scheme) {
        Objects.requireNonNull(scheme, "scheme");
        if (headerValue == null) {
            return Optional.empty();
        }
        if (!headerValue.regionMatches(true, 0, scheme, 0, scheme.length())) {
            return Optional.empty();
        }
        if (headerValue.length() == scheme.length()) {
            throw malformed("the " + scheme + " credentials are empty");
        }
        if (headerValue.charAt(scheme.length()) != ' ') {
            return Optional.empty(); // another scheme that merely starts with the same letters
        }
        int start = scheme.length();
        while (start < headerValue.length() && headerValue.charAt(start) == ' ') {
            start++;
        }
        String token = headerValue.substring(start);
        if (token.isEmpty()) {
            throw malformed("the " + scheme + " credentials are empty");
        }
        if (!isB64Token(token)) {
            throw malformed("the " + scheme + " credentials are not a single b64token (RFC 6750 section 2.1)");
        }
        return Optional.of(token);
    }

    private static boolean isB64Token(String token) {
        int i = 0;
        int n = token.length();
        while (i < n && isB64TokenChar(token.charAt(i))) {
            i++;
        }
        if (i == 0) {
            return false;
        }
        while (i < n && token.charAt(i) == '=') {
            i++;
        }
        return i == n;
    }

    private static boolean isB64TokenChar(char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                || c == '-' || c == '.' || c == '_' || c == '~' || c == '+' || c == '/';
    }

    private static AuthException malformed(String message) {
        return new InvalidRequestException(message);
    }
}
