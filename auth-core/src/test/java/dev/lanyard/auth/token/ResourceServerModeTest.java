package dev.lanyard.auth.token;

import com.sun.net.httpserver.HttpServer;
import dev.lanyard.auth.key.KeyManager;
import dev.lanyard.auth.key.RemoteJwks;
import dev.lanyard.auth.key.SigningAlgorithm;
import dev.lanyard.auth.testing.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** An app that only verifies: tokens from a Lanyard issuer, checked against its JWKS over real HTTP. */
class ResourceServerModeTest {

    static final String ISS = "https://auth.example";
    static final String AUD = "https://api.example";

    final MutableClock clock = MutableClock.at("2026-11-22T10:00:00Z");
    final KeyManager issuerKeys = KeyManager.builder().algorithm(SigningAlgorithm.ES256).clock(clock).build();
    final AccessTokenIssuer issuer = AccessTokenIssuer.builder().issuer(ISS).audience(AUD).keys(issuerKeys)
            .clock(clock).build();
    final AtomicInteger fetches = new AtomicInteger();
    HttpServer server;
    AccessTokenVerifier verifier;

    @BeforeEach
    void serveJwks() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/oauth2/jwks", exchange -> {
            fetches.incrementAndGet();
            byte[] body = issuerKeys.current().publicJwkSetJson().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/jwk-set+json");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        URL url = new URL("http://127.0.0.1:" + server.getAddress().getPort() + "/oauth2/jwks");
        verifier = AccessTokenVerifier.builder().issuer(ISS).audience(AUD).clock(clock)
                .keys(RemoteJwks.builder(url).minRefetchInterval(Duration.ofMillis(1)).build()).build();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    String mint() {
        return issuer.issue(AccessTokenRequest.builder("alice", "web-app").build()).value();
    }

    @Test
    void tokenFromTheIssuerVerifiesAgainstItsPublishedKeys() {
        assertThat(verifier.verify(mint()).subject()).isEqualTo("alice");
        assertThat(fetches.get()).isEqualTo(1);
    }

    @Test
    void afterTheIssuerRotatesTheNewKeyIsAlreadyKnownBecauseItWasPublishedAsNext() {
        verifier.verify(mint());

        issuerKeys.rotate();
        assertThat(verifier.verify(mint()).kid()).isEqualTo(issuerKeys.current().active().kid());

        assertThat(fetches.get()).isEqualTo(1);
    }

    @Test
    void aKeyTheRemoteNeverPublishedIsRefused() {
        KeyManager stranger = KeyManager.builder().algorithm(SigningAlgorithm.ES256).clock(clock).build();
        String forged = AccessTokenIssuer.builder().issuer(ISS).audience(AUD).keys(stranger).clock(clock).build()
                .issue(AccessTokenRequest.builder("alice", "web-app").build()).value();

        assertThatThrownBy(() -> verifier.verify(forged)).isInstanceOf(UnknownKeyException.class);
    }
}
