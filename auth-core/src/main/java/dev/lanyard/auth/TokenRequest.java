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

    public static final String CLIENT_CREDENTIALS = "client_credentials";
    public static final String PASSWORD = "password";
    public static final String REFRESH_TOKEN = "refresh_token";
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

    /** Any grant type; unknown ones are refused by the service with {@code unsupported_grant_type}. */
    public static Builder builder(String grantType) {
        return new Builder(grantType);
    }

    public static Builder clientCredentials(String clientId, String clientSecret) {
        return builder(CLIENT_CREDENTIALS).client(clientId, clientSecret);
    }

    public static Builder password(String clientId, String clientSecret, String username, char[] password) {
        return builder(PASSWORD).client(clientId, clientSecret).username(username).password(password);
    }

    public static Builder refreshToken(String clientId, String clientSecret, String refreshToken) {
        return builder(REFRESH_TOKEN).client(clientId, clientSecret).refreshToken(refreshToken);
    }

    public static Builder authorizationCode(String clientId, String clientSecret, String code, String redirectUri,
                                            String codeVerifier) {
        return builder(AUTHORIZATION_CODE).client(clientId, clientSecret).code(code).redirectUri(redirectUri)
                .codeVerifier(codeVerifier);
    }

    public String grantType() {
        return grantType;
    }

    public Optional<String> clientId() {
        return Optional.ofNullable(clientId);
    }

    public Optional<String> clientSecret() {
        return Optional.ofNullable(clientSecret);
    }

    /** The raw {@code scope} parameter: space-separated, or empty when absent. */
    public Optional<String> scope() {
        return Optional.ofNullable(scope);
    }

    public Optional<String> username() {
        return Optional.ofNullable(username);
    }

    /** A copy of the password; the caller should clear it after use. */
    public Optional<char[]> password() {
        return Optional.ofNullable(password).map(char[]::clone);
    }

    public Optional<String> refreshToken() {
        return Optional.ofNullable(refreshToken);
    }

    public Optional<String> code() {
        return Optional.ofNullable(code);
    }

    public Optional<String> redirectUri() {
        return Optional.ofNullable(redirectUri);
    }

    public Optional<String> codeVerifier() {
        return Optional.ofNullable(codeVerifier);
    }

    /** The caller's address, for throttling; empty when unknown. */
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

        /** The client's id and secret (null for a public client), from Basic auth or the body. */
        public Builder client(String clientId, String clientSecret) {
            this.clientId = clientId;
            this.clientSecret = clientSecret;
            return this;
        }

        public Builder scope(String scope) {
            this.scope = scope;
            return this;
        }

        public Builder username(String username) {
            this.username = username;
            return this;
        }

        public Builder password(char[] password) {
            this.password = password == null ? null : password.clone();
            return this;
        }

        public Builder refreshToken(String refreshToken) {
            this.refreshToken = refreshToken;
            return this;
        }

        public Builder code(String code) {
            this.code = code;
            return this;
        }

        public Builder redirectUri(String redirectUri) {
            this.redirectUri = redirectUri;
            return this;
        }

        public Builder codeVerifier(String codeVerifier) {
            this.codeVerifier = codeVerifier;
            return this;
        }

        public Builder remoteAddress(String remoteAddress) {
            this.remoteAddress = remoteAddress;
            return this;
        }

        public TokenRequest build() {
            TokenRequest request = new TokenRequest(this);
            if (password != null) {
                Arrays.fill(password, '\0');
            }
            return request;
        }
    }
}
