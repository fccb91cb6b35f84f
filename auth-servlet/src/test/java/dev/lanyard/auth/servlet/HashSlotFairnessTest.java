package dev.lanyard.auth.servlet;

import dev.lanyard.auth.TokenService;
import dev.lanyard.auth.guard.LoginThrottle;
import dev.lanyard.auth.password.PasswordHasher;
import dev.lanyard.auth.servlet.LoginEndpointConfig.Channel;
import dev.lanyard.auth.user.User;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One principal flooding the login with its own valid password must not take the hasher's slots from
 * the others. The flood and the victim come from different loopback addresses (127.0.0.2 and 127.0.0.3),
 * so that the per-address cap is not what protects the victim.
 */
class HashSlotFairnessTest {

    static final int FLOODERS = 32;
    static final int MAX_REQUESTS_PER_FLOODER = 400;
    static final Duration MAX_FLOOD = Duration.ofSeconds(20);

    @Test
    void oneFloodingPrincipalDoesNotKeepAnotherPrincipalsLoginWaiting() throws Exception {
        // The production Argon2id parameters and four slots: a login costs what it costs in production.
        PasswordHasher hasher = PasswordHasher.builder().maxConcurrent(4, Duration.ofSeconds(30)).build();
        Fixture fixture = new Fixture();
        fixture.users.create(User.builder("mallory").passwordHash(hasher.hash("mallory-password".toCharArray())).build());
        fixture.users.create(User.builder("victim").passwordHash(hasher.hash("victim-password".toCharArray())).build());
        fixture.clients.create(Fixture.client("login", java.util.Set.of("password"), java.util.Set.of()));
        TokenService tokens = fixture.service(Clock.systemUTC()).hasher(hasher).throttle(LoginThrottle.defaults()).build();
        LoginEndpointConfig config = LoginEndpointConfig.builder("login").methods("GET").credentials(Channel.BASIC).build();
        try (TestServer server = TestServer.start(ctx ->
                ctx.addServlet("login", new LoginEndpoint(tokens, fixture.users, config)).addMapping("/login"))) {
            URI uri = server.uri("/login");
            AtomicBoolean stop = new AtomicBoolean();
            AtomicInteger floodRequests = new AtomicInteger();
            ExecutorService pool = Executors.newFixedThreadPool(FLOODERS);
            List<Future<?>> flood = new ArrayList<>();
            long floodEnd = System.nanoTime() + MAX_FLOOD.toNanos();
            try {
                for (int i = 0; i < FLOODERS; i++) {
                    flood.add(pool.submit(() -> {
                        for (int n = 0; n < MAX_REQUESTS_PER_FLOODER && !stop.get() && System.nanoTime() < floodEnd; n++) {
                            int status = login(uri, "127.0.0.2", "mallory", "mallory-password");
                            floodRequests.incrementAndGet();
                            if (status == 429) {
                                Thread.sleep(100); // a client that backs off a little, not one that honours Retry-After
                            }
                        }
                        return null;
                    }));
                }
                while (floodRequests.get() < FLOODERS && System.nanoTime() < floodEnd) {
                    Thread.sleep(20);
                }
                for (int i = 0; i < 3; i++) {
                    long start = System.nanoTime();
                    int status = login(uri, "127.0.0.3", "victim", "victim-password");
                    Duration took = Duration.ofNanos(System.nanoTime() - start);

                    assertThat(status).isEqualTo(200);
                    assertThat(took).as("the victim's login during the flood").isLessThan(Duration.ofSeconds(1));
                }
            } finally {
                stop.set(true);
                for (Future<?> f : flood) {
                    f.get(60, TimeUnit.SECONDS);
                }
                pool.shutdownNow();
            }
        }
    }

    /** One HTTP/1.1 request on its own connection from {@code localAddress}; the status code. */
    static int login(URI uri, String localAddress, String username, String password) throws IOException {
        String basic = TestServer.basic(username, password);
        try (Socket socket = new Socket(InetAddress.getByName(uri.getHost()), uri.getPort(),
                InetAddress.getByName(localAddress), 0)) {
            socket.setSoTimeout(60_000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + uri.getPath() + " HTTP/1.1\r\nHost: " + uri.getHost() + ":" + uri.getPort()
                    + "\r\nAuthorization: " + basic + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            StringBuilder statusLine = new StringBuilder();
            for (int c = in.read(); c != -1 && c != '\n'; c = in.read()) {
                statusLine.append((char) c);
            }
            in.transferTo(OutputStream.nullOutputStream());
            String[] parts = statusLine.toString().split(" ");
            return parts.length > 1 ? Integer.parseInt(parts[1]) : -1;
        }
    }
}
