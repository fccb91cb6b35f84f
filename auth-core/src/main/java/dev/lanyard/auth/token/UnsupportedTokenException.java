package dev.lanyard.auth.token;

/**
 * The token's header asks for something this verifier refuses: an algorithm outside the allow-list
 * (including {@code none} in any spelling), an embedded or remote key ({@code jwk}, {@code jku},
 * {@code x5u}, {@code x5c}), a {@code crit} extension, or a {@code typ} other than {@code at+jwt}.
 */
public class UnsupportedTokenException extends InvalidTokenException {

    private static final long serialVersionUID = 1L;

    /**
     * Refuses a token, for the reason this class names.
     *
     * @param message what was wrong, safe to show the caller: it never holds a secret or token
     */
    public UnsupportedTokenException(String message) {
        super(message);
    }

    /**
     * Refuses a token, for the reason this class names, with the failure behind it.
     *
     * @param message what was wrong, safe to show the caller: it never holds a secret or token
     * @param cause   the parser's or library's exception
     */
    public UnsupportedTokenException(String message, Throwable cause) {
        super(message, cause);
    }
}
