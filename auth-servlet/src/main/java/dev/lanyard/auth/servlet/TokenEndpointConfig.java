package dev.lanyard.auth.servlet;

import dev.lanyard.auth.OAuthError;
import dev.lanyard.auth.TokenResponse;
import dev.lanyard.auth.servlet.internal.HttpException;
import dev.lanyard.auth.servlet.internal.HttpSyntax;
import dev.lanyard.auth.servlet.internal.Requests;

import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * How a {@link TokenEndpoint} reads requests and writes responses. {@link #standard()} is RFC 6749;
 * the builder reproduces other token APIs without code.
 *
 * <pre>{@code
 * // POST /apps/auth {"clientId": "...", "clientSecret": "..."} -> {"accessToken", "expiresIn", "tokenType"}
 * TokenEndpointConfig nextome = TokenEndpointConfig.builder()
 *         .json()
 *         .grantType("client_credentials")
 *         .requestField("clientId", "client_id")
 *         .requestField("clientSecret", "client_secret")
 *         .responseField("access_token", "accessToken")
 *         .responseField("expires_in", "expiresIn")
 *         .responseField("token_type", "tokenType")
 *         .statusFor(OAuthError.INVALID_CLIENT, 401)
 *         .build();
 *
 * // GET /authorization/token  grant=grant&code=<client code>  ->  {access_token, refresh_token, type, expires_in}
 * TokenEndpointConfig flask = TokenEndpointConfig.builder()
 *         .allowGet()
 *         .grantType("authorization_code")
 *         .codeIdentifiesClient()
 *         .responseField("token_type", "type")
 *         .tokenTypeValue("bearer")
 *         .build();
 * }</pre>
 */
public final class TokenEndpointConfig {

    private final boolean json;
    private final boolean query;
    private final boolean getAllowed;
    private final String grantType;
    private final String firstPartyClient;
    private final boolean codeIdentifiesClient;
    private final Map<String, String> requestAliases;
    private final Map<String, String> responseNames;
    private final String tokenTypeValue;
    private final boolean refreshExpiresIn;
    private final boolean alwaysScope;
    private final int successStatus;
    private final ErrorWriter errors;
    private final String realm;
    private final int maxBodyBytes;

    private TokenEndpointConfig(Builder b) {
        this.json = b.json;
        this.query = b.query;
        this.getAllowed = b.getAllowed;
        this.grantType = b.grantType;
        this.firstPartyClient = b.firstPartyClient;
        this.codeIdentifiesClient = b.codeIdentifiesClient;
        this.requestAliases = Map.copyOf(b.requestAliases);
        this.responseNames = Map.copyOf(b.responseNames);
        this.tokenTypeValue = b.tokenTypeValue;
        this.refreshExpiresIn = b.refreshExpiresIn;
        this.alwaysScope = b.alwaysScope;
        this.successStatus = b.successStatus;
        this.errors = b.errors != null ? b.errors : ErrorWriter.oauth2(b.statuses);
        this.realm = b.realm;
        this.maxBodyBytes = b.maxBodyBytes;
    }

    /**
     * RFC 6749: form bodies, standard names, 200.
     *
     * @return the configuration of a standard token endpoint
     */
    public static TokenEndpointConfig standard() {
        return builder().build();
    }

    /**
     * Starts a configuration that differs from RFC 6749 where an API documents it.
     *
     * @return a builder with the RFC 6749 defaults
     */
    public static Builder builder() {
        return new Builder();
    }

    boolean acceptsJson() {
        return json;
    }

    boolean acceptsQuery() {
        return query;
    }

    boolean getAllowed() {
        return getAllowed;
    }

    Optional<String> fixedGrantType() {
        return Optional.ofNullable(grantType);
    }

    Optional<String> firstPartyClient() {
        return Optional.ofNullable(firstPartyClient);
    }

    boolean codeIdentifiesClient() {
        return codeIdentifiesClient;
    }

    int successStatus() {
        return successStatus;
    }

    String realm() {
        return realm;
    }

    int maxBodyBytes() {
        return maxBodyBytes;
    }

    /** The error writer: {@code errors(..)}, or RFC 6749's table with the {@code statusFor(..)} entries. */
    ErrorWriter errors() {
        return errors;
    }

    /** The request's parameters under their RFC 6749 names. */
    Map<String, String> standardNames(Map<String, String> raw) {
        Map<String, String> out = new LinkedHashMap<>();
        raw.forEach((name, value) -> {
            String standard = requestAliases.getOrDefault(name, name);
            if (out.putIfAbsent(standard, value) != null) {
                throw new HttpException(400, OAuthError.INVALID_REQUEST, "the parameter '" + Requests.printable(standard)
                        + "' is given more than once");
            }
        });
        return out;
    }

    /** The response body under the configured names. */
    Map<String, Object> render(TokenResponse response) {
        Map<String, Object> standard = new LinkedHashMap<>(response.toJson());
        if (tokenTypeValue != null) {
            standard.put("token_type", tokenTypeValue);
        }
        if (refreshExpiresIn && response.refreshExpiresIn() != null) {
            standard.put("refresh_expires_in", response.refreshExpiresIn());
        }
        if (alwaysScope) {
            standard.putIfAbsent("scope", "");
        }
        Map<String, Object> out = new LinkedHashMap<>();
        standard.forEach((name, value) -> out.put(responseNames.getOrDefault(name, name), value));
        return out;
    }

    /** Builds a {@link TokenEndpointConfig}. */
    public static final class Builder {
        private boolean json;
        private boolean query;
        private boolean getAllowed;
        private String grantType;
        private String firstPartyClient;
        private boolean codeIdentifiesClient;
        private final Map<String, String> requestAliases = new LinkedHashMap<>();
        private final Map<String, String> responseNames = new LinkedHashMap<>();
        private String tokenTypeValue;
        private boolean refreshExpiresIn;
        private boolean alwaysScope;
        private int successStatus = 200;
        private ErrorStatuses statuses = ErrorStatuses.rfc6749();
        private final Set<OAuthError> statusesSet = EnumSet.noneOf(OAuthError.class);
        private ErrorWriter errors;
        private String realm = "lanyard";
        private int maxBodyBytes = 64 * 1024;

        private Builder() {
        }

        /**
         * Also accept {@code application/json} bodies (a JSON object of strings).
         *
         * @return this builder
         */
        public Builder json() {
            this.json = true;
            return this;
        }

        /**
         * Also take parameters from the query string. Off by default: credentials in URLs end up in logs
         * and browser history; only for APIs whose documentation requires it.
         *
         * @return this builder
         */
        public Builder queryParameters() {
            this.query = true;
            return this;
        }

        /**
         * Accept GET as well as POST, for APIs documented that way.
         *
         * @return this builder
         */
        public Builder allowGet() {
            this.getAllowed = true;
            return this;
        }

        /**
         * Every request is this grant; no {@code grant_type} parameter is read.
         *
         * @param grantType the grant type, such as {@code password}; not null
         * @return this builder
         */
        public Builder grantType(String grantType) {
            this.grantType = Objects.requireNonNull(grantType, "grantType");
            return this;
        }

        /**
         * Requests that carry no client credentials act for this server-side client (a first-party
         * endpoint such as {@code POST /auth/password} with only a username and password). The client
         * must exist and be enabled; it is not authenticated, since the server itself vouches for it.
         * Needs {@link #grantType} {@code password} or {@code refresh_token}.
         *
         * @param clientId the configured first-party client's id; not null
         * @return this builder
         */
        public Builder firstPartyClient(String clientId) {
            this.firstPartyClient = Objects.requireNonNull(clientId, "clientId");
            return this;
        }

        /**
         * A request without client credentials redeems a client code for the client it was issued to
         * ({@link dev.lanyard.auth.TokenService#redeemClientCode}), for APIs whose token exchange carries
         * only the code ({@code GET /authorization/token} with {@code code=...}). Needs
         * {@code grantType("authorization_code")}. Only codes from a {@link ClientCodeEndpoint} are accepted
         * so; a code of the browser flow still needs client authentication ({@code invalid_client}), its
         * redirect URI and its PKCE verifier. A request with credentials is an ordinary code grant.
         *
         * <p>This is safe because a client code is a 256-bit, single-use secret that lives a minute and
         * was handed to the client that had just authenticated, in a response body rather than a browser
         * redirect: holding it proves what the client's secret proved a moment before. See
         * {@link dev.lanyard.auth.TokenService#redeemClientCode}. Refused together with {@link #queryParameters()},
         * which would put such codes in URLs.
         *
         * @return this builder
         */
        public Builder codeIdentifiesClient() {
            this.codeIdentifiesClient = true;
            return this;
        }

        /**
         * Reads the request field {@code name} as the RFC 6749 parameter {@code standard}.
         *
         * @param name     the field name the API's clients send
         * @param standard the RFC 6749 parameter it stands for, such as {@code username}
         * @return this builder
         */
        public Builder requestField(String name, String standard) {
            requestAliases.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(standard, "standard"));
            return this;
        }

        /**
         * Writes the RFC 6749 response field {@code standard} as {@code name}.
         *
         * @param standard the RFC 6749 response field, such as {@code access_token}
         * @param name     the member name the API's clients read
         * @return this builder
         */
        public Builder responseField(String standard, String name) {
            responseNames.put(Objects.requireNonNull(standard, "standard"), Objects.requireNonNull(name, "name"));
            return this;
        }

        /**
         * The value of {@code token_type}; default {@code Bearer}.
         *
         * @param value the value written; not null
         * @return this builder
         */
        public Builder tokenTypeValue(String value) {
            this.tokenTypeValue = Objects.requireNonNull(value, "value");
            return this;
        }

        /**
         * Adds {@code refresh_expires_in} (seconds until the refresh session ends) when a refresh token is issued.
         *
         * @return this builder
         */
        public Builder refreshExpiresIn() {
            this.refreshExpiresIn = true;
            return this;
        }

        /**
         * Writes {@code scope} in every response, empty when the token has none (RFC 6749 may leave it out;
         * some APIs' clients read it unconditionally).
         *
         * @return this builder
         */
        public Builder alwaysScope() {
            this.alwaysScope = true;
            return this;
        }

        /**
         * The status of a successful response; default 200.
         *
         * @param status a 2xx status
         * @return this builder
         * @throws IllegalArgumentException when {@code status} is not 2xx
         */
        public Builder successStatus(int status) {
            if (status < 200 || status > 299) {
                throw new IllegalArgumentException("successStatus must be 2xx");
            }
            this.successStatus = status;
            return this;
        }

        /**
         * The status for an error code, instead of the one in {@link ErrorStatuses#rfc6749()} (400, or 401
         * for invalid_client); it wins over the defaults by type too, a lockout with this code included.
         * {@code invalid_client} after an {@code Authorization} header stays 401 (RFC 6749 section 5.2).
         *
         * @param error  the OAuth error code
         * @param status a 4xx or 5xx status; a 401 challenges Basic
         * @return this builder
         * @throws IllegalArgumentException when {@code status} is not 4xx or 5xx
         * @throws IllegalStateException    when the status of {@code error} was already set, or {@link #errors} was
         */
        public Builder statusFor(OAuthError error, int status) {
            Objects.requireNonNull(error, "error");
            if (errors != null) {
                throw new IllegalStateException("statusFor(..) and errors(..) do not go together: "
                        + "pass a writer over ErrorStatuses.rfc6749().with(..) instead");
            }
            if (statusesSet.contains(error)) {
                throw new IllegalStateException("the status of " + error.code() + " was already set on this builder");
            }
            statuses = statuses.with(error, status);
            statusesSet.add(error);
            return this;
        }

        /**
         * How failures are answered; default {@link ErrorWriter#oauth2} over {@link ErrorStatuses#rfc6749()}
         * with the {@link #statusFor} entries. A writer of one's own also decides {@code Cache-Control} and
         * the 401 of a client refused after Basic, which {@code oauth2(..)} writes.
         *
         * @param errors the error writer
         * @return this builder
         * @throws IllegalStateException when it or {@link #statusFor} was already set
         */
        public Builder errors(ErrorWriter errors) {
            Objects.requireNonNull(errors, "errors");
            if (this.errors != null || !statusesSet.isEmpty()) {
                throw new IllegalStateException(this.errors != null ? "errors was already set on this builder"
                        : "statusFor(..) and errors(..) do not go together: pass a writer over "
                        + "ErrorStatuses.rfc6749().with(..) instead");
            }
            this.errors = errors;
            return this;
        }

        /**
         * The realm of {@code WWW-Authenticate: Basic}; default {@code lanyard}.
         *
         * @param realm the realm: printable ASCII without quotes or backslashes
         * @return this builder
         * @throws IllegalArgumentException when it is empty or not such a string
         */
        public Builder realm(String realm) {
            this.realm = HttpSyntax.realm(realm);
            return this;
        }

        /**
         * The largest body accepted; default 64 KiB.
         *
         * @param bytes the limit in bytes, at least 256
         * @return this builder
         * @throws IllegalArgumentException when {@code bytes} is under 256
         */
        public Builder maxBodyBytes(int bytes) {
            if (bytes < 256) {
                throw new IllegalArgumentException("maxBodyBytes must be at least 256");
            }
            this.maxBodyBytes = bytes;
            return this;
        }

        /**
         * Checks the settings together and builds the configuration.
         *
         * @return the immutable configuration
         * @throws IllegalStateException when settings contradict each other, such as a first-party client without a grant type or a client code without {@code grantType("authorization_code")}
         */
        public TokenEndpointConfig build() {
            if (firstPartyClient != null && grantType == null) {
                throw new IllegalStateException("firstPartyClient(..) needs grantType(..) (password or refresh_token): "
                        + "an endpoint without client authentication must not accept every grant");
            }
            if (codeIdentifiesClient && !"authorization_code".equals(grantType)) {
                throw new IllegalStateException("codeIdentifiesClient() needs grantType(\"authorization_code\")");
            }
            if (codeIdentifiesClient && firstPartyClient != null) {
                throw new IllegalStateException("codeIdentifiesClient() and firstPartyClient(..) do not go together");
            }
            if (codeIdentifiesClient && query) {
                throw new IllegalStateException("codeIdentifiesClient() and queryParameters() do not go together: "
                        + "a code that stands for its client must never travel in a URL (logs, history, referrers)");
            }
            return new TokenEndpointConfig(this);
        }
    }
}
