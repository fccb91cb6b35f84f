package dev.lanyard.auth.servlet.internal;

/**
 * Checks of configuration values that end up in HTTP headers: header names and auth schemes (RFC 9110
 * tokens) and realms (a quoted string, so no quotes or backslashes). Each message names the setting.
 */
public final class HttpSyntax {

    private HttpSyntax() {
    }

    /** An RFC 9110 token, such as a header name or an auth scheme. */
    public static String token(String value, String setting) {
        if (value == null || !value.matches("[A-Za-z0-9!#$%&'*+.^_`|~-]+")) {
            throw new IllegalArgumentException(setting + " must be an HTTP token (letters, digits, - and the like), got '"
                    + value + "'");
        }
        return value;
    }

    /** A realm for {@code WWW-Authenticate}: printable ASCII without quotes or backslashes. */
    public static String realm(String value) {
        if (value == null || value.isEmpty() || !value.matches("[\\x20-\\x7e]+") || value.indexOf('"') >= 0
                || value.indexOf('\\') >= 0) {
            throw new IllegalArgumentException("realm must be printable ASCII without quotes or backslashes");
        }
        return value;
    }
}
