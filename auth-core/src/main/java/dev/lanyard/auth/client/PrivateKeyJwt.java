package dev.lanyard.auth.client;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.lanyard.auth.InvalidCredentialsException;
import dev.lanyard.auth.StoreException;
import dev.lanyard.auth.event.AuthEvent.FailureReason;
import dev.lanyard.auth.internal.jws.CompactJws;
import dev.lanyard.auth.internal.jws.HeaderPolicy;
import dev.lanyard.auth.internal.jws.JwsKeys;
import dev.lanyard.auth.key.RemoteJwks;
import dev.lanyard.auth.key.SigningKey;
import dev.lanyard.auth.token.ExpiredTokenException;
import dev.lanyard.auth.token.InvalidClaimException;
import dev.lanyard.auth.token.InvalidTokenException;
import dev.lanyard.auth.token.MalformedTokenException;
import dev.lanyard.auth.token.PrematureTokenException;
import dev.lanyard.auth.token.UnknownKeyException;
import dev.lanyard.auth.token.UnsupportedTokenException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.MalformedURLException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import static dev.lanyard.auth.internal.jws.JwsClaims.audience;
import static dev.lanyard.auth.internal.jws.JwsClaims.optionalTime;
import static dev.lanyard.auth.internal.jws.JwsClaims.requireString;
import static dev.lanyard.auth.internal.jws.JwsClaims.requireTime;

/**
 * The {@code private_key_jwt} client-authentication method (RFC 7523 sections 2.2 and 3, RFC 7521
 * section 4.2): the client signs a short-lived JWT with its private key and sends it as
 * {@code client_assertion}, with {@code client_assertion_type}
 * {@code urn:ietf:params:oauth:client-assertion-type:jwt-bearer}. The server verifies it with the
 * public keys the client registered ({@link Client#jwks()} or {@link Client#jwksUri()}).
 *
 * <p>The assertion passes the JWS layer the access-token verifier uses (strict compact form, no
 * {@code none}, no key taken from {@code jwk}, {@code jku}, {@code x5u} or {@code x5c}, no
 * {@code crit}), with its own profile:
 * <ul>
 *   <li>{@code alg} one of RS256, PS256, ES256, EdDSA (never an HMAC: the client's keys are public);
 *       {@code typ} absent, {@code JWT} or {@code client-authentication+jwt};</li>
 *   <li>the key is the client's registered key named by {@code kid}, or, without a {@code kid}, its
 *       only registered key for that {@code alg} (a {@code jwks_uri} client must always name it);</li>
 *   <li>{@code iss} and {@code sub} both the client id (and the {@code client_id} parameter, when
 *       sent); {@code aud} (a string or an array) holding the issuer or one of the
 *       {@linkplain Builder#audiences endpoint URLs};</li>
 *   <li>{@code exp} required, not past (with the clock skew) and at most
 *       {@linkplain Builder#maxLifetime five minutes} ahead; {@code nbf} and {@code iat}, when present,
 *       not in the future;</li>
 *   <li>{@code jti} required and single-use: a second use within the assertion's lifetime is a
 *       replay ({@link ReplayStore}).</li>
 * </ul>
 * Only clients registered with {@code tokenEndpointAuthMethod: private_key_jwt} pass; such a client
 * has no secret. Each failure is {@code invalid_client} with a description naming the problem, never
 * the assertion.
 *
 * <pre>{@code
 * TokenService tokens = TokenService.builder()
 *         .issuer("https://auth.example")
 *         ...
 *         .clientAuthentication(PrivateKeyJwt.builder(new JdbcReplayStore(dataSource, clock))
 *                 .audiences(List.of("https://auth.example/oauth2/token"))
 *                 .build())
 *         .build();
 * }</pre>
 *
 * <p>Thread-safe; register one per service.
 */
public final class PrivateKeyJwt implements ClientAuthenticationMethod {

