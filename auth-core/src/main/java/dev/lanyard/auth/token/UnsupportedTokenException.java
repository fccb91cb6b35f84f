package dev.lanyard.auth.token;

/**
 * The token's header asks for something this verifier refuses: an algorithm outside the allow-list
 * (including {@code none} in any spelling), an embedded or remote key ({@code jwk}, {@code jku},
 * {@code x5u}, {@code x5c}), a {@code crit} extension, or a {@code typ} other than {@code at+jwt}.
 */
public class UnsupportedTokenException extends InvalidTokenException {

    private static final long serialVersionUID = 1L;

    public UnsupportedTokenException(String message) {
        super(message);
    }

    public UnsupportedTokenException(String message, Throwable cause) {
        super(message, cause);
    }
}
