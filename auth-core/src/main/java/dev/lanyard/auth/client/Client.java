package dev.lanyard.auth.client;

import dev.lanyard.auth.internal.Checks;
import dev.lanyard.auth.internal.Identifiers;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * An application that obtains tokens: a machine with its own secret (confidential), or a browser or
 * mobile app that cannot keep one (public, which must use PKCE). Immutable; change one with
 * {@link #toBuilder()}.
 *
 * <p>Client ids are compared <b>exactly</b> (case-sensitively), as RFC 6749 treats {@code client_id}.
 *
 * <pre>{@code
 * Client client = Client.builder("my-app-client")
 *         .secrets(List.of(new ClientSecret("s1", ClientSecrets.digest(secret), now)))
 *         .grants(Set.of("client_credentials", "refresh_token"))
 *         .scopes(Set.of("dialogue", "platform"))
 *         .appId("my_app")
 *         .build();
 * }</pre>
 */
public final class Client {

    /** The grants a client gets when none are given: client_credentials and refresh_token. */
    public static final Set<String> DEFAULT_GRANTS = Set.of("client_credentials", "refresh_token");
    /**
     * The grant types of RFC 6749 that Lanyard ships. A client may also list an extension grant, whose
     * type RFC 6749 section 4.5 requires to be an absolute URI (such as
     * {@code urn:ietf:params:oauth:grant-type:device_code}); whether a service runs a grant is the
     * service's business ({@code TokenService.grantTypes()}), not the client's.
     */
    public static final Set<String> KNOWN_GRANTS =
            Set.of("client_credentials", "refresh_token", "password", "authorization_code");
    /** The RFC 7591 {@code token_endpoint_auth_method}s that present the client's secret. */
    static final Set<String> SECRET_METHODS = Set.of("client_secret_basic", "client_secret_post");

    private final String clientId;
    private final String name;
    private final boolean confidential;
    private final List<ClientSecret> secrets;
    private final Set<String> grants;
    private final Set<String> scopes;
    private final List<String> redirectUris;
    private final Duration accessTokenLifetime;
    private final Duration refreshTokenLifetime;
    private final String appId;
    private final boolean enabled;
    private final String tokenEndpointAuthMethod;
    /** The registered public keys as canonical JSON text; null when none. */
    private final String jwks;
    private final URI jwksUri;

    private Client(Builder b) {
        this.clientId = clientId(b.clientId);
        this.name = Checks.optional(b.name, "name", 256);
        this.confidential = b.confidential;
        this.secrets = List.copyOf(b.secrets);
        this.grants = grants(b.grants == null ? DEFAULT_GRANTS : b.grants);
        this.scopes = Checks.scopes(b.scopes, "scope");
        this.redirectUris = redirectUris(b.redirectUris);
        this.accessTokenLifetime = positive(b.accessTokenLifetime, "accessTokenLifetime");
        this.refreshTokenLifetime = positive(b.refreshTokenLifetime, "refreshTokenLifetime");
        this.appId = Checks.optional(b.appId, "appId", 128);
        this.enabled = b.enabled;
        this.tokenEndpointAuthMethod = authMethod(b.tokenEndpointAuthMethod, clientId, confidential);
        if (tokenEndpointAuthMethod != null && !SECRET_METHODS.contains(tokenEndpointAuthMethod) && !secrets.isEmpty()) {
            throw new IllegalArgumentException("client " + clientId + " authenticates with " + tokenEndpointAuthMethod
                    + " and cannot hold secrets");
        }
        this.jwks = ClientKeys.jwks(b.jwks, clientId);
        this.jwksUri = ClientKeys.jwksUri(b.jwksUri, clientId);
        checkKeys();
        Set<String> secretIds = new LinkedHashSet<>();
        for (ClientSecret s : secrets) {
            if (!secretIds.add(s.id())) {
                throw new IllegalArgumentException("client " + clientId + " has two secrets with id " + s.id());
            }
        }
        if (!confidential && !secrets.isEmpty()) {
            throw new IllegalArgumentException("public client " + clientId + " cannot hold secrets");
        }
        if (!confidential && grants.contains("password")) {
            throw new IllegalArgumentException("public client " + clientId + " cannot use the password grant: "
                    + "it cannot keep the user's password from the code that runs it");
        }
        if (!confidential && grants.contains("client_credentials")) {
            throw new IllegalArgumentException("public client " + clientId
                    + " cannot use client_credentials: it has no credentials");
        }
    }

    /**
     * A confidential, enabled client with the default grants and no secret yet.
     *
     * @param clientId the client id; checked by {@link Builder#build()}
     * @return a builder
     */
    public static Builder builder(String clientId) {
        return new Builder(clientId);
    }

    /**
     * A builder holding this client's values, to change some of them.
     *
     * @return a new builder; this client is unchanged
     */
    public Builder toBuilder() {
        Builder b = new Builder(clientId);
        b.name = name;
        b.confidential = confidential;
        b.secrets = new ArrayList<>(secrets);
        b.grants = grants;
        b.scopes = scopes;
        b.redirectUris = redirectUris;
        b.accessTokenLifetime = accessTokenLifetime;
        b.refreshTokenLifetime = refreshTokenLifetime;
        b.appId = appId;
        b.enabled = enabled;
        b.tokenEndpointAuthMethod = tokenEndpointAuthMethod;
        b.jwks = jwks == null ? null : ClientKeys.parse(jwks);
        b.jwksUri = jwksUri == null ? null : jwksUri.toString();
        return b;
    }

    /**
     * The client's id, the {@code client_id} of its requests and tokens.
     *
     * @return the id, never blank
     */
    public String clientId() {
        return clientId;
    }

    /**
     * A name for people, shown in admin tools.
     *
     * @return the name; empty when none was given
     */
    public Optional<String> name() {
        return Optional.ofNullable(name);
    }

    /**
     * Whether the client authenticates with a secret; public clients do not.
     *
     * @return true for a confidential client
     */
    public boolean confidential() {
        return confidential;
    }

    /**
     * The secrets currently accepted, oldest first.
     *
     * @return an unmodifiable list of secret hashes; empty for a public client
     */
    public List<ClientSecret> secrets() {
        return secrets;
    }

    /**
     * The grant types the client may use.
     *
     * @return an unmodifiable set
     */
    public Set<String> grants() {
        return grants;
    }

    /**
     * Whether the client may use this grant type.
     *
     * @param grant a {@code grant_type}, such as {@code password}
     * @return true when it is among {@link #grants()}
     */
    public boolean allowsGrant(String grant) {
        return grants.contains(grant);
    }

    /**
     * The scopes the client may hold.
     *
     * @return an unmodifiable set
     */
    public Set<String> scopes() {
        return scopes;
    }

    /**
     * Redirect URIs, matched exactly in the authorization-code flow; each passes {@link #checkRedirectUri}.
     *
     * @return an unmodifiable list
     */
    public List<String> redirectUris() {
        return redirectUris;
    }

    /**
     * An access-token lifetime for this client only.
     *
     * @return the lifetime; empty to use the service's
     */
    public Optional<Duration> accessTokenLifetime() {
        return Optional.ofNullable(accessTokenLifetime);
    }

    /**
     * A refresh-token lifetime for this client only.
     *
     * @return the lifetime; empty to use the service's
     */
    public Optional<Duration> refreshTokenLifetime() {
        return Optional.ofNullable(refreshTokenLifetime);
    }

    /**
     * The app the client belongs to, for tenant-scoped administration.
     *
     * @return the app id; empty for a client of no app
     */
    public Optional<String> appId() {
        return Optional.ofNullable(appId);
    }

    /**
     * Whether the client may authenticate; a disabled one is refused like an unknown one.
     *
     * @return true when enabled
     */
    public boolean enabled() {
        return enabled;
    }

    /**
     * The RFC 7591 {@code token_endpoint_auth_method} the client registered, such as
     * {@code client_secret_basic} or {@code private_key_jwt}: the only client-authentication method that
     * may authenticate it. Empty when none was registered: a confidential client then authenticates with
     * {@code client_secret_basic} or {@code client_secret_post}, and a public client with {@code none}.
     *
     * @return the registered method; empty for the default of {@link #acceptsAuthMethod}
     */
    public Optional<String> tokenEndpointAuthMethod() {
        return Optional.ofNullable(tokenEndpointAuthMethod);
    }

    /**
     * Whether this client may authenticate with the named method.
     *
     * <pre>{@code
     * Client.builder("app").build().acceptsAuthMethod("client_secret_post");   // true
     * Client.builder("spa").publicClient().build().acceptsAuthMethod("none");  // true
     * }</pre>
     *
     * @param method an RFC 7591 method name, such as {@code client_secret_basic}
     * @return true when it is the registered method or, with none registered, one of the defaults
     */
    public boolean acceptsAuthMethod(String method) {
        if (tokenEndpointAuthMethod != null) {
            return tokenEndpointAuthMethod.equals(method);
        }
        return confidential ? SECRET_METHODS.contains(method) : "none".equals(method);
    }

    /**
     * The client's registered public keys (RFC 7591 {@code jwks}), which verify its
     * {@code private_key_jwt} assertions.
     *
     * <pre>{@code
     * client.jwks().ifPresent(set -> System.out.println(((List<?>) set.get("keys")).size() + " keys"));
     * }</pre>
     *
     * @return the JWK set as an unmodifiable JSON object; empty when none was registered
     */
    public Optional<Map<String, Object>> jwks() {
        return Optional.ofNullable(jwks).map(ClientKeys::parse);
    }

    /**
     * Where the client publishes its public keys (RFC 7591 {@code jwks_uri}), fetched to verify its
     * {@code private_key_jwt} assertions.
     *
     * @return the https URL; empty when none was registered
     */
    public Optional<URI> jwksUri() {
        return Optional.ofNullable(jwksUri);
    }

    /** The registered JWK set's canonical JSON text, for the assertion check's key cache; null when none. */
    String jwksJson() {
        return jwks;
    }

    private void checkKeys() {
        if (jwks != null && jwksUri != null) {
            throw new IllegalArgumentException("client " + clientId + " registers both jwks and jwksUri; give one"
                    + " (RFC 7591 section 2)");
        }
        if ("private_key_jwt".equals(tokenEndpointAuthMethod) && jwks == null && jwksUri == null) {
            throw new IllegalArgumentException("client " + clientId + " authenticates with private_key_jwt and needs"
                    + " its public keys: give jwks or jwksUri");
        }
        if (!confidential && (jwks != null || jwksUri != null)) {
            throw new IllegalArgumentException("public client " + clientId + " cannot register keys");
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Client c && confidential == c.confidential && enabled == c.enabled
                && Objects.equals(tokenEndpointAuthMethod, c.tokenEndpointAuthMethod)
                && Objects.equals(jwks, c.jwks) && Objects.equals(jwksUri, c.jwksUri)
                && clientId.equals(c.clientId) && Objects.equals(name, c.name) && secrets.equals(c.secrets)
                && grants.equals(c.grants) && scopes.equals(c.scopes) && redirectUris.equals(c.redirectUris)
                && Objects.equals(accessTokenLifetime, c.accessTokenLifetime)
                && Objects.equals(refreshTokenLifetime, c.refreshTokenLifetime) && Objects.equals(appId, c.appId);
    }

    @Override
    public int hashCode() {
        return clientId.hashCode();
    }

    @Override
    public String toString() {
        return "Client[clientId=" + clientId + ", confidential=" + confidential + ", secrets=" + secrets.size()
                + ", grants=" + grants + ", enabled=" + enabled + "]";
    }

    private static String clientId(String id) {
        Checks.name(id, "client id", 128);
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            boolean ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                    || "-._~@+".indexOf(c) >= 0;
            if (!ok) {
                throw new IllegalArgumentException("client id " + Identifiers.quote(id)
                        + " may hold only letters, digits and - . _ ~ @ +");
            }
        }
        return id;
    }

    private static Set<String> grants(Collection<String> grants) {
        Set<String> out = new LinkedHashSet<>();
        for (String g : grants) {
            if (!KNOWN_GRANTS.contains(g) && !isExtensionGrant(g)) {
                throw new IllegalArgumentException("unknown grant type " + Identifiers.quote(g)
                        + "; expected one of " + KNOWN_GRANTS + " or an extension grant's absolute URI");
            }
            out.add(g);
        }
        return Collections.unmodifiableSet(out);
    }

    /**
     * Whether a grant type has the shape RFC 6749 section 4.5 gives extension grants: an absolute URI
     * (a scheme, a colon and more), printable ASCII without spaces.
     *
     * <pre>{@code
     * Client.isExtensionGrant("urn:ietf:params:oauth:grant-type:device_code"); // true
     * Client.isExtensionGrant("implicit");                                     // false
     * }</pre>
     *
     * @param grantType a {@code grant_type}
     * @return true for an absolute URI of at most 256 characters
     */
    public static boolean isExtensionGrant(String grantType) {
        return grantType != null && grantType.length() <= 256
                && grantType.matches("[A-Za-z][A-Za-z0-9+.-]*:[\\x21-\\x7e]+");
    }

    private static String authMethod(String method, String clientId, boolean confidential) {
        if (method == null) {
            return null;
        }
        if (!method.matches("[A-Za-z0-9_.:/-]{1,128}")) {
            throw new IllegalArgumentException("client " + clientId + ": tokenEndpointAuthMethod "
                    + Identifiers.quote(method) + " is not a method name (letters, digits and _ . : / -)");
        }
        if (confidential == "none".equals(method)) {
            throw new IllegalArgumentException(confidential
                    ? "confidential client " + clientId + " cannot use tokenEndpointAuthMethod none"
                    : "public client " + clientId + " can only use tokenEndpointAuthMethod none");
        }
        return method;
    }

    private static List<String> redirectUris(Collection<String> uris) {
        if (uris == null) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (String uri : uris) {
            checkRedirectUri(Objects.requireNonNull(uri, "redirect URI"));
            if (!out.contains(uri)) {
                out.add(uri);
            }
        }
        return List.copyOf(out);
    }

    /**
     * Checks one redirect URI as {@link Builder#redirectUris} does: absolute, without a fragment
     * (RFC 6749 section 3.1.2), and either {@code https} with a host, {@code http} on a loopback host
     * ({@code 127.0.0.1}, {@code [::1]}, {@code localhost}: RFC 8252 section 7.3), or a native app's
     * private-use scheme, a reverse domain name with a period such as {@code com.example.app:/cb}
     * (RFC 8252 section 7.1). Anything else ({@code javascript:}, {@code data:}, {@code file:},
     * {@code vbscript:}, a plain-http web site) could run code in the user's browser or send the code
     * in clear, so it is refused.
     *
     * <pre>{@code
     * Client.checkRedirectUri("https://app.example/cb");        // ok
     * Client.checkRedirectUri("http://127.0.0.1:8765/cb");      // ok: loopback, any port
     * Client.checkRedirectUri("com.example.app:/oauth2redirect"); // ok: private-use scheme
     * Client.checkRedirectUri("javascript:alert(1)");           // IllegalArgumentException
     * }</pre>
     *
     * @param uri the redirect URI to check
     * @throws IllegalArgumentException naming the rule the URI breaks; the message quotes the URI escaped
     */
    public static void checkRedirectUri(String uri) {
        Objects.requireNonNull(uri, "uri");
        String quoted = "redirect URI " + Identifiers.quote(uri);
        URI parsed;
        try {
            parsed = new URI(uri);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(quoted + " is not a valid URI", e);
        }
        if (!parsed.isAbsolute()) {
            throw new IllegalArgumentException(quoted + " must be absolute (RFC 6749 section 3.1.2)");
        }
        if (parsed.getRawFragment() != null) {
            throw new IllegalArgumentException(quoted + " must not have a fragment (RFC 6749 section 3.1.2)");
        }
        String scheme = parsed.getScheme().toLowerCase(Locale.ROOT);
        if (scheme.equals("https") || scheme.equals("http")) {
            String host = parsed.getHost();
            if (host == null || host.isEmpty()) {
                throw new IllegalArgumentException(quoted + " must name a host");
            }
            if (parsed.getRawUserInfo() != null) {
                throw new IllegalArgumentException(quoted + " must not hold a user name or password before the host");
            }
            if (scheme.equals("http") && !isLoopback(host)) {
                throw new IllegalArgumentException(quoted + " uses http on a host that is not loopback: use https, or"
                        + " http only on 127.0.0.1, [::1] or localhost (RFC 8252 section 7.3)");
            }
            return;
        }
        if (scheme.indexOf('.') < 0) {
            throw new IllegalArgumentException(quoted + " has the scheme " + Identifiers.quote(scheme) + ", which is"
                    + " not allowed: use https, http on a loopback host, or a native app's private-use scheme with"
                    + " a period, such as com.example.app:/callback (RFC 8252 section 7.1)");
        }
    }

    private static boolean isLoopback(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        return h.equals("localhost") || h.equals("[::1]") || h.matches("127(\\.(25[0-5]|2[0-4][0-9]|1?[0-9]?[0-9])){3}");
    }

    private static Duration positive(Duration d, String field) {
        if (d != null && (d.isZero() || d.isNegative())) {
            throw new IllegalArgumentException(field + " must be positive");
        }
        return d;
    }

    /** Builds a {@link Client}; every value is checked by {@link #build()}. */
    public static final class Builder {
        private final String clientId;
        private String name;
        private boolean confidential = true;
        private List<ClientSecret> secrets = new ArrayList<>();
        private Collection<String> grants;
        private Collection<String> scopes = Set.of();
        private Collection<String> redirectUris = List.of();
        private Duration accessTokenLifetime;
        private Duration refreshTokenLifetime;
        private String appId;
        private boolean enabled = true;
        private String tokenEndpointAuthMethod;
        private Map<String, Object> jwks;
        private String jwksUri;

        private Builder(String clientId) {
            this.clientId = clientId;
        }

        /**
         * A name for people, shown in admin tools.
         *
         * @param name the name; null for none
         * @return this builder
         */
        public Builder name(String name) {
            this.name = name;
            return this;
        }

        /**
         * Makes this a public client: no secret, PKCE required.
         *
         * @return this builder
         */
        public Builder publicClient() {
            this.confidential = false;
            return this;
        }

        /**
         * The secret hashes to accept; a public client may have none.
         *
         * @param secrets the secrets, oldest first; copied
         * @return this builder
         */
        public Builder secrets(List<ClientSecret> secrets) {
            this.secrets = new ArrayList<>(Objects.requireNonNull(secrets, "secrets"));
            return this;
        }

        /**
         * The grant types the client may use; default {@link Client#DEFAULT_GRANTS}.
         *
         * @param grants grant types from {@link Client#KNOWN_GRANTS}, or extension grants' absolute URIs
         * @return this builder
         */
        public Builder grants(Collection<String> grants) {
            this.grants = Objects.requireNonNull(grants, "grants");
            return this;
        }

        /**
         * The scopes the client may hold; default none.
         *
         * @param scopes valid scope tokens
         * @return this builder
         */
        public Builder scopes(Collection<String> scopes) {
            this.scopes = Objects.requireNonNull(scopes, "scopes");
            return this;
        }

        /**
         * Checked by {@link #build()} with {@link Client#checkRedirectUri}.
         *
         * @param redirectUris the URIs of the authorization-code flow, matched exactly
         * @return this builder
         */
        public Builder redirectUris(Collection<String> redirectUris) {
            this.redirectUris = Objects.requireNonNull(redirectUris, "redirectUris");
            return this;
        }

        /**
         * An access-token lifetime for this client only.
         *
         * @param lifetime the lifetime; null to use the service's
         * @return this builder
         */
        public Builder accessTokenLifetime(Duration lifetime) {
            this.accessTokenLifetime = lifetime;
            return this;
        }

        /**
         * A refresh-token lifetime for this client only.
         *
         * @param lifetime the lifetime; null to use the service's
         * @return this builder
         */
        public Builder refreshTokenLifetime(Duration lifetime) {
            this.refreshTokenLifetime = lifetime;
            return this;
        }

        /**
         * The app the client belongs to.
         *
         * @param appId the app id; null for a client of no app
         * @return this builder
         */
        public Builder appId(String appId) {
            this.appId = appId;
            return this;
        }

        /**
         * Whether the client may authenticate; default true.
         *
         * @param enabled false to refuse it like an unknown client
         * @return this builder
         */
        public Builder enabled(boolean enabled) {
            this.enabled = enabled;
            return this;
        }

        /**
         * The RFC 7591 {@code token_endpoint_auth_method}: the one client-authentication method that may
         * authenticate this client; default none registered (see {@link Client#tokenEndpointAuthMethod()}).
         * {@code none} is for public clients only, and a method other than {@code client_secret_basic} and
         * {@code client_secret_post} leaves the client without secrets.
         *
         * <pre>{@code
         * Client.builder("app").secrets(List.of(secret)).tokenEndpointAuthMethod("client_secret_basic").build();
         * }</pre>
         *
         * @param method the method name; null for the default
         * @return this builder
         */
        public Builder tokenEndpointAuthMethod(String method) {
            this.tokenEndpointAuthMethod = method;
            return this;
        }

        /**
         * The client's public keys (RFC 7591 {@code jwks}) for {@code private_key_jwt}: RSA of 2048 bits or
         * more, EC P-256 or Ed25519, public parts only, at most 10. An RSA key without {@code alg}
         * verifies RS256 and PS256; a key without {@code kid} is named by its RFC 7638 thumbprint.
         *
         * <pre>{@code
         * Client.builder("batch-job").tokenEndpointAuthMethod("private_key_jwt")
         *         .jwks(Map.of("keys", List.of(publicJwk))).build();
         * }</pre>
         *
         * @param jwks a JWK set, {@code {"keys": [...]}}; null for none
         * @return this builder
         */
        public Builder jwks(Map<String, Object> jwks) {
            this.jwks = jwks;
            return this;
        }

        /**
         * Where the client publishes its public keys (RFC 7591 {@code jwks_uri}), instead of {@link #jwks}.
         *
         * <pre>{@code
         * Client.builder("batch-job").tokenEndpointAuthMethod("private_key_jwt")
         *         .jwksUri("https://batch.example/jwks.json").build();
         * }</pre>
         *
         * @param jwksUri an absolute https URL (plain http only to a loopback host); null for none
         * @return this builder
         */
        public Builder jwksUri(String jwksUri) {
            this.jwksUri = jwksUri;
            return this;
        }

        /**
         * Checks every value and builds the client.
         *
         * @return the immutable client
         * @throws IllegalArgumentException naming the first invalid field or contradiction
         */
        public Client build() {
            return new Client(this);
        }
    }
}
