package dev.lanyard.auth.servlet.internal;

import dev.lanyard.auth.OAuthError;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import dev.lanyard.auth.servlet.ErrorWriter;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Reads a request body with the Servlet API's non-blocking I/O before the endpoint runs, so that a client
 * that sends its body slowly holds no worker thread while it does: the bytes are collected by
 * {@link ReadListener} callbacks, and the endpoint is dispatched once the body is complete. A body that
 * is not complete within the deadline (the {@link AsyncContext} timeout) is answered 408 and the
 * connection closed. Blocking reads cannot be bounded portably: a thread inside {@code read()} waits
 * for the container's idle timeout, which every byte of a slow client restarts.
 *
 * <p>Needs a registration with async support (servlet and every filter before it); without it
 * {@link Requests#body} reads blocking and checks the deadline after each read.
 */
final class BodyReader {

    /** The complete body, a {@code byte[]}, once read here. */
    static final String BODY = BodyReader.class.getName() + ".body";
    /** Set when the body was longer than the limit: reading stopped, the rest is unread. */
    static final String TOO_LARGE = BodyReader.class.getName() + ".tooLarge";
    /** The {@link Deadline} of a blocking read of the body. */
    static final String DEADLINE = BodyReader.class.getName() + ".deadline";
    /** Set when the body was abandoned (deadline, broken stream): the connection must not be reused. */
    static final String ABANDONED = BodyReader.class.getName() + ".abandoned";

    private BodyReader() {
    }

    /**
     * Whether this request's body should be read here: it has one, small enough to buffer, not read yet,
     * and the registration allows async processing.
     */
    static boolean applies(HttpServletRequest request, int limit) {
        if (request.getDispatcherType() != DispatcherType.REQUEST || !request.isAsyncSupported()
                || request.getAttribute(BODY) != null || request.getAttribute(TOO_LARGE) != null) {
            return false;
        }
        long declared = request.getContentLengthLong();
        boolean chunked = "chunked".equalsIgnoreCase(request.getHeader("Transfer-Encoding"));
        return (chunked && declared < 0) || (declared > 0 && declared <= limit);
    }

    /** Starts reading; the endpoint runs again (an ASYNC dispatch) once the body is there. */
    static void start(HttpServletRequest request, HttpServletResponse response, int limit, Duration deadline,
                      ErrorWriter errors) throws IOException {
        AsyncContext async = request.startAsync(request, response);
        async.setTimeout(deadline.toMillis());
        AtomicBoolean done = new AtomicBoolean();
        ServletInputStream in = request.getInputStream();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        async.addListener(new AsyncListener() {
            @Override
            public void onTimeout(AsyncEvent event) {
                if (done.compareAndSet(false, true)) {
                    fail(request, response, async, errors, late(deadline));
                }
            }

            @Override
            public void onError(AsyncEvent event) {
                done.set(true);
            }

            @Override
            public void onComplete(AsyncEvent event) {
                done.set(true);
            }

            @Override
            public void onStartAsync(AsyncEvent event) {
                // the endpoint never restarts async processing
            }
        });
        in.setReadListener(new ReadListener() {
            private final byte[] buffer = new byte[8192];

            @Override
            public void onDataAvailable() throws IOException {
                while (in.isReady() && !done.get()) {
                    int n = in.read(buffer);
                    if (n < 0) {
                        return;
                    }
                    body.write(buffer, 0, n);
                    if (body.size() > limit && done.compareAndSet(false, true)) {
                        request.setAttribute(TOO_LARGE, Boolean.TRUE);
                        request.setAttribute(ABANDONED, Boolean.TRUE);
                        async.dispatch();
                        return;
                    }
                }
            }

            @Override
            public void onAllDataRead() {
                if (done.compareAndSet(false, true)) {
                    request.setAttribute(BODY, body.toByteArray());
                    async.dispatch();
                }
            }

            @Override
            public void onError(Throwable t) {
                // the container's own limits (idle timeout, minimum data rate) or a client that went away
                if (done.compareAndSet(false, true)) {
                    fail(request, response, async, errors, new HttpException(408, OAuthError.INVALID_REQUEST,
                            "the request body arrived too slowly; send it at once"));
                }
            }
        });
    }

    /** The 408 for a body that did not arrive within {@code deadline}. */
    static HttpException late(Duration deadline) {
        return new HttpException(408, OAuthError.INVALID_REQUEST, "the request body did not arrive within "
                + describe(deadline) + "; send it at once");
    }

    private static void fail(HttpServletRequest request, HttpServletResponse response, AsyncContext async,
                             ErrorWriter errors, HttpException e) {
        request.setAttribute(ABANDONED, Boolean.TRUE);
        try {
            if (!response.isCommitted()) {
                response.setHeader("Connection", "close");
                errors.write(request, response, e);
            }
        } catch (IOException ignored) {
            // the client is gone; there is no one to answer
        } finally {
            async.complete();
        }
    }

    private static String describe(Duration d) {
        long millis = d.toMillis();
        return millis % 1000 == 0 ? (millis / 1000) + " s" : millis + " ms";
    }
}