    /** The method's RFC 7591 name. */
    public static final String NAME = "private_key_jwt";
    /** The longest assertion lifetime a service may allow. */
    public static final Duration MAX_LIFETIME = Duration.ofMinutes(10);

    private static final Logger LOG = LoggerFactory.getLogger(PrivateKeyJwt.class);
    private static final Set<String> ALGORITHMS = Set.of("RS256", "PS256", "ES256", "EdDSA");
    private static final HeaderPolicy HEADERS = new HeaderPolicy(ALGORITHMS, typ -> {
        if (typ == null) {
            return;
        }
        String t = typ instanceof String s ? s.toLowerCase(Locale.ROOT) : "";
        t = t.startsWith("application/") ? t.substring("application/".length()) : t;
        if (!t.equals("jwt") && !t.equals("client-authentication+jwt")) {
            throw new UnsupportedTokenException("typ must be absent, 'JWT' or 'client-authentication+jwt';"
                    + " this is not a client assertion");
        }
    });

    private final ReplayStore replays;
    private final Set<String> audiences;
    private final Duration maxLifetime;
    private final Duration skew;
    private final int maxSize;
    private final boolean insecureJwksUri;
    private final Clock clock; // null: the authenticator's
    private final CompactJws jws;
    private final Cache<String, List<SigningKey>> registered = Caffeine.newBuilder().maximumSize(1_000).build();
    private final Cache<URI, RemoteJwks> remote = Caffeine.newBuilder().maximumSize(1_000)
            .expireAfterAccess(Duration.ofHours(1)).build();
    private final AtomicLong nextPurge = new AtomicLong();

    private PrivateKeyJwt(Builder b) {
        this.replays = b.replays;
        this.audiences = Set.copyOf(b.audiences);
        this.maxLifetime = b.maxLifetime;
        this.skew = b.skew;
        this.maxSize = b.maxSize;
        this.insecureJwksUri = b.insecureJwksUri;
        this.clock = b.clock;
        // No header cache: whose keys a header names depends on the client, not on the header alone.
        this.jws = new CompactJws(HEADERS, 0, Clock.systemUTC());
    }

    /**
     * Starts a builder.
     *
     * @param replays where used {@code jti}s are kept: a {@code JdbcReplayStore} when several nodes
     *                share the clients, else an {@link InMemoryReplayStore}
     * @return a builder with the defaults
     * @throws NullPointerException when {@code replays} is null
     */
    public static Builder builder(ReplayStore replays) {
        return new Builder(replays);
    }

    @Override
    public String name() {
        return NAME;
    }

    /**
     * Applies to a {@code client_assertion} of type {@link ClientCredential#JWT_BEARER}.
     */
    @Override
    public boolean appliesTo(ClientCredential credential) {
        return credential.presentation() == ClientCredential.Presentation.ASSERTION
                && ClientCredential.JWT_BEARER.equals(credential.assertionType().orElse(null));
    }

    @Override
    public Client authenticate(ClientCredential credential, ClientAuthenticationContext context) {
        String assertion = credential.assertion().orElse("");
        if (assertion.isEmpty() || assertion.length() > maxSize) {
            throw fail(context, FailureReason.MALFORMED, "the client assertion is empty or over " + maxSize
                    + " characters");
        }
        String clientId = claimedClient(assertion, context);
        if (credential.clientId().isPresent() && !credential.clientId().get().equals(clientId)) {
            throw fail(context, FailureReason.WRONG_CREDENTIALS, "client_id differs from the client assertion's sub");
        }
        Client client = context.client(clientId).filter(c -> c.acceptsAuthMethod(NAME)).orElseThrow(
                () -> fail(context, FailureReason.UNKNOWN,
                        "the client assertion's sub is not a client registered for private_key_jwt"));
        Clock now = clock != null ? clock : context.clock();
        Set<String> accepted = new LinkedHashSet<>(audiences);
        context.issuer().ifPresent(accepted::add);
        Checked checked;
        try {
            checked = jws.verify(assertion, keysOf(client), null,
                    (claims, key) -> checkClaims(claims, client.clientId(), accepted, now.instant()));
        } catch (InvalidTokenException e) {
            throw fail(context, e instanceof MalformedTokenException ? FailureReason.MALFORMED
                    : FailureReason.WRONG_CREDENTIALS, "the client assertion is refused: " + e.getMessage());
        } catch (StoreException e) {
            LOG.warn("cannot fetch the keys of client {} from its jwks_uri: {}", client.clientId(), e.getMessage());
            throw fail(context, FailureReason.WRONG_CREDENTIALS,
                    "the keys at the client's jwks_uri cannot be fetched now");
        }
        if (!replays.firstUse(client.clientId(), checked.jti(), checked.expiresAt().plus(skew))) {
            throw fail(context, FailureReason.WRONG_CREDENTIALS,
                    "the client assertion's jti was used before (a replay); sign a new assertion for each request");
        }
        purgeNowAndThen(now.instant());
        return client;
    }

