package dev.lanyard.auth;

import dev.lanyard.auth.client.Client;
import dev.lanyard.auth.client.ClientAuthenticationMethod;
import dev.lanyard.auth.client.ClientAuthenticationMethods;
import dev.lanyard.auth.client.ClientCredential;
import dev.lanyard.auth.client.ClientStore;
import dev.lanyard.auth.event.AuthEventListener;
import dev.lanyard.auth.grant.AuthorizationCodeStore;
import dev.lanyard.auth.grant.GrantHandler;
import dev.lanyard.auth.guard.LoginThrottle;
import dev.lanyard.auth.internal.Identifiers;
import dev.lanyard.auth.internal.SecureUrls;
import dev.lanyard.auth.internal.grant.ClientCredentialsGrant;
import dev.lanyard.auth.internal.grant.PasswordGrant;
import dev.lanyard.auth.internal.grant.RefreshTokenGrant;
import dev.lanyard.auth.key.KeyManager;
import dev.lanyard.auth.password.PasswordHasher;
import dev.lanyard.auth.reference.ReferenceTokenStore;
import dev.lanyard.auth.refresh.RefreshTokenStore;
import dev.lanyard.auth.token.ClaimsCustomizer;
import dev.lanyard.auth.token.InvalidTokenException;
import dev.lanyard.auth.token.RevocationList;
import dev.lanyard.auth.token.VerifiedToken;
import dev.lanyard.auth.user.User;
import dev.lanyard.auth.user.UserAuthenticator;
import dev.lanyard.auth.user.UserStore;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Lanyard's authorization server without HTTP: {@link #grant} runs the OAuth 2.0 grants,
 * {@link #verify} checks an access token, {@link #revoke} and {@link #introspect} follow RFC 7009 and
 * RFC 7662, {@link #jwks} is the public key set. Built once, immutable and thread-safe; a facade over
 * named services (client authentication, the grants, the code flow's front channel, verification,
 * revocation, introspection), each plugged together by the builder.
 *
 * <pre>{@code
 * TokenService tokens = TokenService.builder()
 *         .issuer("https://auth.example")
 *         .keys(KeyManager.builder().file(Path.of("data/keys.jwks.json")).build())
 *         .clients(clientStore)
 *         .users(userStore)
 *         .refreshTokens(new InMemoryRefreshTokenStore())
 *         .build();
 * TokenResponse r = tokens.grant(TokenRequest.clientCredentials("my-app", secret).build());
 * VerifiedToken t = tokens.verify(r.accessToken());
 * }</pre>
 *
 * <p>Grants and client-authentication methods are plug-ins ({@link Builder#grant},
 * {@link Builder#clientAuthentication}); the built-ins are registered the same way. Every failure is an
 * {@link AuthException} named after it; a failing store surfaces as {@code server_error} or
 * {@code temporarily_unavailable} ({@link StoreException}) and never yields a token that was not persisted.
 */
public final class TokenService {

    private final String issuer;
    private final KeyManager keys;
    private final ClientStore clients;
    private final Assembly parts;

    private TokenService(Assembly parts, Builder b) {
        this.issuer = b.issuer;
        this.keys = b.keys;
        this.clients = b.clients;
        this.parts = parts;
    }

    /**
     * Starts a builder; {@code issuer}, {@code keys} and {@code clients} are required.
     *
     * @return a new builder with the defaults and the built-in grants and client-authentication methods
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Authenticates the client and runs the grant.
     *
     * @param request the token request, with the client's credential when it has one
     * @return the tokens the grant issued
     * @throws AuthException {@code invalid_client}, {@code unsupported_grant_type}, {@code unauthorized_client},
     *                       {@code invalid_request}, {@code invalid_grant}, {@code invalid_scope}, or a
     *                       {@link StoreException}
     */
    public TokenResponse grant(TokenRequest request) {
        Objects.requireNonNull(request, "request");
        if (!parts.grants.supports(request.grantType())) {
            throw new UnsupportedGrantTypeException("grant_type '" + printable(request.grantType()) + "' is not supported");
        }
        Client client = authenticateClient(request.credential().orElse(ClientCredential.none(null)),
                request.remoteAddress().orElse(null));
        return parts.grants.handle(request, client);
    }

    /**
     * Runs a grant for a first-party client configured on the server (for endpoints that take only a
     * username and password, say). The client is not authenticated, since the server vouches for it; it
     * must exist, be enabled and allow the grant. Never expose this to client-chosen client ids.
     *
     * @param request  a password or refresh_token request; its client credentials, if any, are not read
     * @param clientId the configured first-party client the tokens are for
     * @return the tokens the grant issued
     * @throws AuthException {@code unsupported_grant_type} for any other grant, {@code server_error} when
     *                       the client is missing or disabled, or what the grant itself refuses
     */
    public TokenResponse grantForFirstParty(TokenRequest request, String clientId) {
        Objects.requireNonNull(request, "request");
        // Only grants whose own credentials (a password, a refresh token) authenticate the caller: a
        // client_credentials or authorization_code grant without the client's secret would hand out the
        // first-party client's tokens, or redeem its stolen codes, to anyone.
        if (!TokenRequest.PASSWORD.equals(request.grantType()) && !TokenRequest.REFRESH_TOKEN.equals(request.grantType())) {
            throw new UnsupportedGrantTypeException("a first-party endpoint accepts only the password and refresh_token grants");
        }
        Client client = clients.findById(Objects.requireNonNull(clientId, "clientId")).filter(Client::enabled)
                .orElseThrow(() -> new ServerErrorException("the first-party client " + Identifiers.quote(clientId)
                        + " is not configured", "the server is not configured for this request", null));
        return parts.grants.handle(request, client);
    }

    /**
     * Authenticates a client through the registered {@linkplain Builder#clientAuthentication methods}.
     *
     * <pre>{@code
     * Client client = tokens.authenticateClient(ClientCredential.basic(id, secret), request.getRemoteAddr());
     * }</pre>
     *
     * @param credential what the client presented
     * @param address    the caller's remote address, for throttling and events; null when unknown
     * @return the enabled client
     * @throws InvalidCredentialsException ({@code invalid_client}) when it fails
     */
    public Client authenticateClient(ClientCredential credential, String address) {
        return parts.clientAuthenticator.authenticate(credential, address);
    }

    /**
     * The grant types registered, in the order they were: what the metadata's
     * {@code grant_types_supported} lists.
     *
     * @return an unmodifiable set
     */
    public Set<String> grantTypes() {
        return parts.grants.types();
    }

    /**
     * The client-authentication methods registered, in the order they are tried: what the metadata's
     * {@code token_endpoint_auth_methods_supported} lists.
     *
     * @return an unmodifiable list
     */
    public List<ClientAuthenticationMethod> clientAuthenticationMethods() {
        return parts.clientAuthenticator.methods();
    }

    /**
     * Verifies an access token: a JWT through the strict verifier, or an opaque reference token
     * through its store (which extends its idle timeout) and the revocation list, by its id.
     *
     * @param token the token without the {@code Bearer} prefix
     * @return the verified token
     * @throws InvalidTokenException when the token is not acceptable
     */
    public VerifiedToken verify(String token) {
        return parts.verification.verify(token);
    }

    /**
     * RFC 7009 revocation by an authenticated client. Revoking a refresh token revokes its family;
     * revoking an access token puts it on the revocation list (a reference token is deleted). Unknown
     * tokens, and tokens of other clients, are ignored without an error, as RFC 7009 asks.
     *
     * @param token         the token to revoke
     * @param tokenTypeHint {@code access_token}, {@code refresh_token} or null
     * @param credential    what the calling client presented
     * @param address       the caller's remote address; null when unknown
     * @throws InvalidCredentialsException when the client fails to authenticate
     * @throws AuthException               {@code invalid_request} when {@code token} is null or empty
     */
    public void revoke(String token, String tokenTypeHint, ClientCredential credential, String address) {
        parts.revocations.revoke(token, tokenTypeHint, authenticateClient(credential, address));
    }

    /**
     * Logs out the holder of an access token: the token is revoked at once, and so is the refresh family
     * it was issued from (its {@code sid}).
     *
     * @param accessToken the holder's access token, without the {@code Bearer} prefix
     * @throws InvalidTokenException when the token is not valid (already logged out, expired, forged)
     */
    public void logout(String accessToken) {
        parts.revocations.logout(accessToken);
    }

    /**
     * Revokes every refresh family and reference token of a subject: log out everywhere.
     *
     * @param subject the user id (or client id) whose sessions end; JWT access tokens already issued stay valid until they expire
     */
    public void logoutEverywhere(String subject) {
        parts.revocations.logoutEverywhere(subject);
    }

    /**
     * RFC 7662 introspection by an authenticated confidential client. Access tokens (JWT or reference)
     * and refresh tokens are recognised; anything not usable now, and any access token the
     * {@linkplain Builder#introspectionPolicy introspection policy} does not let the caller see, is
     * {@code active: false} and nothing more. A refresh token is described only to the client holding it,
     * without a {@code token_type} (RFC 7662 section 2.2 means the type of an access token, RFC 6749
     * section 7.1, which a refresh token has not).
     *
     * @param token      the token to describe; null or empty is inactive
     * @param credential what the calling client presented
     * @param address    the caller's remote address; null when unknown
     * @return the description, or {@code active: false} alone
     * @throws InvalidCredentialsException when the caller fails to authenticate
     * @throws AuthException               {@code unauthorized_client} when the caller is a public client
     */
    public Introspection introspect(String token, ClientCredential credential, String address) {
        return parts.introspector.introspect(token, authenticateClient(credential, address));
    }

    /**
     * Checks an authorization request before the user logs in: the client exists and may use the code
     * grant, the redirect URI is registered exactly, PKCE is as required, the scopes are allowed.
     *
     * <pre>{@code
     * try {
     *     Client client = tokens.checkAuthorizationRequest(request);
     * } catch (AuthorizationRequestException e) {
     *     // e.redirectable(): false while the client or its redirect URI is what failed: show a page
     * }
     * }</pre>
     *
     * @param request the parameters of the authorization request as received
     * @return the client
     * @throws AuthorizationRequestException naming what is wrong, and whether it may go to the redirect URI
     */
    public Client checkAuthorizationRequest(AuthorizationRequest request) {
        return parts.authorizationCodes.check(Objects.requireNonNull(request, "request"));
    }

    /**
     * Issues a single-use code for a checked request and the user who approved it.
     *
     * @param request  the authorization request, checked again here
     * @param user     the user who logged in and approved it; the code's scopes are cut to the user's
     * @param authTime when the user authenticated, for the id token's {@code auth_time}
     * @return the code, to be sent to the redirect URI
     * @throws AuthorizationRequestException as {@link #checkAuthorizationRequest} does
     */
    public String issueAuthorizationCode(AuthorizationRequest request, User user, Instant authTime) {
        return parts.authorizationCodes.issue(request, user, authTime);
    }

    /**
     * Issues a client code: a single-use authorization code about the client itself, with no user, no
     * redirect URI and no PKCE, for APIs where a client trades its credentials for a code and then the
     * code for tokens (an access token and, where the client may refresh, a refresh token whose family's
     * subject is the client). The code lives as long as {@link Builder#authorizationCodeLifetime}.
     *
     * <pre>{@code
     * Client client = tokens.authenticateClient(ClientCredential.basic(id, secret), address);   // throttled
     * String code = tokens.issueClientCode(client, null);          // all of the client's scopes
     * TokenResponse r = tokens.grant(TokenRequest.authorizationCode(id, secret, code, null, null).build());
     * }</pre>
     *
     * <p>The code is a 256-bit secret returned to the caller and stored only as its digest. Give it only
     * to the client that {@link #authenticateClient} just returned, in the response body, never through a
     * browser redirect: that is what lets {@link #redeemClientCode} accept it without client authentication.
     *
     * @param client a client that {@link #authenticateClient} returned for this request
     * @param scope  the requested scopes, space-separated, or null for all of the client's scopes
     * @return the code
     * @throws AuthException {@code unsupported_grant_type} without {@link Builder#authorizationCodes},
     *                       {@code unauthorized_client} for a public or disabled client or one not allowed
     *                       the authorization_code grant, {@code invalid_scope}
     */
    public String issueClientCode(Client client, String scope) {
        return parts.authorizationCodes.issueClientCode(Objects.requireNonNull(client, "client"), scope);
    }

    /**
     * Redeems a client code ({@link #issueClientCode}) without client authentication: the code itself
     * names its client, which must still be enabled and allowed the authorization_code grant. Tokens are
     * about the client, as with {@link #grant}; a code presented twice is {@code invalid_grant} and
     * revokes what its first use issued. The access token lives at most the service's default lifetime
     * (a longer per-client lifetime is cut to it, so that a replay's revocation outlives the token).
     *
     * <pre>{@code
     * TokenResponse r = tokens.redeemClientCode(TokenRequest.builder(TokenRequest.AUTHORIZATION_CODE)
     *         .code(code).remoteAddress(request.getRemoteAddr()).build());
     * }</pre>
     *
     * <p>Why a code may stand for its client: it holds 256 random bits, is stored only as a digest,
     * lives a minute (by default) and is good once; and it was handed to the client that had just
     * authenticated, in a response body, never through a browser redirect, so none of the channels that
     * leak browser-flow codes (referrers, history, redirect-URI logs, a hostile app on the redirect URI)
     * carry it. Holding it proves what the client's secret proved a moment before. A code of the browser
     * flow is never accepted here ({@code invalid_client}: it still needs client authentication and its
     * redirect URI and PKCE verifier); it is spent by the attempt, like any code presented wrongly.
     *
     * @param request an authorization_code request with the code and no client credentials
     * @return the tokens, about the code's client
     * @throws AuthException {@code invalid_request} when the request carries client credentials or no
     *                       code, {@code invalid_grant} for an unknown, expired or replayed code,
     *                       {@code invalid_client} for a code of the browser flow, {@code unauthorized_client}
     */
    public TokenResponse redeemClientCode(TokenRequest request) {
        return parts.authorizationCodes.redeemClientCode(Objects.requireNonNull(request, "request"));
    }

    /**
     * The authenticator of this service's users, with its throttle and events: endpoints that check
     * passwords themselves (a login page) must use it, so that every door shares one guess budget.
     *
     * @return the authenticator; empty when the service has no {@link Builder#users user store}
     */
    public Optional<UserAuthenticator> userAuthenticator() {
        return Optional.ofNullable(parts.userAuthenticator);
    }

    /**
     * The public JWK set to publish.
     *
     * @return the JSON of the current ring's public keys, for a {@code jwks_uri}
     */
    public String jwks() {
        return keys.current().publicJwkSetJson();
    }

    /**
     * The issuer identifier.
     *
     * @return the issuer URL written to {@code iss}
     */
    public String issuer() {
        return issuer;
    }

    /**
     * Deletes expired refresh tokens, codes, reference tokens, revocations and the throttle's idle keys,
     * and, with {@link Builder#stores(TokenStores)}, the expired entries of the bundle's replay store too;
     * call it periodically.
     */
    public void purge() {
        parts.purge();
    }

    private static String printable(String s) {
        if (s == null) {
            return "";
        }
        String cut = s.length() > 64 ? s.substring(0, 64) + "…" : s;
        return cut.replaceAll("[^\\x20-\\x7e]", "?");
    }

    /** Builds a {@link TokenService}; {@link #build()} refuses insecure or contradictory settings. */
    public static final class Builder {
        String issuer;
        String audience;
        KeyManager keys;
        ClientStore clients;
        UserStore users;
        RefreshTokenStore refreshStore;
        AuthorizationCodeStore codes;
        ReferenceTokenStore referenceTokens;
        RevocationList revocations;
        TokenStores stores;
        boolean referenceTokensFromStores;
        Duration accessTokenLifetime = Duration.ofMinutes(15);
        boolean longAccessTokens;
        boolean insecureIssuer;
        Duration refreshLifetime = Duration.ofDays(30);
        Duration refreshIdleLifetime = Duration.ofDays(7);
        /** Null: {@link dev.lanyard.auth.refresh.RefreshTokens#DEFAULT_GRACE_WINDOW}, where there are refresh tokens. */
        Duration graceWindow;
        Duration referenceIdleTimeout = Duration.ofMinutes(30);
        Duration codeLifetime = Duration.ofMinutes(1);
        Duration clockSkew = Duration.ofSeconds(60);
        boolean refreshForClientCredentials;
        boolean idTokens;
        boolean pkcePlainAllowed;
        PasswordHasher hasher;
        LoginThrottle throttle;
        ClaimsCustomizer customizer = ClaimsCustomizer.none();
        final List<AuthEventListener> listeners = new ArrayList<>();
        Clock clock = Clock.systemUTC();
        IntrospectionPolicy introspectionPolicy = IntrospectionPolicy.defaults();
        final Map<String, ClientAuthenticationMethod> clientMethods = new LinkedHashMap<>();

        final Map<String, Function<Assembly.Parts, GrantHandler>> grants = new LinkedHashMap<>();

        private Builder() {
            ClientAuthenticationMethods.defaults().forEach(this::clientAuthentication);
            register(TokenRequest.CLIENT_CREDENTIALS, p -> new ClientCredentialsGrant(p.refreshForClients()));
            register(TokenRequest.PASSWORD, p -> new PasswordGrant());
            register(TokenRequest.REFRESH_TOKEN, p -> new RefreshTokenGrant(p.refreshTokens(), p.minter(), p.users()));
            register(TokenRequest.AUTHORIZATION_CODE, Assembly.Parts::codeGrant);
        }

        /**
         * Registers a grant, served after the client authenticated and if the client lists its type. The
         * built-in {@code client_credentials}, {@code password}, {@code refresh_token} and
         * {@code authorization_code} are registered through this same registry when the builder starts.
         *
         * <pre>{@code
         * TokenService.builder()...
         *         .grant(new OneTimeCodeGrant(codes))   // grantType() "urn:example:grant-type:otp"
         *         .withoutGrant(TokenRequest.PASSWORD)
         *         .build();
         * }</pre>
         *
         * @param handler the grant; its {@link GrantHandler#grantType() type} must be new, and one of RFC
         *                6749's names or an absolute URI (RFC 6749 section 4.5)
         * @return this builder
         * @throws IllegalStateException    when a grant of that type is already registered
         * @throws IllegalArgumentException when the type is neither a known name nor an absolute URI
         */
        public Builder grant(GrantHandler handler) {
            Objects.requireNonNull(handler, "handler");
            String type = Objects.requireNonNull(handler.grantType(), "handler.grantType()");
            if (!Client.KNOWN_GRANTS.contains(type) && !Client.isExtensionGrant(type)) {
                throw new IllegalArgumentException("grant type " + Identifiers.quote(type)
                        + " is neither one of " + Client.KNOWN_GRANTS + " nor an absolute URI (RFC 6749 section 4.5)");
            }
            return register(type, p -> handler);
        }

        /**
         * Removes a registered grant, such as a built-in this service does not offer.
         *
         * @param grantType the grant type, such as {@code password}
         * @return this builder
         * @throws IllegalStateException when no grant of that type is registered
         */
        public Builder withoutGrant(String grantType) {
            if (grants.remove(Objects.requireNonNull(grantType, "grantType")) == null) {
                throw new IllegalStateException("no grant " + Identifiers.quote(grantType) + " is registered");
            }
            return this;
        }

        private Builder register(String type, Function<Assembly.Parts, GrantHandler> factory) {
            if (grants.putIfAbsent(type, factory) != null) {
                throw new IllegalStateException("the grant " + Identifiers.quote(type) + " is already registered");
            }
            return this;
        }

        /**
         * Registers a client-authentication method, tried after those registered before it. The built-ins
         * {@code client_secret_basic}, {@code client_secret_post} and {@code none} are registered
         * through this same method when the builder starts.
         *
         * <pre>{@code
         * TokenService.builder()...
         *         .clientAuthentication(new PrivateKeyJwt(...))     // a plug-in
         *         .withoutClientAuthentication("client_secret_post") // Basic only for secrets
         *         .build();
         * }</pre>
         *
         * @param method the method; its {@link ClientAuthenticationMethod#name() name} must be new
         * @return this builder
         * @throws IllegalStateException when a method of that name is already registered
         */
        public Builder clientAuthentication(ClientAuthenticationMethod method) {
            Objects.requireNonNull(method, "method");
            String name = Objects.requireNonNull(method.name(), "method.name()");
            if (clientMethods.putIfAbsent(name, method) != null) {
                throw new IllegalStateException("the client-authentication method " + name + " is already registered");
            }
            return this;
        }

        /**
         * Removes a registered client-authentication method, such as a built-in this service does not want.
         *
         * @param name the method's name, such as {@code client_secret_post}
         * @return this builder
         * @throws IllegalStateException when no method of that name is registered, or it is the last one
         */
        public Builder withoutClientAuthentication(String name) {
            if (!clientMethods.containsKey(Objects.requireNonNull(name, "name"))) {
                throw new IllegalStateException("no client-authentication method " + name + " is registered");
            }
            if (clientMethods.size() == 1) {
                throw new IllegalStateException("the client-authentication method " + name + " is the last one");
            }
            clientMethods.remove(name);
            return this;
        }

        /**
         * The issuer URL, written to {@code iss} and compared exactly by verifiers. Required: an https URL
         * without query or fragment (RFC 8414 section 2); plain http only on localhost or a loopback
         * address, unless {@link #allowInsecureIssuer()}.
         *
         * @param issuer the issuer URL; the URL rules are checked at {@link #build()}
         * @return this builder
         */
        public Builder issuer(String issuer) {
            this.issuer = Objects.requireNonNull(issuer, "issuer");
            return this;
        }

        /**
         * Accepts a plain-http issuer on any host: for development only, never in production.
         *
         * @return this builder
         */
        public Builder allowInsecureIssuer() {
            this.insecureIssuer = true;
            return this;
        }

        /**
         * The {@code aud} of access tokens; default the issuer itself.
         *
         * @param audience the resource servers' identifier
         * @return this builder
         */
        public Builder audience(String audience) {
            this.audience = Objects.requireNonNull(audience, "audience");
            return this;
        }

        /**
         * The signing keys. Required.
         *
         * @param keys the key manager; its active key signs, all its keys verify
         * @return this builder
         */
        public Builder keys(KeyManager keys) {
            this.keys = Objects.requireNonNull(keys, "keys");
            return this;
        }

        /**
         * The clients. Required.
         *
         * @param clients the store clients are looked up and authenticated in
         * @return this builder
         */
        public Builder clients(ClientStore clients) {
            this.clients = Objects.requireNonNull(clients, "clients");
            return this;
        }

        /**
         * The users, for the password and authorization-code grants.
         *
         * @param users the user store; without it those grants are refused
         * @return this builder
         */
        public Builder users(UserStore users) {
            this.users = Objects.requireNonNull(users, "users");
            return this;
        }

        /**
         * All the token-state stores at once: refresh tokens, authorization codes, reference tokens,
         * revocations and used client-assertion ids. With a bundle the service issues refresh tokens,
         * serves the code flow when {@link #users(UserStore)} is set, writes revocations to the bundle's
         * list, and issues reference tokens from the bundle's store only after
         * {@link #referenceTokens(Duration)}; {@link TokenService#purge()} purges all five. Give the
         * replay store to {@code PrivateKeyJwt.builder(stores.replays())} to use it for client assertions.
         *
         * <p>A bundle and a separate setter of the same store ({@link #refreshTokens},
         * {@link #authorizationCodes}, {@link #referenceTokens(ReferenceTokenStore, Duration)},
         * {@link #revocations}) are refused at {@link #build()}: to mix, replace one store of the bundle
         * ({@code stores(JdbcTokenStores.of(ds, clock).withRevocations(list))}), or leave the bundle out and
         * use the setters alone.
         *
         * <pre>{@code
         * TokenService.builder()...
         *         .stores(JdbcTokenStores.of(dataSource, clock))
         *         .referenceTokens(Duration.ofMinutes(30))   // optional: opaque tokens from the bundle's store
         *         .build();
         * }</pre>
         *
         * @param stores the bundle; {@link TokenStores#inMemory} for one process
         * @return this builder
         * @throws IllegalStateException when set twice
         */
        public Builder stores(TokenStores stores) {
            once(this.stores, "stores(..)");
            this.stores = Objects.requireNonNull(stores, "stores");
            return this;
        }

        /**
         * Where refresh tokens live; without one no refresh token is issued.
         *
         * @param store the refresh-token store; several nodes need a shared one
         * @return this builder
         */
        public Builder refreshTokens(RefreshTokenStore store) {
            this.refreshStore = Objects.requireNonNull(store, "store");
            return this;
        }

        /**
         * Where authorization codes live; without one the code grant is off.
         *
         * @param codes the code store; several nodes need a shared one
         * @return this builder
         */
        public Builder authorizationCodes(AuthorizationCodeStore codes) {
            this.codes = Objects.requireNonNull(codes, "codes");
            return this;
        }

        /**
         * Issue opaque reference access tokens kept in this store instead of JWTs.
         *
         * @param store       where the tokens' digests live
         * @param idleTimeout how long a reference token lives unused; each use extends it
         * @return this builder
         * @throws IllegalArgumentException when {@code idleTimeout} is null, zero or negative
         */
        public Builder referenceTokens(ReferenceTokenStore store, Duration idleTimeout) {
            this.referenceTokens = Objects.requireNonNull(store, "store");
            this.referenceIdleTimeout = positive(idleTimeout, "idleTimeout");
            return this;
        }

        /**
         * Issue opaque reference access tokens kept in the {@link #stores(TokenStores)} bundle's
         * reference-token store instead of JWTs; {@link #build()} refuses it without a bundle.
         *
         * @param idleTimeout how long a reference token lives unused; each use extends it
         * @return this builder
         * @throws IllegalArgumentException when {@code idleTimeout} is null, zero or negative
         * @throws IllegalStateException    when reference tokens were set already
         */
        public Builder referenceTokens(Duration idleTimeout) {
            once(referenceTokensFromStores ? Boolean.TRUE : null, "referenceTokens(Duration)");
            this.referenceIdleTimeout = positive(idleTimeout, "idleTimeout");
            this.referenceTokensFromStores = true;
            return this;
        }

        /**
         * The access-token revocation list; default in memory (use the JDBC one for several nodes).
         *
         * @param revocations the list logout and revocation write to and verification reads
         * @return this builder
         */
        public Builder revocations(RevocationList revocations) {
            this.revocations = Objects.requireNonNull(revocations, "revocations");
            return this;
        }

        /**
         * Default 15 minutes; over an hour needs {@link #allowLongAccessTokens()}.
         *
         * @param lifetime the access-token lifetime
         * @return this builder
         * @throws IllegalArgumentException when it is null, zero or negative
         */
        public Builder accessTokenLifetime(Duration lifetime) {
            this.accessTokenLifetime = positive(lifetime, "accessTokenLifetime");
            return this;
        }

        /**
         * Accepts access-token lifetimes over one hour, for APIs that document one.
         *
         * @return this builder
         */
        public Builder allowLongAccessTokens() {
            this.longAccessTokens = true;
            return this;
        }

        /**
         * The absolute lifetime of a refresh family; default 30 days.
         *
         * @param lifetime the time from the first grant after which the family must log in again
         * @return this builder
         * @throws IllegalArgumentException when it is null, zero or negative
         */
        public Builder refreshTokenLifetime(Duration lifetime) {
            this.refreshLifetime = positive(lifetime, "refreshTokenLifetime");
            return this;
        }

        /**
         * How long a refresh token lives unused; default 7 days (capped at the absolute lifetime).
         *
         * @param lifetime the idle lifetime
         * @return this builder
         * @throws IllegalArgumentException when it is null, zero or negative
         */
        public Builder refreshTokenIdleLifetime(Duration lifetime) {
            this.refreshIdleLifetime = positive(lifetime, "refreshTokenIdleLifetime");
            return this;
        }

        /**
         * A retry of the refresh token just rotated, within this window, gets the very same pair back
         * instead of counting as reuse; default {@link dev.lanyard.auth.refresh.RefreshTokens#DEFAULT_GRACE_WINDOW} (5 seconds),
         * at most 60 seconds. It is for a client whose refresh the server completed but whose answer
         * was lost (a timeout, a dropped connection): its retry with the old token keeps the family
         * alive, where rotation with reuse detection (RFC 9700 section 4.14.2) would log it out. Only
         * the immediate predecessor is forgiven, only while its successor is unused; any other replay,
         * or one after the window, still revokes the whole family. {@link Duration#ZERO} turns it off.
         *
         * <pre>{@code
         * TokenService.builder()...refreshTokens(store)
         *         .refreshGraceWindow(Duration.ZERO) // every replay of a rotated token revokes the family
         *         .build();
         * }</pre>
         *
         * @param window the grace window, 0 to 60 seconds; a positive one needs a refresh-token store
         * @return this builder
         */
        public Builder refreshGraceWindow(Duration window) {
            this.graceWindow = Objects.requireNonNull(window, "window");
            return this;
        }

        /**
         * The lifetime of authorization codes; default 1 minute, at most 10.
         *
         * @param lifetime the code lifetime; over 10 minutes is refused at {@link #build()}
         * @return this builder
         * @throws IllegalArgumentException when it is null, zero or negative
         */
        public Builder authorizationCodeLifetime(Duration lifetime) {
            this.codeLifetime = positive(lifetime, "authorizationCodeLifetime");
            return this;
        }

        /**
         * The verifier's clock skew; default 60 seconds.
         *
         * @param skew the tolerance for {@code exp}, {@code nbf} and {@code iat}
         * @return this builder
         */
        public Builder clockSkew(Duration skew) {
            this.clockSkew = Objects.requireNonNull(skew, "skew");
            return this;
        }

        /**
         * Also issue a refresh token with client_credentials (RFC 6749 says should not; some APIs do).
         *
         * @return this builder
         */
        public Builder refreshTokensForClientCredentials() {
            this.refreshForClientCredentials = true;
            return this;
        }

        /**
         * Issue an id_token with user grants (password, authorization code, refresh).
         *
         * @return this builder
         */
        public Builder idTokens() {
            this.idTokens = true;
            return this;
        }

        /**
         * Accept PKCE {@code plain}; off by default since it protects nothing an attacker can read.
         *
         * @return this builder
         */
        public Builder allowPkcePlain() {
            this.pkcePlainAllowed = true;
            return this;
        }

        /**
         * The password hasher for user passwords and client secrets.
         *
         * @param hasher the hasher; it also upgrades old hashes on login
         * @return this builder
         */
        public Builder hasher(PasswordHasher hasher) {
            this.hasher = Objects.requireNonNull(hasher, "hasher");
            return this;
        }

        /**
         * The guess budget shared by every password and secret check; default a throttle in this
         * process's memory. Nodes that share a database share the budget with a throttle over
         * {@link dev.lanyard.auth.jdbc.JdbcThrottleStore}, whose idle keys {@link TokenService#purge} deletes.
         *
         * <pre>{@code
         * builder.throttle(LoginThrottle.builder().store(new JdbcThrottleStore(dataSource)).events(events).build());
         * }</pre>
         *
         * @param throttle the throttle for principals and addresses
         * @return this builder
         */
        public Builder throttle(LoginThrottle throttle) {
            this.throttle = Objects.requireNonNull(throttle, "throttle");
            return this;
        }

        /**
         * Adds claims to every access token.
         *
         * @param customizer called once per token; it may not set registered claims
         * @return this builder
         */
        public Builder claims(ClaimsCustomizer customizer) {
            this.customizer = Objects.requireNonNull(customizer, "customizer");
            return this;
        }

        /**
         * Adds a listener for audit and metrics; may be called more than once.
         *
         * @param listener called on the request's thread; one that throws is logged and ignored
         * @return this builder
         */
        public Builder listener(AuthEventListener listener) {
            this.listeners.add(Objects.requireNonNull(listener, "listener"));
            return this;
        }

        /**
         * Which client may introspect which access token; default {@link IntrospectionPolicy#defaults()}:
         * its own tokens, tokens whose {@code aud} names it, and every token for a client holding the scope
         * {@value IntrospectionPolicy#PERMISSION}.
         *
         * <pre>{@code
         * // resource servers are the clients whose id starts with "rs-"
         * .introspectionPolicy((caller, tokenClientId, aud) -> caller.clientId().startsWith("rs-")
         *         || caller.clientId().equals(tokenClientId))
         * }</pre>
         *
         * @param policy the policy; one that throws answers {@code active: false}
         * @return this builder
         */
        public Builder introspectionPolicy(IntrospectionPolicy policy) {
            this.introspectionPolicy = Objects.requireNonNull(policy, "policy");
            return this;
        }

        /**
         * The clock for every lifetime and expiry; default the system UTC clock.
         *
         * @param clock the clock to read; a fixed one in tests
         * @return this builder
         */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * Checks the settings together and builds the service.
         *
         * @return an immutable, thread-safe service
         * @throws IllegalStateException naming the setting to change, for a missing part or an insecure or
         *                               contradictory combination
         */
        public TokenService build() {
            require(issuer, "issuer(..)");
            require(keys, "keys(..)");
            require(clients, "clients(..)");
            try {
                SecureUrls.issuer(issuer, insecureIssuer, "call allowInsecureIssuer()");
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException(e.getMessage(), e);
            }
            if (accessTokenLifetime.compareTo(Duration.ofHours(1)) > 0 && !longAccessTokens) {
                throw new IllegalStateException("accessTokenLifetime " + accessTokenLifetime + " is over one hour; "
                        + "shorten it or call allowLongAccessTokens()");
            }
            if (codeLifetime.compareTo(Duration.ofMinutes(10)) > 0) {
                throw new IllegalStateException("authorizationCodeLifetime must be at most 10 minutes (RFC 6749 4.1.2)");
            }
            Assembly.Stores resolved = resolveStores();
            if (graceWindow != null && graceWindow.compareTo(Duration.ZERO) > 0 && resolved.refresh() == null) {
                throw new IllegalStateException("refreshGraceWindow needs refreshTokens(..)");
            }
            if (refreshForClientCredentials && resolved.refresh() == null) {
                throw new IllegalStateException("refreshTokensForClientCredentials() needs refreshTokens(..)");
            }
            if (codes != null && users == null) {
                throw new IllegalStateException("authorizationCodes(..) needs users(..): codes are approved by users");
            }
            if (idTokens && users == null) {
                throw new IllegalStateException("idTokens() needs users(..): id_tokens describe users");
            }
            if (keys.current().active().algorithm().isSymmetric() && resolved.reference() == null) {
                LoggerFactory.getLogger(TokenService.class).warn("HS256 keys: tokens can only be verified "
                        + "by this process; use RS256 for resource servers elsewhere");
            }
            return new TokenService(new Assembly(this, resolved), this);
        }

        /**
         * The stores the service uses, from the bundle or the separate setters, never both for one store.
         * The bundle's code store serves only where there are users to approve codes.
         */
        private Assembly.Stores resolveStores() {
            if (stores == null) {
                if (referenceTokensFromStores) {
                    throw new IllegalStateException("referenceTokens(Duration) needs stores(..); or give the store:"
                            + " referenceTokens(store, idleTimeout)");
                }
                return new Assembly.Stores(refreshStore, codes, referenceTokens, revocations, null);
            }
            conflict(refreshStore, "refreshTokens(..)", "withRefreshTokens");
            conflict(codes, "authorizationCodes(..)", "withAuthorizationCodes");
            conflict(referenceTokens, "referenceTokens(store, idleTimeout)", "withReferenceTokens");
            conflict(revocations, "revocations(..)", "withRevocations");
            return new Assembly.Stores(stores.refreshTokens(), users == null ? null : stores.authorizationCodes(),
                    referenceTokensFromStores ? stores.referenceTokens() : null, stores.revocations(), stores);
        }

        private static void conflict(Object separate, String setter, String with) {
            if (separate != null) {
                throw new IllegalStateException(setter + " and stores(..) both give that store: give it once, as"
                        + " stores(bundle." + with + "(..)) or without the bundle");
            }
        }

        private static void once(Object current, String setting) {
            if (current != null) {
                throw new IllegalStateException(setting + " is already set");
            }
        }

        private static void require(Object value, String setting) {
            if (value == null) {
                throw new IllegalStateException(setting + " is required");
            }
        }

        private static Duration positive(Duration d, String name) {
            if (d == null || d.isZero() || d.isNegative()) {
                throw new IllegalArgumentException(name + " must be positive");
            }
            return d;
        }
    }

}
