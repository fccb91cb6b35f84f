package dev.lanyard.auth;

import dev.lanyard.auth.client.ClientCredential;
import dev.lanyard.auth.internal.Identifiers;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A token request as RFC 6749 defines it, already taken out of HTTP: the grant type, the client's
 * {@link ClientCredential} (as it was sent), and the request's parameters as received, with typed
 * getters for RFC 6749's own. Build one per request with the
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
    private final ClientCredential credential;
    private final Map<String, List<String>> parameters;
    private final char[] password;
    private final String remoteAddress;

    private TokenRequest(Builder b) {
        this.grantType = b.grantType;
        this.credential = b.credential;
        Map<String, List<String>> copy = new LinkedHashMap<>();
        b.parameters.forEach((name, values) -> copy.put(name, List.copyOf(values)));
        this.parameters = Collections.unmodifiableMap(copy);
        this.password = b.password == null ? null : b.password.clone();
        this.remoteAddress = b.remoteAddress;
    }

    /**
     * Any grant type; unknown ones are refused by the service with {@code unsupported_grant_type}.
     *
     * <pre>{@code
     * TokenRequest request = TokenRequest.builder("urn:example:grant-type:otp")
     *         .client(ClientCredential.basic("my-app", secret))
     *         .parameter("otp", "123456")
     *         .build();
     * }</pre>
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
        return credential == null ? Optional.empty() : credential.clientId();
    }

    /**
     * The client's secret, when its credential is one.
     *
     * @return the secret; empty for a public client, an assertion or none sent
     */
    public Optional<String> clientSecret() {
        return credential == null ? Optional.empty() : credential.secret();
    }

    /**
     * What the client presented to authenticate.
     *
     * @return the credential; empty when the request carries none (a first-party or client-code request)
     */
    public Optional<ClientCredential> credential() {
        return Optional.ofNullable(credential);
    }

    /**
     * Every request parameter as received, by name (a name may come more than once; RFC 6749 section
     * 3.2 forbids it, and {@link #parameter} refuses it). The typed getters read from here; a grant of
     * its own reads its parameters here.
     *
     * @return an unmodifiable map of unmodifiable lists, in the order received
     */
    public Map<String, List<String>> parameters() {
        return parameters;
    }

    /**
     * One request parameter.
     *
     * <pre>{@code
     * String otp = request.parameter("otp").orElseThrow(() -> new InvalidRequestException("otp is required"));
     * }</pre>
     *
     * @param name the parameter's name
     * @return its value; empty when absent
     * @throws InvalidRequestException ({@code invalid_request}) when it was given more than once
     */
    public Optional<String> parameter(String name) {
        List<String> values = parameters.get(Objects.requireNonNull(name, "name"));
        if (values == null || values.isEmpty()) {
            return Optional.empty();
        }
        if (values.size() > 1) {
            throw new InvalidRequestException("the parameter '" + printable(name) + "' is given more than once");
        }
        return Optional.ofNullable(values.get(0));
    }

    /**
     * The raw {@code scope} parameter: space-separated, or empty when absent.
     *
     * @return the parameter as received; empty asks for the client's default scopes
     */
    public Optional<String> scope() {
        return parameter("scope");
    }

    /**
     * The user's name, for the password grant.
     *
     * @return the username; empty when not given
     */
    public Optional<String> username() {
        return parameter("username");
    }

    /**
     * A copy of the password; the caller should clear it after use.
     *
     * @return a new copy at each call; empty when not given
     */
    public Optional<char[]> password() {
        if (password != null) {
            return Optional.of(password.clone());
        }
        return parameter("password").map(String::toCharArray);
    }

    /**
     * The refresh token, for the refresh grant.
     *
     * @return the token; empty when not given
     */
    public Optional<String> refreshToken() {
        return parameter("refresh_token");
    }

    /**
     * The authorization or client code.
     *
     * @return the code; empty when not given
     */
    public Optional<String> code() {
        return parameter("code");
    }

    /**
     * The redirect URI of the authorization request.
     *
     * @return the URI; empty when not given
     */
    public Optional<String> redirectUri() {
        return parameter("redirect_uri");
    }

    /**
     * The PKCE code verifier.
     *
     * @return the verifier; empty when not given
     */
    public Optional<String> codeVerifier() {
        return parameter("code_verifier");
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
        return "TokenRequest[grant_type=" + Identifiers.forLog(grantType) + ", client_id="
                + Identifiers.forLog(clientId().orElse(null)) + ", scope=" + Identifiers.forLog(parameters.containsKey("scope")
                ? String.join(" ", parameters.get("scope")) : null) + "]";
    }

    private static String printable(String s) {
        String cut = s.length() > 64 ? s.substring(0, 64) + "..." : s;
        return cut.replaceAll("[^\\x20-\\x7e]", "?");
    }

    /** Builds a {@link TokenRequest}. */
    public static final class Builder {
        private final String grantType;
        private ClientCredential credential;
        private final Map<String, List<String>> parameters = new LinkedHashMap<>();
        private char[] password;
        private String remoteAddress;

        private Builder(String grantType) {
            this.grantType = grantType;
        }

        /**
         * The client's id and secret (null for a public client), as {@link ClientCredential#of} takes them.
         *
         * @param clientId     the client's id
         * @param clientSecret the client's secret; null for a public client
         * @return this builder
         */
        public Builder client(String clientId, String clientSecret) {
            this.credential = clientId == null && clientSecret == null ? null : ClientCredential.of(clientId, clientSecret);
            return this;
        }

        /**
         * What the client presented to authenticate, as the HTTP layer read it.
         *
         * @param credential the credential; null for none
         * @return this builder
         */
        public Builder client(ClientCredential credential) {
            this.credential = credential;
            return this;
        }

        /**
         * Adds a request parameter as received; call once per occurrence. The typed setters below set the
         * RFC 6749 ones.
         *
         * @param name  the parameter's name
         * @param value its value; null is ignored
         * @return this builder
         */
        public Builder parameter(String name, String value) {
            Objects.requireNonNull(name, "name");
            if (value != null) {
                parameters.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
            }
            return this;
        }

        private Builder set(String name, String value) {
            parameters.remove(name);
            return parameter(name, value);
        }

        /**
         * The requested scopes.
         *
         * @param scope space-separated scopes; null for the client's default
         * @return this builder
         */
        public Builder scope(String scope) {
            return set("scope", scope);
        }

        /**
         * The user's name, for the password grant.
         *
         * @param username the name as typed
         * @return this builder
         */
        public Builder username(String username) {
            return set("username", username);
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
            return set("refresh_token", refreshToken);
        }

        /**
         * The authorization or client code.
         *
         * @param code the code as received
         * @return this builder
         */
        public Builder code(String code) {
            return set("code", code);
        }

        /**
         * The redirect URI, repeated from the authorization request.
         *
         * @param redirectUri the URI as received
         * @return this builder
         */
        public Builder redirectUri(String redirectUri) {
            return set("redirect_uri", redirectUri);
        }

        /**
         * The PKCE code verifier.
         *
         * @param codeVerifier the verifier as received
         * @return this builder
         */
        public Builder codeVerifier(String codeVerifier) {
            return set("code_verifier", codeVerifier);
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
