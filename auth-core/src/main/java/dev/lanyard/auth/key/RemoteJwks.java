package dev.lanyard.auth.key;

import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKMatcher;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.KeyType;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.jwk.source.RateLimitReachedException;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import dev.lanyard.auth.StoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URL;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Resource-server mode: the public keys of a remote Lanyard (or any RFC 7517 JWKS endpoint), fetched
 * over HTTPS (plain http only to a loopback host, or with {@link Builder#allowInsecureHttp()}) and
 * cached. Built on Nimbus's {@link JWKSourceBuilder}: the set is cached, refreshed ahead
 * of expiry, refetched when a token names an unknown {@code kid} (at most once per
 * {@link Builder#minRefetchInterval(Duration) interval}, so a flood of made-up key ids cannot turn the
 * verifier into a fetch amplifier), and served from cache through an outage of the endpoint.
 *
 * <pre>{@code
 * RemoteJwks jwks = RemoteJwks.builder(new URL("https://auth.example/oauth2/jwks")).build();
 * AccessTokenVerifier verifier = AccessTokenVerifier.builder()
 *         .issuer("https://auth.example")
 *         .audience("https://api.example")
 *         .keys(jwks)
 *         .build();
 * }</pre>
 *
 * <p>Symmetric ({@code oct}) keys are never taken from a remote set, and a remote key verifies only
 * with the algorithm its {@code alg} names (or its type's default when absent). Keys removed from the
 * remote set stop verifying new tokens at the next refresh; tokens already in a verifier's cache stay
 * valid until they expire or are revoked.
 */
public final class RemoteJwks implements KeySource {

    private static final Logger LOG = LoggerFactory.getLogger(RemoteJwks.class);
    /** Nimbus refreshes a cached set this long before it expires. */
    private static final Duration REFRESH_AHEAD = Duration.ofMillis(JWKSourceBuilder.DEFAULT_REFRESH_AHEAD_TIME);

    private final URL url;
    private final Duration retryAfter;
    private final JWKSource<SecurityContext> source;
    /** Whether the last fetch failed: an outage is logged when it starts and when it ends, not per request. */
    private final AtomicBoolean down = new AtomicBoolean();
    private final Map<String, SigningKey> converted = new ConcurrentHashMap<>();

    private RemoteJwks(Builder b) {
        this.url = b.url;
        // a failed fetch is retried no sooner than the refetch interval allows
        this.retryAfter = b.minRefetchInterval;
        DefaultResourceRetriever retriever = new DefaultResourceRetriever(
                (int) b.timeout.toMillis(), (int) b.timeout.toMillis(), b.maxSize);
        this.source = JWKSourceBuilder.create(b.url, retriever)
                .cache(b.timeToLive.toMillis(), b.timeout.toMillis())
                .refreshAheadCache(true)
                .rateLimited(b.minRefetchInterval.toMillis())
                .outageTolerant(b.outageTolerance.toMillis())
                .retrying(true)
                .build();
    }

    /**
     * Starts a source that fetches the issuer's JWKS from this URL.
     *
     * @param url the {@code jwks_uri}: https, or http to a loopback host
     * @return a builder with the defaults
     * @throws NullPointerException when {@code url} is null
     */
    public static Builder builder(URL url) {
        return new Builder(url);
    }

    /** Whether a JWKS was ever fetched (and parsed): until then a failed fetch is an outage, not a bad kid. */
    private volatile boolean fetchedOnce;

    /**
     * The key with this id from the remote set.
     *
     * @throws StoreException ({@code temporarily_unavailable}) when no set could ever be fetched: the
     *                        issuer is down or the URL wrong, so no token can be judged yet
     */
    @Override
    public Optional<SigningKey> find(String kid) {
        if (kid == null) {
            return Optional.empty();
        }
        List<JWK> matches;
        try {
            matches = source.get(new JWKSelector(new JWKMatcher.Builder().keyID(kid).build()), null);
        } catch (RateLimitReachedException e) {
            if (!fetchedOnce) {
                // Still no key set: the outage goes on (Nimbus 10.10 may answer the first call this way too).
                failed(e);
                throw StoreException.outage("the JWKS from " + url + " could not be fetched yet; retrying shortly", e,
                        retryAfter);
            }
            // Nothing failed: an unknown kid came too soon after the last refetch. Not a warning, or a
            // flood of made-up key ids would flood the log instead of the endpoint.
            LOG.debug("not refetching the JWKS from {} for an unknown kid: refetched too recently", url);
            return Optional.empty();
        } catch (KeySourceException e) {
            failed(e);
            if (!fetchedOnce) {
                // No key is known at all: every token would be refused. That is the issuer's outage (or a
                // wrong URL), not the caller's bad token, so the answer is 'try later', not invalid_token.
                throw StoreException.outage("cannot fetch the JWKS from " + url + " and no keys are known yet: "
                        + e.getMessage(), e, retryAfter);
            }
            // A set was fetched before: it is what this verifier trusts, and an unknown kid gets the
            // unknown-key error (a made-up kid during an outage must not turn into a 503).
            return Optional.empty();
        }
        if (down.compareAndSet(true, false)) {
            LOG.info("the JWKS from {} can be fetched again", url);
        }
        fetchedOnce = true;
        if (matches.size() != 1) {
            return Optional.empty();
        }
        JWK jwk = matches.get(0);
        if (KeyType.OCT.equals(jwk.getKeyType())) {
            return Optional.empty();
        }
        JWK publicJwk = jwk.toPublicJWK();
        SigningKey cached = converted.get(kid);
        if (cached != null && publicJwk.equals(cached.publicJwkObject())) {
            return Optional.of(cached);
        }
        try {
            SigningKey key = SigningKey.fromJwk(publicJwk);
            converted.put(kid, key);
            return Optional.of(key);
        } catch (IllegalArgumentException e) {
            LOG.warn("ignoring unusable key in the JWKS from {}: {}", url, e.getMessage());
            return Optional.empty();
        }
    }

    /**
     * Logs the first failure of an outage as a warning with its reason (no stack trace: the reason is
     * all an operator can act on), and the others at debug: every request meanwhile fails the same way.
     */
    private void failed(KeySourceException e) {
        if (down.compareAndSet(false, true)) {
            LOG.warn("cannot fetch the JWKS from {}: {}; until it is back, tokens needing an unknown key are refused "
                    + "(503 while no key is known); further failures are logged at debug", url, e.getMessage());
        } else {
            LOG.debug("cannot fetch the JWKS from {}: {}", url, e.getMessage());
        }
    }

    @Override
    public String toString() {
        return "RemoteJwks[" + url + "]";
    }

    /** Builds a {@link RemoteJwks}; every setting has a sensible default. */
    public static final class Builder {
        private final URL url;
        private Duration timeToLive = Duration.ofMinutes(5);
        private Duration timeout = Duration.ofSeconds(5);
        private Duration minRefetchInterval = Duration.ofSeconds(30);
        private Duration outageTolerance = Duration.ofHours(4);
        private int maxSize = 256 * 1024;
        private boolean insecureHttp;

        private Builder(URL url) {
            this.url = Objects.requireNonNull(url, "url");
        }

        /**
         * How long a fetched set is used before it is refreshed; default 5 minutes.
         *
         * @param ttl the time to live
         * @return this builder
         * @throws IllegalArgumentException when it is null, zero or negative
         */
        public Builder timeToLive(Duration ttl) {
            this.timeToLive = positive(ttl, "timeToLive");
            return this;
        }

        /**
         * Connect and read timeout of a fetch; default 5 seconds.
         *
         * @param timeout each of the two timeouts
         * @return this builder
         * @throws IllegalArgumentException when it is null, zero or negative
         */
        public Builder timeout(Duration timeout) {
            this.timeout = positive(timeout, "timeout");
            return this;
        }

        /**
         * The shortest time between two fetches caused by unknown key ids; default 30 seconds.
         *
         * @param interval the interval; tokens naming unknown keys meanwhile are refused without a fetch
         * @return this builder
         * @throws IllegalArgumentException when it is null, zero or negative
         */
        public Builder minRefetchInterval(Duration interval) {
            this.minRefetchInterval = positive(interval, "minRefetchInterval");
            return this;
        }

        /**
         * How long the last good set keeps serving while the endpoint is down; default 4 hours.
         *
         * @param tolerance the tolerance
         * @return this builder
         * @throws IllegalArgumentException when it is null, zero or negative
         */
        public Builder outageTolerance(Duration tolerance) {
            this.outageTolerance = positive(tolerance, "outageTolerance");
            return this;
        }

        /**
         * The largest JWKS document accepted, in bytes; default 256 KiB.
         *
         * @param bytes at least 1024
         * @return this builder
         * @throws IllegalArgumentException when it is under 1024
         */
        public Builder maxSize(int bytes) {
            if (bytes < 1024) {
                throw new IllegalArgumentException("maxSize must be at least 1024 bytes");
            }
            this.maxSize = bytes;
            return this;
        }

        /**
         * Accepts a plain-http URL to a host that is not loopback, for development only: whoever can change
         * the traffic can then publish their own keys and mint tokens this verifier accepts.
         *
         * @return this builder
         */
        public Builder allowInsecureHttp() {
            this.insecureHttp = true;
            return this;
        }

        /**
         * Checks the settings together and builds the source.
         *
         * @return the thread-safe key source
         * @throws IllegalStateException for contradictory durations, or a plain-http URL to a host that is
         *                               not loopback without {@link #allowInsecureHttp()}
         */
        public RemoteJwks build() {
            try {
                dev.lanyard.auth.internal.SecureUrls.remote(url.toURI(), "the JWKS URL", insecureHttp,
                        "call allowInsecureHttp()");
            } catch (java.net.URISyntaxException | IllegalArgumentException e) {
                throw new IllegalStateException(e instanceof IllegalArgumentException ? e.getMessage()
                        : "the JWKS URL is not a valid URI", e);
            }
            if (minRefetchInterval.compareTo(timeToLive) >= 0) {
                throw new IllegalStateException("minRefetchInterval (" + minRefetchInterval
                        + ") must be shorter than timeToLive (" + timeToLive + ")");
            }
            if (timeout.plus(REFRESH_AHEAD).compareTo(timeToLive) >= 0) {
                throw new IllegalStateException("timeToLive (" + timeToLive + ") must exceed timeout (" + timeout
                        + ") plus the " + REFRESH_AHEAD.toSeconds() + " s refresh-ahead margin");
            }
            return new RemoteJwks(this);
        }

        private static Duration positive(Duration d, String name) {
            if (d == null || d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException(name + " must be positive");
            }
            return d;
        }
    }
}
