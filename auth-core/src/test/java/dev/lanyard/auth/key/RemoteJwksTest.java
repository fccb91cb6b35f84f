package dev.lanyard.auth.key;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.lanyard.auth.OAuthError;
import dev.lanyard.auth.StoreException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static dev.lanyard.auth.key.KeyTesting.sign;
import static dev.lanyard.auth.key.KeyTesting.verifies;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A real HTTP JWKS endpoint on the loopback interface. Nimbus's cache runs on the system clock, so no
 * assertion here depends on time passing: each test uses a fresh {@link RemoteJwks} and relies only on
 * what happens within one refetch interval.
 */
class RemoteJwksTest {

    static SigningKey rsa;
    static SigningKey rsa2;
    static SigningKey hmac;

    final AtomicReference<String> published = new AtomicReference<>();
    final AtomicInteger fetches = new AtomicInteger();
    HttpServer server;
    URL url;

    @BeforeAll
    static void keys() {
        rsa = SigningKey.generate(SigningAlgorithm.RS256);
        rsa2 = SigningKey.generate(SigningAlgorithm.RS256);
        hmac = SigningKey.generate(SigningAlgorithm.HS256);
    }

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/jwks", this::serve);
        server.start();
        url = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/jwks").toURL();
        publish(rsa);
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private void serve(HttpExchange exchange) throws IOException {
        fetches.incrementAndGet();
        byte[] body = published.get().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    /** Serves the public JWKS of a ring holding these keys, as a Lanyard issuer would. */
    private void publish(SigningKey... keys) {
        List<JWK> jwks = new ArrayList<>();
        for (SigningKey key : keys) {
            jwks.add(key.publicJwkObject());
        }
        published.set(new JWKSet(jwks).toString(true));
    }

    private RemoteJwks remote() {
        return RemoteJwks.builder(url).build();
    }

    @Test
    void findPublishedRs256KeyThenFoundAndVerifiesWhatThePrivateKeySigned() {
        RemoteJwks remote = remote();

        Optional<SigningKey> found = remote.find(rsa.kid());

        assertThat(found).isPresent();
        SigningKey key = found.orElseThrow();
        assertThat(key.kid()).isEqualTo(rsa.kid());
        assertThat(key.algorithm()).isEqualTo(SigningAlgorithm.RS256);
        assertThat(key.canSign()).isFalse();
        assertThat(verifies(key, sign(rsa, "{\"sub\":\"alice\"}"))).isTrue();
        assertThat(verifies(key, sign(rsa2, "{\"sub\":\"alice\"}"))).isFalse();
        assertThat(fetches).hasValue(1);
    }

    @Test
    void findSameKidAgainThenServedFromCacheWithoutRefetch() {
        RemoteJwks remote = remote();
        SigningKey first = remote.find(rsa.kid()).orElseThrow();

        for (int i = 0; i < 20; i++) {
            assertThat(remote.find(rsa.kid())).containsSame(first);
        }

        assertThat(fetches).hasValue(1);
    }

    @Test
    void findUnknownKidThenEmpty() {
        RemoteJwks remote = remote();

        assertThat(remote.find("no-such-kid")).isEmpty();
        assertThat(remote.find(null)).isEmpty();
    }

    @Test
    void findNewlyPublishedKidThenRefetchesAndFindsIt() {
        RemoteJwks remote = remote();
        assertThat(remote.find(rsa.kid())).isPresent();
        assertThat(fetches).hasValue(1);
        publish(rsa2, rsa); // the issuer published its next key

        Optional<SigningKey> found = remote.find(rsa2.kid());

        assertThat(found).isPresent();
        assertThat(fetches).hasValue(2);
        assertThat(verifies(found.orElseThrow(), sign(rsa2, "{}"))).isTrue();
        assertThat(remote.find(rsa.kid())).isPresent();
        assertThat(fetches).hasValue(2);
    }

    @Test
    void findManyMadeUpKidsThenFetchCountStaysBounded() {
        RemoteJwks remote = remote();
        assertThat(remote.find(rsa.kid())).isPresent();

        for (int i = 0; i < 100; i++) {
            assertThat(remote.find("made-up-" + i)).isEmpty();
        }

        assertThat(fetches.get()).as("fetches for 1 real and 100 made-up kids").isLessThanOrEqualTo(2);
        assertThat(remote.find(rsa.kid())).as("the cached set still serves the real key").isPresent();
    }

    @Test
    void findManyMadeUpKidsThenNoWarningPerLookup() throws IOException {
        String rs384 = rsa2.publicJwkObject().toJSONString().replace("\"RS256\"", "\"RS384\"");
        server.createContext("/odd", exchange -> {
            byte[] body = ("{\"keys\":[" + rs384 + "]}").getBytes(StandardCharsets.US_ASCII);
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        RemoteJwks remote = remote();
        assertThat(remote.find(rsa.kid())).isPresent();
        RemoteJwks odd = RemoteJwks.builder(URI.create(url.toString().replace("/jwks", "/odd")).toURL()).build();
        PrintStream originalErr = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            for (int i = 0; i < 50; i++) {
                remote.find("made-up-" + i);
            }
            odd.find(rsa2.kid()); // an unusable published key is a real warning: proves the capture works
        } finally {
            System.setErr(originalErr);
        }

        // slf4j-simple writes to the current System.err: only the real failure is a warning.
        assertThat(captured.toString(StandardCharsets.UTF_8).lines().filter(l -> l.contains("WARN")))
                .singleElement().asString().contains("/odd");
    }

    @Test
    void findMadeUpKidsFirstThenFetchCountStaysBounded() {
        RemoteJwks remote = remote();

        for (int i = 0; i < 50; i++) {
            assertThat(remote.find("made-up-" + i)).isEmpty();
        }

        assertThat(fetches.get()).isLessThanOrEqualTo(2);
    }

    @Test
    void findOctKeyPublishedInTheRemoteSetThenNeverReturned() {
        Map<String, Object> secret = hmac.privateJwk().toJSONObject();
        String withSecret = "{\"keys\":[" + rsa.publicJwkObject().toJSONString() + ","
                + com.nimbusds.jose.util.JSONObjectUtils.toJSONString(secret) + "]}";
        published.set(withSecret);
        RemoteJwks remote = remote();

        assertThat(remote.find(hmac.kid())).isEmpty();
        assertThat(remote.find(hmac.kid())).isEmpty();
        assertThat(remote.find(rsa.kid())).isPresent();
    }

    @Test
    void findKeyPublishedWithItsPrivatePartThenReturnedVerifyOnly() {
        published.set("{\"keys\":[" + rsa.privateJwk().toJSONString() + "]}");
        RemoteJwks remote = remote();

        SigningKey found = remote.find(rsa.kid()).orElseThrow();

        assertThat(found.canSign()).isFalse();
        assertThat(found.privateJwk().isPrivate()).isFalse();
    }

    @Test
    void findKeyWithUnsupportedAlgOrEncUseThenEmpty() {
        String rs384 = rsa.publicJwkObject().toJSONString().replace("\"RS256\"", "\"RS384\"");
        String enc = rsa2.publicJwkObject().toJSONString().replace("\"sig\"", "\"enc\"");
        published.set("{\"keys\":[" + rs384 + "," + enc + "]}");
        RemoteJwks remote = remote();

        assertThat(remote.find(rsa.kid())).isEmpty();
        assertThat(remote.find(rsa2.kid())).isEmpty();
    }

    @Test
    void findAfterServerStopsThenPreviouslyFetchedKeyStillFound() {
        RemoteJwks remote = remote();
        SigningKey before = remote.find(rsa.kid()).orElseThrow();
        server.stop(0);

        assertThat(remote.find(rsa.kid())).containsSame(before);
        // An unknown kid forces a refetch against the dead endpoint: no exception, just no key...
        assertThat(remote.find("made-up")).isEmpty();
        // ...and the last good set keeps serving.
        assertThat(remote.find(rsa.kid())).containsSame(before);
        assertThat(verifies(remote.find(rsa.kid()).orElseThrow(), sign(rsa, "{}"))).isTrue();
    }

    @Test
    void findWhenEndpointWasNeverReachableThenTemporarilyUnavailableNotAnUnknownKey() {
        server.stop(0);
        RemoteJwks remote = remote();

        // no key is known at all: the issuer's outage, not the caller's bad token
        for (int i = 0; i < 3; i++) { // the first fetch fails, the next ones are rate-limited: same answer
            assertThatThrownBy(() -> remote.find(rsa.kid())).isInstanceOfSatisfying(StoreException.class, e -> {
                assertThat(e.isTransient()).isTrue();
                assertThat(e.error()).isEqualTo(OAuthError.TEMPORARILY_UNAVAILABLE);
            });
        }
    }

    @Test
    void findDuringAnOutageThenOneWarningWithoutStackTraceAndAnInfoAtRecovery() throws Exception {
        int port = server.getAddress().getPort();
        server.stop(0);
        RemoteJwks remote = RemoteJwks.builder(url).minRefetchInterval(Duration.ofMillis(50)).build();
        PrintStream originalErr = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            for (int i = 0; i < 5; i++) {
                assertThatThrownBy(() -> remote.find(rsa.kid())).isInstanceOfSatisfying(StoreException.class, e -> {
                    assertThat(e.outageLogged()).isTrue();
                    assertThat(e.retryAfter()).contains(Duration.ofMillis(50));
                });
            }
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
            server.createContext("/jwks", this::serve);
            server.start();
            // the next fetch is allowed 50 ms after the last failed one: poll, bounded in count and time
            Optional<SigningKey> found = Optional.empty();
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            for (int i = 0; i < 500 && found.isEmpty() && System.nanoTime() < deadline; i++) {
                try {
                    found = remote.find(rsa.kid());
                } catch (StoreException stillRateLimited) {
                    Thread.sleep(10); // Nimbus's rate limit runs on the system clock
                }
            }
            assertThat(found).as("the key once the endpoint is back").isPresent();
        } finally {
            System.setErr(originalErr);
        }

        String log = captured.toString(StandardCharsets.UTF_8);
        assertThat(log.lines().filter(l -> l.contains("WARN"))).singleElement().asString()
                .contains("cannot fetch the JWKS from " + url);
        assertThat(log.lines().filter(l -> l.contains("INFO"))).singleElement().asString()
                .contains("can be fetched again");
        assertThat(log).as("no stack trace").doesNotContain("\tat ");
    }

    @Test
    void findWhenEndpointServesGarbageThenTemporarilyUnavailable() {
        published.set("<html>not a JWKS</html>");
        RemoteJwks remote = remote();

        assertThatThrownBy(() -> remote.find(rsa.kid())).isInstanceOf(StoreException.class)
                .hasMessageContaining("cannot fetch the JWKS");
    }

    @Test
    void builderWithPlainHttpToANonLoopbackHostThenRefusedUnlessAllowed() throws Exception {
        URL plain = URI.create("http://auth.example/oauth2/jwks").toURL();

        assertThatThrownBy(() -> RemoteJwks.builder(plain).build()).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("the JWKS URL 'http://auth.example/oauth2/jwks' uses plain http")
                .hasMessageContaining("use https").hasMessageContaining("allowInsecureHttp()");
        assertThat(RemoteJwks.builder(plain).allowInsecureHttp().build()).isNotNull();
        assertThat(RemoteJwks.builder(URI.create("http://localhost:8080/jwks").toURL()).build()).isNotNull();
        assertThat(RemoteJwks.builder(URI.create("https://auth.example/oauth2/jwks").toURL()).build()).isNotNull();
    }

    @Test
    void builderWithRefetchIntervalNotShorterThanTimeToLiveThenRefused() {
        RemoteJwks.Builder builder = RemoteJwks.builder(url).timeToLive(Duration.ofMinutes(1))
                .minRefetchInterval(Duration.ofMinutes(1));

        assertThatThrownBy(builder::build)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("minRefetchInterval");
    }

    @Test
    void builderWithNonPositiveDurationsOrTinyMaxSizeThenRefused() {
        RemoteJwks.Builder builder = RemoteJwks.builder(url);

        assertThatThrownBy(() -> builder.timeToLive(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> builder.timeout(Duration.ofSeconds(-1))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> builder.outageTolerance(null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> builder.maxSize(100)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void toStringThenNamesTheUrl() {
        assertThat(remote().toString()).contains(url.toString());
    }
}
