package dev.lanyard.auth;

import dev.lanyard.auth.internal.Identifiers;

import java.util.Arrays;
import java.util.Optional;

/**
 * A token request as RFC 6749 defines it, already taken out of HTTP: the grant type, the client's
 * credentials (however they were sent), and the grant's parameters. Build one per request with the
 * static factory for the grant, or {@link #builder(String)} for anything.
 *
 * <pre>{@code
 * TokenRequest cc = TokenRequest.clientCredentials("my-app", secret).scope("orders:read").build();
 * TokenRequest pw = TokenRequest.password("web", secret, "alice", "wonderland".toCharArray()).build();
 * TokenRequest rt = TokenRequest.refreshToken("web", secret, refreshToken).build();
 * TokenRequest ac = TokenRequest.authorizationCode("spa", null, code, redirectUri, verifier).build();
 * TokenResponse response = tokenService.grant(cc);
 * }</pre>
 *
 * <p>{@link #toString()} never shows a secret, password, code or token.
 */
public final class TokenRequest {

    /** The {@code grant_type} of the client credentials grant (RFC 6749 section 4.4). */
    public static final String CLIENT_CREDENTIALS = "client_credentials";
    /** The {@code grant_type} of the resource owner password grant (RFC 6749 section 4.3). */
    public static final String PASSWORD = "password";
    /** The {@code grant_type} of a refresh (RFC 6749 section 6). */
    public static final String REFRESH_TOKEN = "refresh_token";
    /** The {@code grant_type} of the authorization code grant (RFC 6749 section 4.1). */
    public static final String AUTHORIZATION_CODE = "authorization_code";

    private final String grantType;
    private final String clientId;
    private final String clientSecret;
    private final String scope;
    private final String username;
    private final char[] password;
    private final String refreshToken;
    private final String code;
    private final String redirectUri;
    private final String codeVerifier;
    private final String remoteAddress;

    private TokenRequest(Builder b) {
        this.grantType = b.grantType;
        this.clientId = b.clientId;
        this.clientSecret = b.clientSecret;
        this.scope = b.scope;
        this.username = b.username;
        this.password = b.password == null ? null : b.password.clone();
        this.refreshToken = b.refreshToken;
        this.code = b.code;
        this.redirectUri = b.redirectUri;
        this.codeVerifier = b.codeVerifier;
        this.remoteAddress = b.remoteAddress;
    }

    /**
     * Any grant type; unknown ones are refused by the service with {@code unsupported_grant_type}.
     *
     * @param grantType the {@code grant_type} parameter as received
     * @return a builder with no client and no parameters
     */
    public static Builder builder(String grantType) {
        return new Builder(grantType);
    }

    /**
     * Starts a client credentials request.
     *
     * @param clientId     the client's id
     * @param clientSecret the client's secret
     * @return a builder to add the scope to
     */
    public static Builder clientCredentials(String clientId, String clientSecret) {
        return builder(CLIENT_CREDENTIALS).client(clientId, clientSecret);
    }

    /**
     * Starts a resource owner password request.
     *
     * @param clientId     the client's id
     * @param clientSecret the client's secret; null for a public client
     * @param username     the user's name
     * @param password     the user's password; copied, so the caller may clear its array at once
     * @return a builder to add the scope to
     */
    public static Builder password(String clientId, String clientSecret, String username, char[] password) {
        return builder(PASSWORD).client(clientId, clientSecret).username(username).password(password);
    }

    /**
     * Starts a refresh request.
     *
     * @param clientId     the client's id
     * @param clientSecret the client's secret; null for a public client
     * @param refreshToken the refresh token to rotate
     * @return a builder to add a narrower scope to
     */
    public static Builder refreshToken(String clientId, String clientSecret, String refreshToken) {
        return builder(REFRESH_TOKEN).client(clientId, clientSecret).refreshToken(refreshToken);
    }

    /**
     * Starts an authorization code request.
     *
     * @param clientId     the client's id
     * @param clientSecret the client's secret; null for a public client
     * @param code         the code the authorization endpoint sent to the redirect URI
     * @param redirectUri  the redirect URI of the authorization request, repeated as RFC 6749 4.1.3 asks
     * @param codeVerifier the PKCE verifier; null when the request had no challenge
     * @return the builder
     */
    public static Builder authorizationCode(String clientId, String clientSecret, String code, String redirectUri,
                                            String codeVerifier) {
        return builder(AUTHORIZATION_CODE).client(clientId, clientSecret).code(code).redirectUri(redirectUri)
                .codeVerifier(codeVerifier);
    }

    /**
     * The grant asked for.
     *
     * @return the {@code grant_type} as given
     */
    public String grantType() {
        return grantType;
    }

    /**
     * The client's id, however it was sent.
     *
     * @return the id; empty when the request named no client
     */
    public Optional<String> clientId() {
        return Optional.ofNullable(clientId);
    }

