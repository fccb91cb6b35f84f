package dev.lanyard.auth.examples;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static dev.lanyard.auth.examples.RunningDemo.basic;
import static dev.lanyard.auth.examples.RunningDemo.encode;
import static dev.lanyard.auth.examples.RunningDemo.params;

/**
 * {@code serve} in a JVM of its own on a data directory, with the README's sample users and clients and
 * a fixed issuer (so that tokens outlive a restart on another port), driven over real HTTP and
 * stoppable by SIGKILL ({@link Process#destroyForcibly()} on Linux).
 */
final class ChildServer implements AutoCloseable {

    static final String ISSUER = "http://localhost:1";
    private static final Pattern LISTENING = Pattern.compile("Listening on (http://\\S+)");

    private final Process process;
    private final URI uri;
    private final List<String> output = new ArrayList<>();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private ChildServer(Process process, URI uri) {
        this.process = process;
        this.uri = uri;
    }

    /** Starts {@code serve} on {@code data} and waits until it listens. */
    static ChildServer start(Path data) {
        return start(data, Map.of(), "--issuer", ISSUER);
    }

    /**
     * Starts {@code serve --port 0 --data DATA --clients .. --users .. ARGS} with these environment
     * variables added, and waits until it listens.
     */
    static ChildServer start(Path data, Map<String, String> env, String... args) {
        List<String> command = new ArrayList<>(List.of("serve", "--port", "0", "--data", data.toString(),
                "--clients", RunningDemo.CLIENTS.toString(), "--users", RunningDemo.USERS.toString()));
        command.addAll(List.of(args));
        Process p;
        try {
            ProcessBuilder builder = MainProcess.of(command.toArray(String[]::new)).redirectErrorStream(true);
            builder.environment().putAll(env);
            p = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        List<String> seen = new ArrayList<>();
        try {
            for (String line; (line = out.readLine()) != null; ) {
                seen.add(line);
                Matcher m = LISTENING.matcher(line);
                if (m.find()) {
                    ChildServer server = new ChildServer(p, URI.create(m.group(1)));
                    server.output.addAll(seen);
                    Thread drain = new Thread(() -> out.lines().forEach(l -> { }), "child-server-output");
                    drain.setDaemon(true);
                    drain.start();
                    return server;
                }
            }
        } catch (IOException e) {
            p.destroyForcibly();
            throw new UncheckedIOException(e);
        }
        p.destroyForcibly();
        throw new IllegalStateException("serve ended before it listened: " + String.join("\n", seen));
    }

    /** POST a form to the token endpoint (or another) as the demo client {@code web}. */
    HttpResponse<String> post(String path, String... nameValues) {
        HttpRequest request = HttpRequest.newBuilder(uri.resolve(path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Authorization", basic("web", "web-secret-123"))
                .timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString(encode(params(nameValues)))).build();
        return send(request);
    }

    HttpResponse<String> get(String path, String bearer) {
        return send(HttpRequest.newBuilder(uri.resolve(path)).header("Authorization", "Bearer " + bearer)
                .timeout(Duration.ofSeconds(30)).GET().build());
    }

    /** A password login of the sample user alice: a new refresh family. */
    HttpResponse<String> login() {
        return post("/oauth2/token", "grant_type", "password", "username", "alice", "password", "wonderland",
                "scope", "read");
    }

    HttpResponse<String> refresh(String refreshToken) {
        return post("/oauth2/token", "grant_type", "refresh_token", "refresh_token", refreshToken);
    }

    HttpResponse<String> revoke(String token, String hint) {
        return post("/oauth2/revoke", "token", token, "token_type_hint", hint);
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Where it listens. */
    URI uri() {
        return uri;
    }

    /** What it printed up to the line saying where it listens. */
    List<String> output() {
        return List.copyOf(output);
    }

    static JsonNode json(HttpResponse<String> r) {
        return RunningDemo.json(r);
    }

    /** SIGKILL: no shutdown hook, no flush, nothing the process could still write. */
    void kill() {
        process.destroyForcibly();
        try {
            process.waitFor(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        kill();
    }
}