    /** The client the assertion names, read before its signature is checked only to choose the keys. */
    private String claimedClient(String assertion, ClientAuthenticationContext context) {
        Map<String, Object> claims;
        try {
            claims = CompactJws.unverifiedPayload(assertion);
        } catch (MalformedTokenException e) {
            throw fail(context, FailureReason.MALFORMED, "the client assertion is not a signed JWT: " + e.getMessage());
        }
        Object iss = claims.get("iss");
        Object sub = claims.get("sub");
        if (!(sub instanceof String s) || s.isEmpty() || !(iss instanceof String)) {
            throw fail(context, FailureReason.MALFORMED, "the client assertion needs iss and sub, both the client id");
        }
        if (!iss.equals(sub)) {
            throw fail(context, FailureReason.WRONG_CREDENTIALS,
                    "the client assertion's iss and sub must both be the client id (RFC 7523 section 3)");
        }
        return s;
    }

    /** The assertion's verified {@code jti} and {@code exp}. */
    private record Checked(String jti, Instant expiresAt) {
    }

    private Checked checkClaims(Map<String, Object> claims, String clientId, Set<String> accepted, Instant now) {
        if (!clientId.equals(requireString(claims, "iss")) || !clientId.equals(requireString(claims, "sub"))) {
            throw new MalformedTokenException("iss and sub must both be the client id");
        }
        List<String> aud = audience(claims, "the assertion has no 'aud'; it must name this server");
        if (aud.stream().noneMatch(accepted::contains)) {
            throw new InvalidClaimException("aud names neither this server's issuer nor the "
                    + "endpoint's URL");
        }
        Instant exp = requireTime(claims, "exp");
        if (!now.isBefore(exp.plus(skew))) {
            throw new ExpiredTokenException("the assertion expired at " + exp);
        }
        if (exp.isAfter(now.plus(maxLifetime).plus(skew))) {
            throw new InvalidClaimException("exp is more than " + maxLifetime.toMinutes()
                    + " minutes ahead; sign short-lived assertions");
        }
        Instant nbf = optionalTime(claims, "nbf");
        if (nbf != null && nbf.minus(skew).isAfter(now)) {
            throw new PrematureTokenException("the assertion is not valid before " + nbf + " (nbf)");
        }
        Instant iat = optionalTime(claims, "iat");
        if (iat != null && iat.minus(skew).isAfter(now)) {
            throw new PrematureTokenException("the assertion claims to be issued in the future");
        }
        Object jti = claims.get("jti");
        if (!(jti instanceof String id) || id.isEmpty() || id.length() > 255) {
            throw new MalformedTokenException("the required claim 'jti' is missing, or not a string of 1 to 255"
                    + " characters; it makes each assertion single-use");
        }
        return new Checked(id, exp);
    }

