package dev.lanyard.auth.servlet;

import dev.lanyard.auth.TokenService;
import dev.lanyard.auth.client.ClientAuthenticationMethod;
import dev.lanyard.auth.servlet.internal.EndpointServlet;
import jakarta.servlet.FilterRegistration;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletRegistration;

import java.time.Duration;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Registers Lanyard's endpoints on a {@link ServletContext} in one call, under the paths you choose.
 *
 * <pre>{@code
 * // in a ServletContainerInitializer, a ServletContextListener, or embedded Jetty's setup
 * LanyardEndpoints.builder(tokenService)
 *         .protect("/api/*")                 // BearerTokenFilter on the app's own API
 *         .build()
 *         .register(servletContext);
 * }</pre>
 *
 * <p>Defaults: {@code /oauth2/token}, {@code /oauth2/revoke}, {@code /oauth2/introspect},
 * {@code /oauth2/jwks}, {@code /.well-known/oauth-authorization-server}, and {@code /api/whoami} behind
 * the filter. The authorization (login page), first-party login, logout and admin endpoints are added
 * with {@link Builder#authorize}, {@link Builder#login}, {@link Builder#logout} and {@link Builder#admin};
 * more token and whoami endpoints, open client registration and client codes with
 * {@link Builder#tokenEndpoint(String, TokenEndpointConfig)}, {@link Builder#whoami(String, WhoamiEndpoint)},
 * {@link Builder#clientRegistration} and {@link Builder#clientCode}:
 *
 * <pre>{@code
 * // the flask API: register a client, trade its credentials for a code, the code for tokens
 * LanyardEndpoints.builder(tokenService)
 *         .clientRegistration("/client/create", ClientRegistrationEndpoint.openRegistration(clientAdmin)
 *                 .idField("client_user").secretField("client_password")
 *                 .grants(Set.of("authorization_code", "refresh_token")).build())
 *         .clientCode("/authorization/connect", ClientCodeEndpoint.builder(tokenService)
 *                 .codeField("Authorization Code").build())
 *         .tokenEndpoint("/authorization/token", TokenEndpointConfig.builder().allowGet()
 *                 .grantType("authorization_code").codeIdentifiesClient().build())
 *         .tokenEndpoint("/token/refresh", TokenEndpointConfig.builder().grantType("refresh_token").build())
 *         .whoami("/api/users", WhoamiEndpoint.builder().field("username", WhoamiEndpoint.Value.NAME).build())
 *         .build()
 *         .register(servletContext);
 * }</pre>
 *
 * <p>{@link Builder#build()} checks the settings and takes its own copy of them: a built
 * {@code LanyardEndpoints} is immutable, and calls on the builder afterwards (another {@code protect(..)},
 * a moved path) change only what a later {@code build()} returns.
 */
public final class LanyardEndpoints {

    /** Where the RFC 8414 metadata is served: always reachable without a token, like the JWKS. */
    private static final String METADATA_PATH = "/.well-known/oauth-authorization-server";


    /**
     * The init parameter (of a servlet, or of the whole context) with the deadline for a request body
     * of every Lanyard endpoint: seconds, or an ISO-8601 duration; default 10 seconds. A body not
     * complete by then is answered 408 {@code invalid_request} and the connection closed.
     *
     * <pre>{@code
     * servletContextHandler.setInitParameter(LanyardEndpoints.BODY_READ_TIMEOUT_PARAMETER, "PT5S");
     * }</pre>
     */
    public static final String BODY_READ_TIMEOUT_PARAMETER = EndpointServlet.BODY_TIMEOUT_PARAMETER;

    private final TokenService tokens;
    /**
     * What {@link #register} registers: a copy of the builder taken by {@link Builder#build()} and checked
     * there, which nothing else holds, so that later calls on the builder change neither.
     */
    private final Builder b;

    private LanyardEndpoints(Builder checked) {
        this.tokens = checked.tokens;
        this.b = checked;
    }

    /**
     * Starts a registration of the endpoints of this service.
     *
     * @param tokens the service every endpoint works with
     * @return a builder with the default paths
     * @throws NullPointerException when {@code tokens} is null
     */
    public static Builder builder(TokenService tokens) {
        return new Builder(tokens);
    }

    /**
     * Adds the servlets and the filter to the context.
     *
     * @param context the context to register on, before it has started
     */
    public void register(ServletContext context) {
        add(context, "lanyard-token", new TokenEndpoint(tokens, b.tokenConfig), b.token);
        add(context, "lanyard-revoke", new RevocationEndpoint(tokens), b.revoke);
        add(context, "lanyard-introspect", new IntrospectionEndpoint(tokens), b.introspect);
        add(context, "lanyard-jwks", new JwksEndpoint(tokens, b.jwksMaxAge), b.jwks);
        add(context, "lanyard-metadata", new MetadataEndpoint(metadata()), METADATA_PATH);
        add(context, "lanyard-whoami", new WhoamiEndpoint(), b.whoami);
        if (b.authorize != null && b.authenticator != null) {
            add(context, "lanyard-authorize", new AuthorizationEndpoint(tokens, b.authenticator), b.authorize);
        }
        if (b.login != null) {
            add(context, "lanyard-login", new LoginEndpoint(tokens, b.loginUsers, b.loginConfig), b.login);
        }
        if (b.logout != null) {
            add(context, "lanyard-logout", b.logoutEndpoint, b.logout);
        }
        int n = 0;
        for (Map.Entry<String, TokenEndpointConfig> extra : b.extraTokens.entrySet()) {
            add(context, "lanyard-token-" + (++n), new TokenEndpoint(tokens, extra.getValue()), extra.getKey());
        }
        n = 0;
        for (Map.Entry<String, WhoamiEndpoint> extra : b.extraWhoamis.entrySet()) {
            add(context, "lanyard-whoami-" + (++n), extra.getValue(), extra.getKey());
        }
        if (b.registration != null) {
            add(context, "lanyard-client-registration", b.registrationEndpoint, b.registration);
        }
        if (b.clientCode != null) {
            add(context, "lanyard-client-code", b.clientCodeEndpoint, b.clientCode);
        }
        if (b.adminConfig != null) {
            add(context, "lanyard-admin", new AdminEndpoint(tokens, b.userAdmin, b.clientAdmin, b.adminSessions, b.adminConfig),
                    b.adminConfig.urlPatterns());
        }
        FilterRegistration.Dynamic filter = context.addFilter("lanyard-bearer", new BearerTokenFilter(b.filterConfig));
        filter.setAsyncSupported(true);
        List<String> protectedPaths = new java.util.ArrayList<>(b.protectedPaths);
        protectedPaths.add(b.whoami);
        protectedPaths.addAll(b.extraWhoamis.keySet());
        filter.addMappingForUrlPatterns(EnumSet.of(jakarta.servlet.DispatcherType.REQUEST), false,
                protectedPaths.toArray(String[]::new));
    }

    /**
     * The RFC 8414 metadata of this configuration.
     *
     * @return the document's members, in the order they are written, with the issuer's URL as the base of each endpoint
     */
    public Map<String, Object> metadata() {
        String base = tokens.issuer().endsWith("/") ? tokens.issuer().substring(0, tokens.issuer().length() - 1)
                : tokens.issuer();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("issuer", tokens.issuer());
        m.put("token_endpoint", base + b.token);
        m.put("jwks_uri", base + b.jwks);
        m.put("revocation_endpoint", base + b.revoke);
        m.put("introspection_endpoint", base + b.introspect);
        if (b.authorize != null) {
            m.put("authorization_endpoint", base + b.authorize);
            m.put("response_types_supported", List.of("code"));
            // the only mode the authorization endpoint answers in; it refuses the others
            m.put("response_modes_supported", AuthorizationEndpoint.RESPONSE_MODES);
            m.put("code_challenge_methods_supported", List.of("S256"));
            m.put("authorization_response_iss_parameter_supported", true);
        }
        m.put("grant_types_supported", List.copyOf(tokens.grantTypes()));
        List<String> methods = tokens.clientAuthenticationMethods().stream().map(ClientAuthenticationMethod::name).toList();
        m.put("token_endpoint_auth_methods_supported", methods);
        if (!b.scopes.isEmpty()) {
            m.put("scopes_supported", List.copyOf(b.scopes));
        }
        // a public client revokes its own tokens with its client_id alone (RFC 7009 section 2.1)
        m.put("revocation_endpoint_auth_methods_supported", methods);
        // introspection needs a proof of identity: a public client's client_id alone is none
        m.put("introspection_endpoint_auth_methods_supported", tokens.clientAuthenticationMethods().stream()
                .filter(ClientAuthenticationMethod::provesIdentity).map(ClientAuthenticationMethod::name).toList());
        return m;
    }

    private void add(ServletContext context, String name, jakarta.servlet.Servlet servlet, String... paths) {
        ServletRegistration.Dynamic registration = context.addServlet(name, servlet);
        // request bodies are then read by non-blocking I/O: a slow client holds no thread (EndpointServlet)
        registration.setAsyncSupported(true);
        if (b.bodyReadTimeout != null) {
            registration.setInitParameter(EndpointServlet.BODY_TIMEOUT_PARAMETER, b.bodyReadTimeout.toString());
        }
        registration.addMapping(paths);
    }

    /** Builds {@link LanyardEndpoints}. */
    public static final class Builder {
        private final TokenService tokens;
        private String token = "/oauth2/token";
        private String revoke = "/oauth2/revoke";
        private String introspect = "/oauth2/introspect";
        private String jwks = "/oauth2/jwks";
        private String whoami = "/api/whoami";
        private String authorize;
        private Duration jwksMaxAge = Duration.ofMinutes(5);
        private Duration bodyReadTimeout;
        private TokenEndpointConfig tokenConfig = TokenEndpointConfig.standard();
        private BearerFilterConfig filterConfig;
        private final List<String> protectedPaths = new java.util.ArrayList<>();
        private dev.lanyard.auth.user.UserAuthenticator authenticator;
        private String login;
        private dev.lanyard.auth.user.UserStore loginUsers;
        private LoginEndpointConfig loginConfig;
        private String logout;
        private LogoutEndpoint logoutEndpoint;
        private dev.lanyard.auth.admin.UserAdmin userAdmin;
        private dev.lanyard.auth.admin.ClientAdmin clientAdmin;
        private AdminEndpointConfig adminConfig;
        private dev.lanyard.auth.admin.Sessions adminSessions;
        private final Map<String, TokenEndpointConfig> extraTokens = new LinkedHashMap<>();
        private final java.util.Set<String> scopes = new java.util.TreeSet<>();
        private final Map<String, WhoamiEndpoint> extraWhoamis = new LinkedHashMap<>();
        private String registration;
        private ClientRegistrationEndpoint registrationEndpoint;
        private String clientCode;
        private ClientCodeEndpoint clientCodeEndpoint;

        private Builder(TokenService tokens) {
            this.tokens = Objects.requireNonNull(tokens, "tokens");
        }

        /** A copy of every setting, for {@link #build()}. */
        private Builder(Builder from) {
            this.tokens = from.tokens;
            this.token = from.token;
            this.revoke = from.revoke;
            this.introspect = from.introspect;
            this.jwks = from.jwks;
            this.whoami = from.whoami;
            this.authorize = from.authorize;
            this.jwksMaxAge = from.jwksMaxAge;
            this.bodyReadTimeout = from.bodyReadTimeout;
            this.tokenConfig = from.tokenConfig;
            this.filterConfig = from.filterConfig;
            this.protectedPaths.addAll(from.protectedPaths);
            this.authenticator = from.authenticator;
            this.login = from.login;
            this.loginUsers = from.loginUsers;
            this.loginConfig = from.loginConfig;
            this.logout = from.logout;
            this.logoutEndpoint = from.logoutEndpoint;
            this.userAdmin = from.userAdmin;
            this.clientAdmin = from.clientAdmin;
            this.adminConfig = from.adminConfig;
            this.adminSessions = from.adminSessions;
            this.extraTokens.putAll(from.extraTokens);
            this.scopes.addAll(from.scopes);
            this.extraWhoamis.putAll(from.extraWhoamis);
            this.registration = from.registration;
            this.registrationEndpoint = from.registrationEndpoint;
            this.clientCode = from.clientCode;
            this.clientCodeEndpoint = from.clientCodeEndpoint;
        }

        /**
         * The path of the token endpoint; default {@code /oauth2/token}.
         *
         * @param path the servlet path, starting with {@code /}
         * @return this builder
         * @throws IllegalArgumentException when {@code path} does not start with {@code /}
         */
        public Builder tokenPath(String path) {
            this.token = path(path);
            return this;
        }

        /**
         * The path of the RFC 7009 revocation endpoint; default {@code /oauth2/revoke}.
         *
         * @param path the servlet path, starting with {@code /}
         * @return this builder
         * @throws IllegalArgumentException when {@code path} does not start with {@code /}
         */
        public Builder revokePath(String path) {
            this.revoke = path(path);
            return this;
        }

        /**
         * The path of the RFC 7662 introspection endpoint; default {@code /oauth2/introspect}.
         *
         * @param path the servlet path, starting with {@code /}
         * @return this builder
         * @throws IllegalArgumentException when {@code path} does not start with {@code /}
         */
        public Builder introspectPath(String path) {
            this.introspect = path(path);
            return this;
        }

        /**
         * The path of the public key set; default {@code /oauth2/jwks}.
         *
         * @param path the servlet path, starting with {@code /}
         * @return this builder
         * @throws IllegalArgumentException when {@code path} does not start with {@code /}
         */
        public Builder jwksPath(String path) {
            this.jwks = path(path);
            return this;
        }

        /**
         * The path of the whoami endpoint, which is always behind the Bearer filter; default {@code /api/whoami}.
         *
         * @param path the servlet path, starting with {@code /}
         * @return this builder
         * @throws IllegalArgumentException when {@code path} does not start with {@code /}
         */
        public Builder whoamiPath(String path) {
            this.whoami = path(path);
            return this;
        }

        /**
         * Announces an authorization endpoint (registered separately) in the metadata.
         *
         * @param path the path the authorization endpoint is served at
         * @return this builder
         * @throws IllegalArgumentException when {@code path} does not start with {@code /}
         */
        public Builder authorizePath(String path) {
            this.authorize = path(path);
            return this;
        }

        /**
         * Registers the authorization endpoint (with its login page) at this path, checking passwords with the
         * token service's own authenticator, so that the page and the token endpoint share one throttle.
         *
         * @param path the servlet path of the authorization endpoint
         * @return this builder
         * @throws IllegalStateException    when the token service was built without {@code users(..)}
         * @throws IllegalArgumentException when {@code path} does not start with {@code /}
         */
        public Builder authorize(String path) {
            return authorize(path, tokens.userAuthenticator().orElseThrow(() -> new IllegalStateException(
                    "the authorization endpoint needs a TokenService built with users(..)")));
        }

        /**
         * Registers the authorization endpoint (with its login page) at this path, checking passwords with these users.
         *
         * @param path  the servlet path of the authorization endpoint
         * @param users checks usernames and passwords; not null
         * @return this builder
         * @throws IllegalArgumentException when {@code path} does not start with {@code /}
         */
        public Builder authorize(String path, dev.lanyard.auth.user.UserAuthenticator users) {
            this.authorize = path(path);
            this.authenticator = Objects.requireNonNull(users, "users");
            return this;
        }

        /**
         * Registers a first-party login endpoint at this path.
         *
         * @param path   the servlet path
         * @param users  where the JSON output's profile values are read
         * @param config the channels, fields and output of the endpoint
         * @return this builder
         * @throws IllegalArgumentException when {@code path} does not start with {@code /}
         */
        public Builder login(String path, dev.lanyard.auth.user.UserStore users, LoginEndpointConfig config) {
            this.login = path(path);
            this.loginUsers = Objects.requireNonNull(users, "users");
            this.loginConfig = Objects.requireNonNull(config, "config");
            return this;
        }

        /**
         * Registers a logout endpoint at this path.
         *
         * @param path     the servlet path
         * @param endpoint the configured endpoint
         * @return this builder
         * @throws IllegalArgumentException when {@code path} does not start with {@code /}
         */
        public Builder logout(String path, LogoutEndpoint endpoint) {
            this.logout = path(path);
            this.logoutEndpoint = Objects.requireNonNull(endpoint, "endpoint");
            return this;
        }

        /**
         * Registers the admin endpoints at the paths of their configuration; a config with an operation
         * that ends sessions (set a password, disable or delete a user, delete a client) needs
         * {@link #admin(dev.lanyard.auth.admin.UserAdmin, dev.lanyard.auth.admin.ClientAdmin,
         * dev.lanyard.auth.admin.Sessions, AdminEndpointConfig)}.
         *
         * @param users   the user administration
         * @param clients the client administration
         * @param config  the operations and their paths
         * @return this builder
         */
        public Builder admin(dev.lanyard.auth.admin.UserAdmin users, dev.lanyard.auth.admin.ClientAdmin clients,
                             AdminEndpointConfig config) {
            this.userAdmin = Objects.requireNonNull(users, "users");
            this.clientAdmin = Objects.requireNonNull(clients, "clients");
            this.adminConfig = Objects.requireNonNull(config, "config");
            return this;
        }

        /**
         * Registers the admin endpoints at the paths of their configuration, ending sessions through
         * {@code sessions} where an operation must (see {@link AdminEndpoint}).
         *
         * @param users    the user administration
         * @param clients  the client administration
         * @param sessions ends sessions, over the same token-state stores as the token service
         * @param config   the operations and their paths
         * @return this builder
         */
        public Builder admin(dev.lanyard.auth.admin.UserAdmin users, dev.lanyard.auth.admin.ClientAdmin clients,
                             dev.lanyard.auth.admin.Sessions sessions, AdminEndpointConfig config) {
            admin(users, clients, config);
            this.adminSessions = Objects.requireNonNull(sessions, "sessions");
            return this;
        }

        /**
         * Registers another token endpoint at this path (the one at {@link #tokenPath} stays), for APIs that
         * split grants over several paths.
         *
         * @param path   the servlet path
         * @param config the grants and parameters of this endpoint
         * @return this builder
         * @throws IllegalArgumentException when a token endpoint is already registered there, or the path does not
         *                                  start with {@code /}
         */
        public Builder tokenEndpoint(String path, TokenEndpointConfig config) {
            Objects.requireNonNull(config, "config");
            if (extraTokens.putIfAbsent(path(path), config) != null) {
                throw new IllegalArgumentException("a token endpoint is already registered at " + path);
            }
            return this;
        }

        /**
         * Registers another whoami endpoint at this path, behind the Bearer filter (the one at {@link #whoamiPath} stays).
         *
         * @param path     the servlet path
         * @param endpoint the configured endpoint
         * @return this builder
         * @throws IllegalArgumentException when a whoami endpoint is already registered there, or the path does not start with {@code /}
         */
        public Builder whoami(String path, WhoamiEndpoint endpoint) {
            Objects.requireNonNull(endpoint, "endpoint");
            if (extraWhoamis.putIfAbsent(path(path), endpoint) != null) {
                throw new IllegalArgumentException("a whoami endpoint is already registered at " + path);
            }
            return this;
        }

        /**
         * Registers open client registration at this path: read {@link ClientRegistrationEndpoint}'s risks first.
         *
         * @param path     the servlet path; it stays reachable without a token
         * @param endpoint the configured endpoint
         * @return this builder
         * @throws IllegalArgumentException when {@code path} does not start with {@code /}
         */
        public Builder clientRegistration(String path, ClientRegistrationEndpoint endpoint) {
            this.registration = path(path);
            this.registrationEndpoint = Objects.requireNonNull(endpoint, "endpoint");
            return this;
        }

        /**
         * Registers a client-code endpoint at this path.
         *
         * @param path     the servlet path; it stays reachable without a token
         * @param endpoint the configured endpoint
         * @return this builder
         * @throws IllegalArgumentException when {@code path} does not start with {@code /}
         */
        public Builder clientCode(String path, ClientCodeEndpoint endpoint) {
            this.clientCode = path(path);
            this.clientCodeEndpoint = Objects.requireNonNull(endpoint, "endpoint");
            return this;
        }

        /**
         * The scopes published as {@code scopes_supported} in the metadata (RFC 8414 section 2), sorted;
         * without any the member is left out. RFC 8414 lets a server leave some out, so list those that
         * clients are meant to request.
         *
         * <pre>{@code
         * LanyardEndpoints.builder(tokens).scopes(List.of("orders:read", "orders:write")).build();
         * }</pre>
         *
         * @param scopes the scopes to add; may be called again for more
         * @return this builder
         * @throws IllegalArgumentException when a scope is not a valid scope token
         */
        public Builder scopes(java.util.Collection<String> scopes) {
            for (String scope : Objects.requireNonNull(scopes, "scopes")) {
                this.scopes.add(dev.lanyard.auth.internal.Checks.scope(scope, "scopes_supported"));
            }
            return this;
        }

        /**
         * How long clients may cache the JWKS; default 5 minutes.
         *
         * @param maxAge the {@code Cache-Control: max-age} of the key set
         * @return this builder
         */
        public Builder jwksMaxAge(Duration maxAge) {
            this.jwksMaxAge = Objects.requireNonNull(maxAge, "maxAge");
            return this;
        }

        /**
         * How long a client may take to send a request body before it is answered 408 and the
         * connection closed; default 10 seconds, at most 10 minutes. The servlets are registered with
         * async support, so a body is read by non-blocking I/O and a slow client holds no thread:
         *
         * <pre>{@code
         * LanyardEndpoints.builder(tokenService).bodyReadTimeout(Duration.ofSeconds(5)).build().register(context);
         * }</pre>
         *
         * @param timeout the time allowed for a whole body, 1 ms to 10 minutes
         * @return this builder
         * @throws IllegalArgumentException when {@code timeout} is outside 1 ms to 10 minutes
         * @throws IllegalStateException    when the timeout was already set
         */
        public Builder bodyReadTimeout(Duration timeout) {
            Objects.requireNonNull(timeout, "timeout");
            if (this.bodyReadTimeout != null) {
                throw new IllegalStateException("bodyReadTimeout is already set");
            }
            if (timeout.isNegative() || timeout.toMillis() < 1 || timeout.compareTo(Duration.ofMinutes(10)) > 0) {
                throw new IllegalArgumentException("bodyReadTimeout must be between 1 ms and 10 minutes, got " + timeout);
            }
            this.bodyReadTimeout = timeout;
            return this;
        }

        /**
         * The configuration of the token endpoint at {@link #tokenPath}; default {@link TokenEndpointConfig#standard()}.
         *
         * @param config the grants and parameters of the endpoint
         * @return this builder
         */
        public Builder tokenEndpoint(TokenEndpointConfig config) {
            this.tokenConfig = Objects.requireNonNull(config, "config");
            return this;
        }

        /**
         * The Bearer filter's configuration; default: {@code tokenService::verify} and RFC 6750 defaults.
         *
         * @param config the filter's verifier, header and path rules
         * @return this builder
         */
        public Builder filter(BearerFilterConfig config) {
            this.filterConfig = Objects.requireNonNull(config, "config");
            return this;
        }

        /**
         * Puts the Bearer filter on these URL patterns (whoami is always protected).
         *
         * @param patterns servlet URL patterns such as {@code /api/*}; may be called again for more
         * @return this builder
         * @throws IllegalArgumentException when a pattern does not start with {@code /}
         */
        public Builder protect(String... patterns) {
            for (String p : patterns) {
                protectedPaths.add(path(p));
            }
            return this;
        }

        /**
         * Checks the paths and builds the registration.
         *
         * @return the registration, to {@link LanyardEndpoints#register register} on a context
         * @throws IllegalStateException when a {@link #protect} pattern covers an endpoint that must stay reachable without a token
         */
        public LanyardEndpoints build() {
            Builder plan = new Builder(this);
            plan.checkOpenPathsUnprotected();
            if (plan.filterConfig == null) {
                plan.filterConfig = BearerFilterConfig.builder(tokens::verify).build();
            }
            return new LanyardEndpoints(plan);
        }

        private void checkOpenPathsUnprotected() {
            List<String> openPaths = new java.util.ArrayList<>(java.util.Arrays.asList(token, revoke, introspect, jwks,
                    authorize, login, registration, clientCode, METADATA_PATH));
            openPaths.addAll(extraTokens.keySet());
            for (String open : openPaths) {
                if (open != null && protectedPaths.stream().anyMatch(p -> new dev.lanyard.auth.servlet.internal
                        .PathPattern(p).matches(open))) {
                    throw new IllegalStateException("protect(..) covers " + open
                            + ", which must stay reachable without a bearer token");
                }
            }
        }

        private static String path(String p) {
            if (p == null || !p.startsWith("/")) {
                throw new IllegalArgumentException("a path starts with '/', got '" + p + "'");
            }
            return p;
        }
    }
}
