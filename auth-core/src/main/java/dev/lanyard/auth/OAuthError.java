package dev.lanyard.auth;

/**
 * The OAuth 2.0 error codes Lanyard reports (RFC 6749 section 5.2, RFC 6750 section 3.1, and the
 * registry entries for server errors). Every {@link AuthException} carries one; only the servlet layer
 * turns them into HTTP statuses.
 *
 * <pre>{@code
 * try {
 *     verifier.verify(token);
 * } catch (AuthException e) {
 *     String code = e.error().code(); // "invalid_token"
 * }
 * }</pre>
 */
public enum OAuthError {
    INVALID_REQUEST("invalid_request"),
    INVALID_CLIENT("invalid_client"),
    INVALID_GRANT("invalid_grant"),
    UNAUTHORIZED_CLIENT("unauthorized_client"),
    UNSUPPORTED_GRANT_TYPE("unsupported_grant_type"),
    INVALID_SCOPE("invalid_scope"),
    INVALID_TOKEN("invalid_token"),
    INSUFFICIENT_SCOPE("insufficient_scope"),
    SERVER_ERROR("server_error"),
    TEMPORARILY_UNAVAILABLE("temporarily_unavailable");

    private final String code;

    OAuthError(String code) {
        this.code = code;
    }

    /** The code as it appears on the wire, for example {@code invalid_token}. */
    public String code() {
        return code;
    }
}
