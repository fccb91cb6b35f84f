package dev.lanyard.auth;

/**
 * Authentication failed. Deliberately vague towards the caller: an unknown user, a wrong password
 * and a disabled account all give the same message, so that the answer reveals nothing; the real
 * reason goes to the {@link dev.lanyard.auth.event.AuthEventListener}. Maps to {@code invalid_grant}
 * for users and {@code invalid_client} for clients.
 *
 * <pre>{@code
 * try {
 *     User user = authenticator.authenticate("alice", password, remoteAddress);
 * } catch (InvalidCredentialsException e) {
 *     respond(401, e.error().code(), e.getMessage());
 * }
 * }</pre>
 */
public class InvalidCredentialsException extends AuthException {

    private static final long serialVersionUID = 1L;

    private InvalidCredentialsException(OAuthError error, String message) {
        super(error, message);
    }

    /**
     * The failure of a username and password.
     *
     * @return an {@code invalid_grant} that does not say which part was wrong
     */
    public static InvalidCredentialsException forUser() {
        return new InvalidCredentialsException(OAuthError.INVALID_GRANT, "invalid username or password");
    }

    /**
     * The failure of a client id and secret.
     *
     * @return an {@code invalid_client} that does not say which part was wrong
     */
    public static InvalidCredentialsException forClient() {
        return new InvalidCredentialsException(OAuthError.INVALID_CLIENT, "client authentication failed");
    }

    /**
     * The failure of a client credential that says what was wrong with it, where that tells an
     * attacker nothing he does not know already: what a client assertion he built himself lacks, or
     * that a client does not authenticate the way he tried.
     *
     * <pre>{@code
     * throw InvalidCredentialsException.forClient("the client assertion has expired");
     * }</pre>
     *
     * @param problem what was wrong; never the credential itself
     * @return an {@code invalid_client} whose description is {@code "client authentication failed: " + problem}
     */
    public static InvalidCredentialsException forClient(String problem) {
        return new InvalidCredentialsException(OAuthError.INVALID_CLIENT, "client authentication failed: "
                + java.util.Objects.requireNonNull(problem, "problem"));
    }
}
