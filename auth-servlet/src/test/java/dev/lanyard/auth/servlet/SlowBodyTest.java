package dev.lanyard.auth.servlet;

import dev.lanyard.auth.TokenService;
import dev.lanyard.auth.servlet.internal.EndpointServlet;
import dev.lanyard.auth.testing.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Clients that send a request body a byte at a time: answered 408 once the body-read deadline has
 * passed, and, while they send, holding none of the container's threads (issue 10, point 1).
 */
class SlowBodyTest {

    final TokenService tokens = new Fixture().service(MutableClock.at("2026-11-22T10:00:00Z")).build();
    TestServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void tokenRequestWhenBodyTricklesPastTheDeadlineThenIs408AndTheConnectionCloses() throws Exception {
        server = TestServer.start(ctx -> LanyardEndpoints.builder(tokens).bodyReadTimeout(Duration.ofSeconds(1))
                .build().register(ctx));
        assertTrickleAnswered408("/oauth2/token", "1 s");
    }

    @Test
    void tokenRequestWhenRegisteredWithoutAsyncSupportThenTheDeadlineStillAnswers408() throws Exception {
        server = TestServer.start(ctx -> {
            var registration = ctx.addServlet("token", new TokenEndpoint(tokens, TokenEndpointConfig.standard()));
            registration.setInitParameter(EndpointServlet.BODY_TIMEOUT_PARAMETER, "1");
            registration.addMapping("/oauth2/token");
        });
        assertTrickleAnswered408("/oauth2/token", "1 s");
    }

    @Test
    void jwksWhenThirtyClientsTrickleTokenRequestsThenStillAnswers() throws Exception {
        server = TestServer.start(16, ctx -> LanyardEndpoints.builder(tokens).bodyReadTimeout(Duration.ofSeconds(60))
                .build().register(ctx));
        List<Socket> slow = new ArrayList<>();
        try {
            for (int i = 0; i < 30; i++) {
                Socket s = connect();
                s.getOutputStream().write(head("/oauth2/token", 200).getBytes(StandardCharsets.US_ASCII));
                s.getOutputStream().write('g');
                s.getOutputStream().flush();
                slow.add(s);
            }
            HttpResponse<String> jwks = server.send(HttpRequest.newBuilder(server.uri("/oauth2/jwks"))
                    .timeout(Duration.ofSeconds(10)).GET());
            assertThat(jwks.statusCode()).isEqualTo(200);
            HttpResponse<String> token = server.send(HttpRequest.newBuilder(server.uri("/oauth2/token"))
                    .timeout(Duration.ofSeconds(10)).header("Content-Type", "application/x-www-form-urlencoded")
                    .header("Authorization", TestServer.basic("machine", Fixture.SECRET))
                    .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials")));
            assertThat(token.statusCode()).isEqualTo(200);
        } finally {
            for (Socket s : slow) {
                s.close();
            }
        }
    }

    private void assertTrickleAnswered408(String path, String deadline) throws Exception {
        try (Socket socket = connect()) {
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();
            out.write(head(path, 100).getBytes(StandardCharsets.US_ASCII));
            out.flush();
            // at most 4 s of one byte every 100 ms: well past the deadline, well short of the 100 bytes
            for (int i = 0; i < 40 && in.available() == 0; i++) {
                out.write('g');
                out.flush();
                Thread.sleep(100);
            }
            String response = readResponse(in);
            assertThat(response).startsWith("HTTP/1.1 408").containsIgnoringCase("connection: close")
                    .contains("\"error\":\"invalid_request\"")
                    .contains("the request body did not arrive within " + deadline);
        }
    }

    private Socket connect() throws IOException {
        Socket socket = new Socket(server.uri("/").getHost(), server.uri("/").getPort());
        socket.setSoTimeout(10_000);
        return socket;
    }

    private static String head(String path, int length) {
        return "POST " + path + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/x-www-form-urlencoded\r\n"
                + "Content-Length: " + length + "\r\n\r\n";
    }

    /** One response: headers, then Content-Length bytes of body. */
    static String readResponse(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("the connection was closed; read so far: " + head);
            }
            head.write(b);
            matched = (b == "\r\n\r\n".charAt(matched)) ? matched + 1 : (b == '\r' ? 1 : 0);
        }
        String headers = head.toString(StandardCharsets.US_ASCII);
        int length = 0;
        for (String line : headers.split("\r\n")) {
            if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                length = Integer.parseInt(line.substring(15).trim());
            }
        }
        return headers + new String(in.readNBytes(length), StandardCharsets.UTF_8);
    }
}
