package dev.lanyard.auth.password;

/**
 * A chosen password or client secret breaks the {@link PasswordPolicy} (too short or too long). An
 * {@link IllegalArgumentException}, as every other invalid value given to the admin operations, so the
 * admin API and registration answer it with 400 {@code invalid_request} and the CLI prints it as a usage
 * error. The message says what is wrong and never holds the value.
 *
 * <pre>{@code
 * try {
 *     userAdmin.setPassword(userId, typed);
 * } catch (PasswordPolicyException e) {
 *     System.err.println(e.getMessage());     // "the password must be at least 8 characters long"
 * }
 * }</pre>
 */
public class PasswordPolicyException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    /**
     * Reports a password or secret the policy refuses.
     *
     * @param message what was wrong, safe to show the caller: it never holds a secret or token
     */
    public PasswordPolicyException(String message) {
        super(message);
    }
}
