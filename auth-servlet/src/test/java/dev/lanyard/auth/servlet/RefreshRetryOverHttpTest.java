package dev.lanyard.auth.servlet;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lanyard.auth.TokenService;
import dev.lanyard.auth.event.AuthEvent;
import dev.lanyard.auth.event.AuthEventListener;
import dev.lanyard.auth.testing.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static dev.lanyard.auth.servlet.EndpointsTest.assertError;
import static dev.lanyard.auth.servlet.EndpointsTest.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A client whose refresh the server completed but whose answer it never read (a timeout, a dropped
 * connection) retries with the old refresh token: within the default grace window it gets the very
 * same pair and keeps its family; after the window the same replay is reuse and ends the family.
 */
class RefreshRetryOverHttpTest {

    final MutableClock clock = MutableClock.at("2026-11-22T10:00:00Z");
    final Fixture fixture = new Fixture();
    /** Counted down when a refresh (not a replay) completed on the server. */
    volatile CountDownLatch rotated = new CountDownLatch(1);
    final TokenService tokens = fixture.service(clock).listener(new AuthEventListener() {
        @Override
        public void tokenRefreshed(AuthEvent.TokenRefreshed event) {
            if (!event.replay()) {
                rotated.countDown();
            }
        }
    }).build();
    final TestServer server = TestServer.start(ctx -> LanyardEndpoints.builder(tokens).protect("/api/*").build()
            .register(ctx));

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void aRefreshWhoseAnswerWasLostIsRetriedWithTheOldTokenAndGetsTheSamePairAndTheFamilyLives() throws Exception {
        String old = login().path("refresh_token").asText();

        refreshAndDropTheConnection(old);
        clock.advance(Duration.ofSeconds(3)); // the client's timeout, then its retry
        JsonNode retry = json(ok(refresh(old)));
        JsonNode again = json(ok(refresh(old)));

        assertThat(again.path("refresh_token").asText()).isEqualTo(retry.path("refresh_token").asText());
        assertThat(again.path("access_token").asText()).isEqualTo(retry.path("access_token").asText());
        assertThat(retry.path("refresh_token").asText()).isNotEqualTo(old);
        assertThat(server.get("/api/whoami", "Authorization", "Bearer " + retry.path("access_token").asText())
                .statusCode()).as("the retried pair's access token works").isEqualTo(200);
        JsonNode next = json(ok(refresh(retry.path("refresh_token").asText())));
        assertThat(next.path("refresh_token").asText()).as("the family lives on").isNotEqualTo(retry.path("refresh_token").asText());
    }

    @Test
    void aReplayAfterTheGraceWindowStillRevokesTheFamily() throws Exception {
        String old = login().path("refresh_token").asText();
        refreshAndDropTheConnection(old);
        clock.advance(Duration.ofSeconds(3));
        JsonNode retry = json(ok(refresh(old)));

        clock.advance(Duration.ofSeconds(3)); // 6 s after the rotation: past the 5 s window
        assertError(refresh(old), 400, "invalid_grant");

        assertError(refresh(retry.path("refresh_token").asText()), 400, "invalid_grant");
        assertThat(server.get("/api/whoami", "Authorization", "Bearer " + retry.path("access_token").asText())
                .statusCode()).as("the family's access tokens die with it").isEqualTo(401);
    }

    private JsonNode login() {
        return json(ok(server.postForm("/oauth2/token", "grant_type=password&username=alice&password=wonderland",
                "Authorization", TestServer.basic("web", Fixture.SECRET))));
    }

    private HttpResponse<String> refresh(String refreshToken) {
        return server.postForm("/oauth2/token", "grant_type=refresh_token&refresh_token=" + refreshToken,
                "Authorization", TestServer.basic("web", Fixture.SECRET));
    }

    /** Sends a refresh on a socket of its own, waits until the server completed it, and closes without reading. */
    private void refreshAndDropTheConnection(String refreshToken) throws IOException, InterruptedException {
        rotated = new CountDownLatch(1);
        URI uri = server.uri("/oauth2/token");
        String body = "grant_type=refresh_token&refresh_token=" + refreshToken;
        String request = "POST " + uri.getPath() + " HTTP/1.1\r\nHost: " + uri.getHost() + ":" + uri.getPort()
                + "\r\nAuthorization: " + TestServer.basic("web", Fixture.SECRET)
                + "\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: "
                + body.getBytes(StandardCharsets.UTF_8).length + "\r\n\r\n" + body;
        try (Socket socket = new Socket(uri.getHost(), uri.getPort())) {
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.UTF_8));
            out.flush();
            assertThat(rotated.await(10, TimeUnit.SECONDS)).as("the server completed the refresh").isTrue();
        } // closed before a byte of the answer was read
    }

    private static HttpResponse<String> ok(HttpResponse<String> r) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return r;
    }
}
