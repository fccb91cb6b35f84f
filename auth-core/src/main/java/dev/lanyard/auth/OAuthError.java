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
    /** A parameter is missing, repeated, malformed or not allowed here. */
    INVALID_REQUEST("invalid_request"),
    /** The client failed to authenticate. */
    INVALID_CLIENT("invalid_client"),
    /** The code, refresh token or user credentials are invalid, expired, revoked or issued to another client. */
    INVALID_GRANT("invalid_grant"),
    /** The client may not use this grant or operation. */
    UNAUTHORIZED_CLIENT("unauthorized_client"),
    /** The grant type is unknown or not enabled on this service. */
    UNSUPPORTED_GRANT_TYPE("unsupported_grant_type"),
    /** A requested scope is unknown or beyond what the client (or user) may hold. */
    INVALID_SCOPE("invalid_scope"),
    /** An access token is malformed, expired, revoked or fails its checks (RFC 6750). */
    INVALID_TOKEN("invalid_token"),
    /** The access token lacks a scope the resource needs (RFC 6750). */
    INSUFFICIENT_SCOPE("insufficient_scope"),
    /** An unexpected condition on the server kept it from answering the request. */
    SERVER_ERROR("server_error"),
    /** The server cannot handle the request for now; the caller may retry later. */
    TEMPORARILY_UNAVAILABLE("temporarily_unavailable");

    private final String code;

    OAuthError(String code) {
        this.code = code;
    }

    /**
     * The code as it appears on the wire, for example {@code invalid_token}.
     *
     * @return the RFC 6749 error code
     */
    public String code() {
        return code;
    }
}
