package dev.lanyard.auth;

/**
 * An authorization code presented a second time ({@code invalid_grant}); the tokens its first use
 * issued have been revoked (RFC 6749 section 4.1.2).
 *
 * <pre>{@code
 * try {
 *     tokens.grant(request);
 * } catch (CodeReplayedException e) {
 *     audit.warn("authorization code replayed");
 * }
 * }</pre>
 */
public final class CodeReplayedException extends InvalidGrantException {

    private static final long serialVersionUID = 1L;

    /**
     * A replayed code.
     *
     * @param message what was wrong, also the {@code error_description}
     */
    public CodeReplayedException(String message) {
        super(message);
    }
}
