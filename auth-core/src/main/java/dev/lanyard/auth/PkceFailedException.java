package dev.lanyard.auth;

/**
 * The PKCE {@code code_verifier} is missing, malformed, or does not match the code's challenge, or is
 * sent for a code without one ({@code invalid_grant}, RFC 7636 section 4.6).
 *
 * <pre>{@code
 * try {
 *     tokens.grant(request);
 * } catch (PkceFailedException e) {
 *     // the code was stolen, or the client lost its verifier
 * }
 * }</pre>
 */
public final class PkceFailedException extends InvalidGrantException {

    private static final long serialVersionUID = 1L;

    /**
     * A failed PKCE check.
     *
     * @param message what was wrong, also the {@code error_description}
     */
    public PkceFailedException(String message) {
        super(message);
    }
}
