package dev.lanyard.auth.bench;

import dev.lanyard.auth.TokenRequest;
import dev.lanyard.auth.TokenService;
import dev.lanyard.auth.client.Client;
import dev.lanyard.auth.client.ClientSecret;
import dev.lanyard.auth.client.InMemoryClientStore;
import dev.lanyard.auth.key.KeyManager;
import dev.lanyard.auth.password.ClientSecrets;
import dev.lanyard.auth.servlet.BearerFilterConfig;
import dev.lanyard.auth.servlet.BearerTokenFilter;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The HTTP load run: a "hello" servlet in embedded Jetty 12, reached over loopback once without any
 * filter (the baseline) and once behind {@link BearerTokenFilter} with a valid RS256 token (warm
 * verification cache), at 2 and 16 concurrent keep-alive connections, in the same run.
 *
 * <pre>
 * java -cp auth-bench/target/benchmarks.jar dev.lanyard.auth.bench.HttpLoad [seconds per run, default 10]
 * java -cp auth-bench/target/benchmarks.jar dev.lanyard.auth.bench.HttpLoad serve FILE
 * </pre>
 *
 * The first form drives the load itself, in the same JVM as the server (one connection per thread,
 * HTTP/1.1, synchronous), running the two targets alternately twice and averaging; the comparison
 * between the two targets is what counts. The second form only serves, writing the base URL and a
 * valid token to FILE, for an outside load generator ({@code auth-bench/http-load.sh} uses wrk).
 */
public final class HttpLoad {

    private HttpLoad() {
    }

    /** Answers "hello" and nothing else. */
    static final class Hello extends HttpServlet {
        private static final long serialVersionUID = 1L;

        @Override
        protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            byte[] body = "hello".getBytes(StandardCharsets.US_ASCII);
            resp.setContentType("text/plain");
            resp.setContentLength(body.length);
            resp.getOutputStream().write(body);
        }
    }

    record Result(String target, int connections, double rps, double p50Micros, double p99Micros, long errors) {
    }

    public static void main(String[] args) throws Exception {
        boolean serveOnly = args.length == 2 && args[0].equals("serve");
        int seconds = !serveOnly && args.length > 0 ? Integer.parseInt(args[0]) : 10;
        String secret = ClientSecrets.generate();
        InMemoryClientStore clients = new InMemoryClientStore();
        clients.create(Client.builder("load").grants(Set.of("client_credentials"))
                .secrets(List.of(new ClientSecret("s1", ClientSecrets.digest(secret), Instant.now()))).build());
        TokenService tokens = TokenService.builder().issuer("https://load.example").keys(KeyManager.builder().build())
                .clients(clients).build();
        String token = tokens.grant(TokenRequest.clientCredentials("load", secret).build()).accessToken();

        Server server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        server.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler();
        context.addServlet(new ServletHolder(new Hello()), "/*");
        context.addFilter(new FilterHolder(new BearerTokenFilter(BearerFilterConfig.builder(tokens::verify).build())),
                "/api/*", EnumSet.of(DispatcherType.REQUEST));
        server.setHandler(context);
        server.start();
        String base = "http://127.0.0.1:" + connector.getLocalPort();
        if (serveOnly) {
            java.nio.file.Files.writeString(java.nio.file.Path.of(args[1]), base + "\n" + token + "\n");
            server.join();
            return;
        }
        try {
            List<Result> results = new ArrayList<>();
            for (int connections : new int[] {2, 16}) {
                // The same request to both targets (the header too): the difference is the filter's work.
                run(base + "/open/hello", token, connections, seconds / 2); // warm-up, not reported
                run(base + "/api/hello", token, connections, seconds / 2);
                // A B B A, so that neither target always runs first.
                Result a1 = run(base + "/open/hello", token, connections, seconds);
                Result b1 = run(base + "/api/hello", token, connections, seconds);
                Result b2 = run(base + "/api/hello", token, connections, seconds);
                Result a2 = run(base + "/open/hello", token, connections, seconds);
                results.add(mean(a1, a2, "no filter"));
                results.add(mean(b1, b2, "BearerTokenFilter"));
            }
            System.out.println("| target | connections | requests/s | p50 (us) | p99 (us) | errors |");
            System.out.println("| --- | --- | --- | --- | --- | --- |");
            for (Result r : results) {
                System.out.printf("| %s | %d | %.0f | %.0f | %.0f | %d |%n", r.target(), r.connections(), r.rps(),
                        r.p50Micros(), r.p99Micros(), r.errors());
            }
            for (int i = 0; i < results.size(); i += 2) {
                System.out.printf("filter/baseline throughput at %d connections: %.1f%%%n", results.get(i).connections(),
                        100 * results.get(i + 1).rps() / results.get(i).rps());
            }
        } finally {
            server.stop();
        }
    }

    private static Result run(String url, String token, int connections, int seconds) throws InterruptedException {
        AtomicBoolean stop = new AtomicBoolean();
        CountDownLatch done = new CountDownLatch(connections);
        long[][] latencies = new long[connections][];
        int[] counts = new int[connections];
        long[] errors = new long[connections];
        for (int t = 0; t < connections; t++) {
            int id = t;
            Thread worker = new Thread(() -> {
                HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
                HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).GET();
                if (token != null) {
                    b.header("Authorization", "Bearer " + token);
                }
                HttpRequest request = b.build();
                long[] lat = new long[1 << 20];
                int n = 0;
                while (!stop.get()) {
                    long start = System.nanoTime();
                    try {
                        HttpResponse<byte[]> r = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
                        if (r.statusCode() != 200) {
                            errors[id]++;
                        }
                    } catch (IOException | InterruptedException e) {
                        errors[id]++;
                    }
                    if (n < lat.length) {
                        lat[n++] = System.nanoTime() - start;
                    }
                }
                latencies[id] = lat;
                counts[id] = n;
                done.countDown();
            });
            worker.setDaemon(true);
            worker.start();
        }
        Thread.sleep(Duration.ofSeconds(seconds).toMillis());
        stop.set(true);
        done.await();
        int total = Arrays.stream(counts).sum();
        long[] all = new long[total];
        int pos = 0;
        for (int t = 0; t < connections; t++) {
            System.arraycopy(latencies[t], 0, all, pos, counts[t]);
            pos += counts[t];
        }
        Arrays.sort(all);
        double p50 = total == 0 ? 0 : all[total / 2] / 1000.0;
        double p99 = total == 0 ? 0 : all[(int) Math.min(total - 1, Math.floor(total * 0.99))] / 1000.0;
        return new Result(url, connections, (double) total / seconds, p50, p99, Arrays.stream(errors).sum());
    }

    private static Result mean(Result x, Result y, String target) {
        return new Result(target, x.connections(), (x.rps() + y.rps()) / 2, (x.p50Micros() + y.p50Micros()) / 2,
                (x.p99Micros() + y.p99Micros()) / 2, x.errors() + y.errors());
    }
}
