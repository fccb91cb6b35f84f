package dev.lanyard.auth.servlet;

import dev.lanyard.auth.TokenService;
import dev.lanyard.auth.testing.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An early error (before the servlet read the body) leaves the connection usable: the client's next
 * request on it gets an answer. The body arrives after the headers, so an answer sent without reading
 * it would find unread content, and the container would close the connection under the client.
 */
class KeepAliveTest {

    final Fixture fixture = new Fixture();
    final TokenService tokens = fixture.service(MutableClock.at("2026-11-22T10:00:00Z")).build();
    TestServer server = TestServer.start(ctx -> {
        ctx.addServlet("hello", new BearerTokenFilterTest.Hello()).addMapping("/api/*");
        ctx.addFilter("bearer", new BearerTokenFilter(BearerFilterConfig.builder(tokens::verify).build()))
                .addMappingForUrlPatterns(EnumSet.of(jakarta.servlet.DispatcherType.REQUEST), false, "/api/*");
        ctx.addServlet("token", new TokenEndpoint(tokens, TokenEndpointConfig.standard())).addMapping("/oauth2/token");
        ctx.addServlet("logout", LogoutEndpoint.builder(tokens).build()).addMapping("/oauth2/logout");
    });

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void aBearerChallengeToAPostWithABodyKeepsTheConnection() throws Exception {
        assertSecondRequestAnswered("/api/orders", "{\"order\": 1}", "application/json", "401");
    }

    @Test
    void anEndpointsOwnBearerChallengeToAPostWithABodyKeepsTheConnection() throws Exception {
        // The logout and admin endpoints check the Bearer token themselves and answer before reading the body.
        assertSecondRequestAnswered("/oauth2/logout", "{\"all\": true}", "application/json", "401");
    }

    @Test
    void aTokenEndpointErrorKeepsTheConnection() throws Exception {
        assertSecondRequestAnswered("/oauth2/token", "grant_type=client_credentials", "text/plain", "415");
    }

    private void assertSecondRequestAnswered(String path, String body, String type, String firstStatus) throws Exception {
        try (Socket socket = new Socket(server.uri("/").getHost(), server.uri("/").getPort())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            out.write(("POST " + path + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: " + type + "\r\nContent-Length: "
                    + bytes.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            Thread.sleep(300); // let the server answer before the body is there, if it does not wait for it
            out.write(bytes);
            out.flush();
            String first = SlowBodyTest.readResponse(in);
            assertThat(first).startsWith("HTTP/1.1 " + firstStatus).doesNotContainIgnoringCase("connection: close");

            out.write("GET /oauth2/token HTTP/1.1\r\nHost: localhost\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            assertThat(SlowBodyTest.readResponse(in)).as("the second request on the same connection").startsWith("HTTP/1.1 405");
        }
    }
}