    /**
     * The client's secret.
     *
     * @return the secret; empty for a public client or none sent
     */
    public Optional<String> clientSecret() {
        return Optional.ofNullable(clientSecret);
    }

    /**
     * The raw {@code scope} parameter: space-separated, or empty when absent.
     *
     * @return the parameter as received; empty asks for the client's default scopes
     */
    public Optional<String> scope() {
        return Optional.ofNullable(scope);
    }

    /**
     * The user's name, for the password grant.
     *
     * @return the username; empty when not given
     */
    public Optional<String> username() {
        return Optional.ofNullable(username);
    }

    /**
     * A copy of the password; the caller should clear it after use.
     *
     * @return a new copy at each call; empty when not given
     */
    public Optional<char[]> password() {
        return Optional.ofNullable(password).map(char[]::clone);
    }

    /**
     * The refresh token, for the refresh grant.
     *
     * @return the token; empty when not given
     */
    public Optional<String> refreshToken() {
        return Optional.ofNullable(refreshToken);
    }

    /**
     * The authorization or client code.
     *
     * @return the code; empty when not given
     */
    public Optional<String> code() {
        return Optional.ofNullable(code);
    }

    /**
     * The redirect URI of the authorization request.
     *
     * @return the URI; empty when not given
     */
    public Optional<String> redirectUri() {
        return Optional.ofNullable(redirectUri);
    }

    /**
     * The PKCE code verifier.
     *
     * @return the verifier; empty when not given
     */
    public Optional<String> codeVerifier() {
        return Optional.ofNullable(codeVerifier);
    }

    /**
     * The caller's address, for throttling; empty when unknown.
     *
     * @return the remote address
     */
    public Optional<String> remoteAddress() {
        return Optional.ofNullable(remoteAddress);
    }

    @Override
    public String toString() {
        // Caller input: escaped, so that logging a request can never forge a log line.
        return "TokenRequest[grant_type=" + Identifiers.forLog(grantType) + ", client_id=" + Identifiers.forLog(clientId)
                + ", scope=" + Identifiers.forLog(scope) + "]";
    }

    /** Builds a {@link TokenRequest}. */
    public static final class Builder {
        private final String grantType;
        private String clientId;
        private String clientSecret;
        private String scope;
        private String username;
        private char[] password;
        private String refreshToken;
        private String code;
        private String redirectUri;
        private String codeVerifier;
        private String remoteAddress;

        private Builder(String grantType) {
            this.grantType = grantType;
        }

        /**
         * The client's id and secret (null for a public client), from Basic auth or the body.
         *
         * @param clientId     the client's id
         * @param clientSecret the client's secret; null for a public client
         * @return this builder
         */
        public Builder client(String clientId, String clientSecret) {
            this.clientId = clientId;
            this.clientSecret = clientSecret;
            return this;
        }

        /**
         * The requested scopes.
         *
         * @param scope space-separated scopes; null for the client's default
         * @return this builder
         */
        public Builder scope(String scope) {
            this.scope = scope;
            return this;
        }

        /**
         * The user's name, for the password grant.
         *
         * @param username the name as typed
         * @return this builder
         */
        public Builder username(String username) {
            this.username = username;
            return this;
        }

        /**
         * The user's password, for the password grant; the builder keeps a copy, cleared by {@link #build()}.
         *
         * @param password the password; the caller may clear its array at once
         * @return this builder
         */
        public Builder password(char[] password) {
            this.password = password == null ? null : password.clone();
            return this;
        }

        /**
         * The refresh token, for the refresh grant.
         *
         * @param refreshToken the token as received
         * @return this builder
         */
        public Builder refreshToken(String refreshToken) {
            this.refreshToken = refreshToken;
            return this;
        }

        /**
         * The authorization or client code.
         *
         * @param code the code as received
         * @return this builder
         */
        public Builder code(String code) {
            this.code = code;
            return this;
        }

        /**
         * The redirect URI, repeated from the authorization request.
         *
         * @param redirectUri the URI as received
         * @return this builder
         */
        public Builder redirectUri(String redirectUri) {
            this.redirectUri = redirectUri;
            return this;
        }

        /**
         * The PKCE code verifier.
         *
         * @param codeVerifier the verifier as received
         * @return this builder
         */
        public Builder codeVerifier(String codeVerifier) {
            this.codeVerifier = codeVerifier;
            return this;
        }

        /**
         * The caller's address, for throttling and events.
         *
         * @param remoteAddress the remote address; null when unknown
         * @return this builder
         */
        public Builder remoteAddress(String remoteAddress) {
            this.remoteAddress = remoteAddress;
            return this;
        }

        /**
         * Builds the request and clears the builder's copy of the password.
         *
         * @return the request; the service checks its parameters
         */
        public TokenRequest build() {
            TokenRequest request = new TokenRequest(this);
            if (password != null) {
                Arrays.fill(password, '\0');
            }
            return request;
        }
    }
}
