package dev.lanyard.auth.servlet;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Optional;

/**
 * A servlet container under test (embedded Tomcat or Jetty) on a loopback port, with the small client
 * API of {@link TestServer}. For web.xml deployments it also says whether the application started, and
 * if not, why.
 */
interface WebXmlServer extends AutoCloseable {

    /** One client for every container under test: its selector thread is shared, not one per server. */
    HttpClient CLIENT = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    URI uri(String path);

    /** Whether the web application started and serves requests. */
    boolean available();

    /** Why the web application did not start, as the container reported it. */
    Optional<Throwable> startupFailure();

    @Override
    void close();

    default HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    default HttpResponse<String> get(String path, String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(path)).GET();
        if (headers.length > 0) {
            b.headers(headers);
        }
        return send(b);
    }

    default HttpResponse<String> postForm(String path, String form, String... headers) {
        return post(path, "application/x-www-form-urlencoded", form, headers);
    }

    default HttpResponse<String> post(String path, String contentType, String body, String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(path)).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (headers.length > 0) {
            b.headers(headers);
        }
        return send(b);
    }
}
