package dev.lanyard.auth.user;

/**
 * A username that RFC 8265's UsernameCaseMapped profile (PRECIS) disallows: empty, with a space, a
 * control or invisible character (U+200B), a symbol or a compatibility character (Roman numeral
 * {@code Ⅳ}, ligature {@code ﬁ}), or mixing right-to-left and left-to-right letters. The message
 * names the rule and the code point (as {@code U+XXXX}), never the username itself.
 *
 * <pre>{@code
 * try {
 *     User.usernameKey(input);
 * } catch (InvalidUsernameException e) {
 *     return badRequest(e.getMessage()); // "username: RFC 8265 does not allow U+200B (position 4)"
 * }
 * }</pre>
 */
public final class InvalidUsernameException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    /**
     * Reports a username that may not be stored.
     *
     * @param message what was wrong, safe to show the caller: it never holds a secret or token
     */
    public InvalidUsernameException(String message) {
        super(message);
    }
}