    private JwsKeys keysOf(Client client) {
        if (client.jwksJson() != null) {
            List<SigningKey> keys = registered.get(client.jwksJson(), ClientKeys::signingKeys);
            return (kid, alg) -> registeredKey(keys, kid, alg);
        }
        URI uri = client.jwksUri().orElseThrow(
                () -> new UnknownKeyException("the client has registered no keys"));
        RemoteJwks source = remote.get(uri, this::remoteJwks);
        return (kid, alg) -> {
            if (kid == null) {
                throw new UnknownKeyException("the assertion has no 'kid'; a client with a jwks_uri names its key");
            }
            SigningKey key = source.find(kid).orElseThrow(
                    () -> new UnknownKeyException("the assertion's kid names no key at the client's jwks_uri"));
            return requireAlgorithm(key, alg);
        };
    }

    private static SigningKey registeredKey(List<SigningKey> keys, String kid, String alg) {
        if (kid != null) {
            List<SigningKey> named = keys.stream().filter(k -> k.kid().equals(kid)).toList();
            if (named.isEmpty()) {
                throw new UnknownKeyException("the assertion's kid names none of the client's registered keys");
            }
            return named.stream().filter(k -> k.algorithm().jwsName().equals(alg)).findFirst()
                    .orElseGet(() -> requireAlgorithm(named.get(0), alg));
        }
        List<SigningKey> matching = new ArrayList<>();
        for (SigningKey k : keys) {
            if (k.algorithm().jwsName().equals(alg)) {
                matching.add(k);
            }
        }
        if (matching.size() != 1) {
            throw new UnknownKeyException(matching.isEmpty()
                    ? "none of the client's registered keys verifies the assertion's alg"
                    : "the client has several keys for the assertion's alg; the assertion must name one with kid");
        }
        return matching.get(0);
    }

    private static SigningKey requireAlgorithm(SigningKey key, String alg) {
        if (!key.algorithm().jwsName().equals(alg)) {
            throw new UnsupportedTokenException("the assertion's alg is not the algorithm of the key its kid names,"
                    + " which verifies only " + key.algorithm().jwsName());
        }
        return key;
    }

    private RemoteJwks remoteJwks(URI uri) {
        try {
            RemoteJwks.Builder b = RemoteJwks.builder(uri.toURL());
            if (insecureJwksUri) {
                b.allowInsecureHttp();
            }
            return b.build();
        } catch (MalformedURLException | IllegalArgumentException | IllegalStateException e) {
            throw new UnknownKeyException("the client's jwks_uri cannot be used: " + e.getMessage());
        }
    }

    /** Deletes expired ids about once a minute, so that a store nobody purges stays small. */
    private void purgeNowAndThen(Instant now) {
        long due = nextPurge.get();
        if (now.toEpochMilli() < due || !nextPurge.compareAndSet(due, now.toEpochMilli() + 60_000)) {
            return;
        }
        try {
            replays.purge(now);
        } catch (RuntimeException e) {
            LOG.warn("could not purge expired client-assertion ids: {}", e.getMessage());
        }
    }

    private static InvalidCredentialsException fail(ClientAuthenticationContext context, FailureReason reason,
                                                    String problem) {
        context.failure(reason); // the reason for the events
        return InvalidCredentialsException.forClient(problem);
    }

    @Override
    public String toString() {
        return "PrivateKeyJwt[audiences=" + audiences + ", maxLifetime=" + maxLifetime + "]";
    }

    /** Builds a {@link PrivateKeyJwt}; each setting may be given once. */
    public static final class Builder {
        private final ReplayStore replays;
        private Collection<String> audiences;
        private Duration maxLifetime;
        private Duration skew;
        private Integer maxSize;
        private boolean insecureJwksUri;
        private Clock clock;

        private Builder(ReplayStore replays) {
            this.replays = Objects.requireNonNull(replays, "replays");
        }

