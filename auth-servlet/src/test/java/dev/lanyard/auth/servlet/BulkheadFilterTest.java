package dev.lanyard.auth.servlet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lanyard.auth.TokenService;
import dev.lanyard.auth.testing.MutableClock;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterRegistration;
import jakarta.servlet.ServletContext;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The bulkhead over real HTTP: a full one refuses at once with 503 {@code temporarily_unavailable} and
 * {@code Retry-After} while the paths outside it keep answering, and a request waiting for its body
 * holds no permit.
 */
class BulkheadFilterTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final CountDownLatch release = new CountDownLatch(1);
    /** Requests that have reached a {@link Blocking} servlet. */
    private final java.util.concurrent.atomic.AtomicInteger entered = new java.util.concurrent.atomic.AtomicInteger();
    private TestServer server;

    @AfterEach
    void stop() {
        release.countDown();
        if (server != null) {
            server.close();
        }
    }

    @Test
    void fullBulkheadRefusesAtOnceWith503AndRetryAfterWhileExceptedPathsAnswer() throws Exception {
        BulkheadFilter bulkhead = BulkheadFilter.builder(2).except("/free").retryAfter(Duration.ofSeconds(2)).build();
        server = TestServer.start(ctx -> {
            register(ctx, bulkhead);
            servlet(ctx, "/slow", new Blocking());
            servlet(ctx, "/free", new Blocking());
        });
        List<CompletableFuture<HttpResponse<String>>> held = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            held.add(CompletableFuture.supplyAsync(() -> server.get("/slow")));
        }
        awaitInUse(bulkhead, 2);

        long start = System.nanoTime();
        HttpResponse<String> refused = server.get("/slow");
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertThat(refused.statusCode()).isEqualTo(503);
        assertThat(millis).as("refused at once, not after a wait").isLessThan(1_000);
        assertThat(refused.headers().firstValue("Retry-After")).hasValue("2");
        assertThat(refused.headers().firstValue("Cache-Control")).hasValue("no-store");
        JsonNode body = JSON.readTree(refused.body());
        assertThat(body.get("error").asText()).isEqualTo("temporarily_unavailable");
        assertThat(bulkhead.refused()).isEqualTo(1);

        release.countDown(); // /free blocks too, but must not wait for a permit
        assertThat(server.get("/free").statusCode()).isEqualTo(200);
        for (CompletableFuture<HttpResponse<String>> f : held) {
            assertThat(f.get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
        }
        assertThat(bulkhead.inUse()).isZero();
        assertThat(server.get("/slow").statusCode()).as("permits are given back").isEqualTo(200);
    }

    @Test
    void aRequestWaitingForItsBodyHoldsNoPermit() throws Exception {
        TokenService tokens = new Fixture().service(MutableClock.at("2026-11-22T10:00:00Z")).build();
        BulkheadFilter bulkhead = BulkheadFilter.builder(1).build();
        server = TestServer.start(ctx -> {
            register(ctx, bulkhead);
            LanyardEndpoints.builder(tokens).bodyReadTimeout(Duration.ofSeconds(30)).build().register(ctx);
        });
        try (Socket slow = new Socket(server.uri("/").getHost(), server.uri("/").getPort())) {
            OutputStream out = slow.getOutputStream();
            out.write(("POST /oauth2/token HTTP/1.1\r\nHost: localhost\r\n"
                    + "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 100\r\n\r\ngrant_type=")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            Thread.sleep(300); // the endpoint has started reading the body asynchronously

            assertThat(bulkhead.inUse()).isZero();
            HttpResponse<String> token = server.postForm("/oauth2/token",
                    "grant_type=client_credentials&client_id=machine&client_secret=" + Fixture.SECRET);
            assertThat(token.statusCode()).as(token.body()).isEqualTo(200);
            assertThat(bulkhead.refused()).isZero();
        }
    }

    @Test
    void webXmlParametersConfigureItAndAWrongOneFailsTheStart() throws Exception {
        server = TestServer.start(ctx -> {
            FilterRegistration.Dynamic f = ctx.addFilter("bulkhead", BulkheadFilter.class);
            f.setInitParameter("max-concurrent", "1");
            f.setInitParameter("retry-after", "7");
            f.setInitParameter("except-paths", "/free, /static/*");
            f.setAsyncSupported(true);
            f.addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST, DispatcherType.ASYNC), false, "/*");
            servlet(ctx, "/slow", new Blocking());
            servlet(ctx, "/static/a", new Blocking());
        });
        CompletableFuture<HttpResponse<String>> held = CompletableFuture.supplyAsync(() -> server.get("/slow"));
        awaitEntered(1);
        HttpResponse<String> refused = server.get("/slow");
        assertThat(refused.statusCode()).isEqualTo(503);
        assertThat(refused.headers().firstValue("Retry-After")).hasValue("7");
        release.countDown();
        assertThat(server.get("/static/a").statusCode()).isEqualTo(200);
        assertThat(held.join().statusCode()).isEqualTo(200);
        server.close();
        server = null;

        assertThatThrownBy(() -> TestServer.start(ctx -> ctx.addFilter("bulkhead", BulkheadFilter.class)
                .setInitParameter("max-concurrent", "many")))
                .hasStackTraceContaining("BulkheadFilter 'bulkhead': the init parameter max-concurrent must be a positive number");
    }

    private void awaitEntered(int n) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (entered.get() < n) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("only " + entered.get() + " requests got in");
            }
            Thread.sleep(10);
        }
    }

    private static void awaitInUse(BulkheadFilter bulkhead, int n) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (bulkhead.inUse() < n) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("only " + bulkhead.inUse() + " requests got in");
            }
            Thread.sleep(10);
        }
    }

    private static void register(ServletContext ctx, BulkheadFilter bulkhead) {
        FilterRegistration.Dynamic f = ctx.addFilter("bulkhead", bulkhead);
        f.setAsyncSupported(true);
        f.addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST, DispatcherType.ASYNC), false, "/*");
    }

    private static void servlet(ServletContext ctx, String path, HttpServlet servlet) {
        var registration = ctx.addServlet(path, servlet);
        registration.setAsyncSupported(true);
        registration.addMapping(path);
    }

    /** Answers 200 once the test releases it: a request stuck in a stalled store. */
    private final class Blocking extends HttpServlet {
        private static final long serialVersionUID = 1L;

        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
            entered.incrementAndGet();
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            response.setStatus(200);
            response.getWriter().write("done");
        }
    }
}
