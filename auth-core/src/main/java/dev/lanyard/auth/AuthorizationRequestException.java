package dev.lanyard.auth;

/**
 * An authorization request (RFC 6749 section 4.1.1) that is refused, saying whether the refusal may be
 * sent to the client's redirect URI. It may not when the client or the redirect URI itself is what is
 * wrong (section 4.1.2.1: the user is told instead, and never sent to an unverified URI); it may for
 * anything found after those two checked out (PKCE, scopes, the grant not allowed to the client).
 *
 * <pre>{@code
 * try {
 *     tokens.checkAuthorizationRequest(request);
 * } catch (AuthorizationRequestException e) {
 *     if (e.redirectable()) {
 *         redirect(request.redirectUri(), e.error().code(), e.description());
 *     } else {
 *         showErrorPage(e.description());
 *     }
 * }
 * }</pre>
 */
public final class AuthorizationRequestException extends AuthException {

    private static final long serialVersionUID = 1L;

    /** Whether the error may go to the redirect URI. */
    private final boolean redirectable;

    /**
     * A refused authorization request.
     *
     * @param error        the code, such as {@code invalid_request} or {@code invalid_scope}
     * @param redirectable whether the client's redirect URI was verified, so the error may go there
     * @param message      what was wrong, also the {@code error_description}
     */
    public AuthorizationRequestException(OAuthError error, boolean redirectable, String message) {
        super(error, message);
        this.redirectable = redirectable;
    }

    /**
     * Whether the error may be sent to the redirect URI of the request.
     *
     * @return true once the client and its redirect URI checked out
     */
    public boolean redirectable() {
        return redirectable;
    }
}