        /**
         * The URLs an assertion's {@code aud} may name besides the service's issuer, which is always
         * accepted: the token, revocation and introspection endpoints' URLs (RFC 7523 section 3 lets the
         * client name the endpoint). Default none.
         *
         * <pre>{@code
         * builder.audiences(List.of(issuer + "/oauth2/token", issuer + "/oauth2/revoke", issuer + "/oauth2/introspect"));
         * }</pre>
         *
         * @param audiences absolute URLs, compared exactly
         * @return this builder
         * @throws IllegalStateException    when set twice
         * @throws IllegalArgumentException when one is blank
         */
        public Builder audiences(Collection<String> audiences) {
            once(this.audiences, "audiences");
            for (String a : audiences) {
                if (a == null || a.isBlank()) {
                    throw new IllegalArgumentException("an audience must not be blank");
                }
            }
            this.audiences = List.copyOf(audiences);
            return this;
        }

        /**
         * How far ahead an assertion's {@code exp} may be; default 5 minutes. A long-lived assertion is one
         * an eavesdropper may replay against another server, and one the replay store must remember longer.
         *
         * @param lifetime from 1 second to {@link PrivateKeyJwt#MAX_LIFETIME}
         * @return this builder
         * @throws IllegalStateException    when set twice
         * @throws IllegalArgumentException outside that range
         */
        public Builder maxLifetime(Duration lifetime) {
            once(this.maxLifetime, "maxLifetime");
            if (lifetime == null || lifetime.compareTo(Duration.ofSeconds(1)) < 0 || lifetime.compareTo(MAX_LIFETIME) > 0) {
                throw new IllegalArgumentException("maxLifetime must be between 1 second and " + MAX_LIFETIME
                        + ", got " + lifetime);
            }
            this.maxLifetime = lifetime;
            return this;
        }

        /**
         * The tolerance for {@code exp}, {@code nbf} and {@code iat}; default 60 seconds.
         *
         * @param skew from zero to 5 minutes
         * @return this builder
         * @throws IllegalStateException    when set twice
         * @throws IllegalArgumentException outside that range
         */
        public Builder clockSkew(Duration skew) {
            once(this.skew, "clockSkew");
            if (skew == null || skew.isNegative() || skew.compareTo(Duration.ofMinutes(5)) > 0) {
                throw new IllegalArgumentException("clockSkew must be between 0 and 5 minutes, got " + skew);
            }
            this.skew = skew;
            return this;
        }

        /**
         * Assertions longer than this are refused unparsed; default 8192 characters.
         *
         * @param characters from 1024 to 65536
         * @return this builder
         * @throws IllegalStateException    when set twice
         * @throws IllegalArgumentException outside that range
         */
        public Builder maxAssertionSize(int characters) {
            once(this.maxSize, "maxAssertionSize");
            if (characters < 1024 || characters > 65536) {
                throw new IllegalArgumentException("maxAssertionSize must be between 1024 and 65536, got " + characters);
            }
            this.maxSize = characters;
            return this;
        }

        /**
         * The clock of {@code exp}, {@code nbf} and {@code iat}; default the clock of the authenticator
         * that calls this method (the service's).
         *
         * @param clock the clock; a fake one in tests
         * @return this builder
         * @throws IllegalStateException when set twice
         */
        public Builder clock(Clock clock) {
            once(this.clock, "clock");
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * Fetches a client's {@code jwks_uri} over plain http to a host that is not loopback, for
         * development only: whoever can change that traffic can then authenticate as the client.
         *
         * @return this builder
         */
        public Builder allowInsecureJwksUri() {
            this.insecureJwksUri = true;
            return this;
        }

        /**
         * Builds the method.
         *
         * @return the thread-safe method, to register with {@code TokenService.builder().clientAuthentication(..)}
         */
        public PrivateKeyJwt build() {
            audiences = audiences == null ? List.of() : audiences;
            maxLifetime = maxLifetime == null ? Duration.ofMinutes(5) : maxLifetime;
            skew = skew == null ? Duration.ofSeconds(60) : skew;
            maxSize = maxSize == null ? 8192 : maxSize;
            return new PrivateKeyJwt(this);
        }

        private static void once(Object current, String name) {
            if (current != null) {
                throw new IllegalStateException(name + " was already set");
            }
        }
    }
}
