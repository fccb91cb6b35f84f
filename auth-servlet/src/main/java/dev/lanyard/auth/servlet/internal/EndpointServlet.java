package dev.lanyard.auth.servlet.internal;

import dev.lanyard.auth.InvalidRequestException;
import dev.lanyard.auth.AuthException;
import dev.lanyard.auth.servlet.ErrorStatuses;
import dev.lanyard.auth.servlet.ErrorWriter;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * The base of every Lanyard endpoint: an {@link AuthException} goes to the endpoint's {@link ErrorWriter}
 * (by default an RFC 6749 error body with its {@link ErrorStatuses} status); anything unexpected
 * becomes a generic {@code server_error} with a correlation id (the cause is logged, never sent).
 *
 * <p>A request body must arrive within a deadline, the init parameter {@value #BODY_TIMEOUT_PARAMETER}
 * of the servlet or of its context (seconds, or an ISO-8601 duration such as {@code PT10S}; default
 * 10 s), or it is answered 408 {@code invalid_request} and the connection closed. With async support on
 * the registration ({@code setAsyncSupported(true)}, as {@code LanyardEndpoints} registers), the body is
 * read by non-blocking I/O and a slow client holds no thread while it sends; without it, the read blocks
 * and the deadline is checked after each read, the container's idle timeout bounding a single read.
 */
public abstract class EndpointServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    /** The init parameter holding the body-read deadline. */
    public static final String BODY_TIMEOUT_PARAMETER = "lanyard.bodyReadTimeout";
    /** The body-read deadline when none is configured. */
    public static final Duration DEFAULT_BODY_TIMEOUT = Duration.ofSeconds(10);
    /** The largest body an endpoint takes unless it says otherwise. */
    protected static final int DEFAULT_MAX_BODY = 64 * 1024;

    private Duration bodyTimeout = DEFAULT_BODY_TIMEOUT;
    /** How this endpoint answers a failure it did not answer itself. */
    private final transient ErrorWriter errors;

    /** An endpoint answering failures with {@link ErrorWriter#json} over {@link ErrorStatuses#rfc6749()}. */
    protected EndpointServlet() {
        this(ErrorWriter.json(ErrorStatuses.rfc6749()));
    }

    /**
     * An endpoint answering failures with this writer.
     *
     * @param errors the endpoint's error writer
     * @throws NullPointerException when it is null
     */
    protected EndpointServlet(ErrorWriter errors) {
        this.errors = Objects.requireNonNull(errors, "errors");
    }

    @Override
    public void init() throws ServletException {
        String value = getInitParameter(BODY_TIMEOUT_PARAMETER);
        if (value == null) {
            value = getServletContext().getInitParameter(BODY_TIMEOUT_PARAMETER);
        }
        if (value != null) {
            bodyTimeout = parseTimeout(value.trim());
        }
    }

    /** A positive number of seconds or ISO-8601 duration, at most 10 minutes. */
    static Duration parseTimeout(String value) throws ServletException {
        Duration d;
        try {
            d = value.matches("[0-9]{1,9}") ? Duration.ofSeconds(Long.parseLong(value)) : Duration.parse(value);
        } catch (DateTimeParseException e) {
            d = null;
        }
        if (d == null || d.isNegative() || d.toMillis() < 1 || d.compareTo(Duration.ofMinutes(10)) > 0) {
            throw new ServletException("the init parameter " + BODY_TIMEOUT_PARAMETER
                    + " must be a number of seconds or an ISO-8601 duration (PT10S) between 1 ms and 10 minutes");
        }
        return d;
    }

    /**
     * The largest request body this endpoint reads; larger ones are a 413.
     *
     * @return the limit in bytes
     */
    protected int maxBodyBytes() {
        return DEFAULT_MAX_BODY;
    }

    /**
     * The {@code WWW-Authenticate} value this endpoint's 401s carry when they set none themselves, e.g.
     * {@code Basic realm="lanyard"}; null for an endpoint that never answers 401 or sets its own.
     *
     * @return the header value, or null
     */
    protected String challenge() {
        return null;
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse originalResponse) throws IOException {
        HttpServletResponse response = ChallengeResponse.of(originalResponse, challenge());
        if (request.getAttribute(BodyReader.DEADLINE) == null) {
            request.setAttribute(BodyReader.DEADLINE, Deadline.after(bodyTimeout));
        }
        try {
            if (BodyReader.applies(request, maxBodyBytes())) {
                BodyReader.start(request, response, maxBodyBytes(), bodyTimeout, this::writeError);
                return;
            }
            super.service(request, response);
        } catch (AuthException e) {
            Requests.discardUnread(request, response);
            writeError(request, response, e);
        } catch (RuntimeException | jakarta.servlet.ServletException e) {
            Requests.discardUnread(request, response);
            Responses.serverError(response, e);
        }
    }

    /** The endpoint's error writer, guarded: a writer that fails leaves a generic server error, never a stack trace. */
    private void writeError(HttpServletRequest request, HttpServletResponse response, AuthException e) throws IOException {
        try {
            errors.write(request, response, e);
        } catch (RuntimeException failed) {
            failed.addSuppressed(e);
            Responses.serverError(response, failed);
        }
    }

    /** TRACE would echo the request's headers, Authorization included: never. */
    @Override
    protected void doTrace(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setHeader("Allow", "GET, POST");
        Responses.error(response, 405, new InvalidRequestException("TRACE is not allowed"));
    }

    /**
     * The container's {@code Allow} without TRACE, which {@link #doTrace} always refuses. The
     * {@code HttpServlet} of the Servlet API jar lists TRACE for every servlet (Jetty; Tomcat 10.1 with
     * that jar ahead of its own classes), Tomcat's own only when its connector allows TRACE (Tomcat 11):
     * the answer must not depend on the container, nor advertise a method that gets a 405.
     */
    @Override
    protected void doOptions(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        super.doOptions(request, response);
        String allow = response.getHeader("Allow");
        if (allow != null) {
            response.setHeader("Allow", Arrays.stream(allow.split(",")).map(String::trim)
                    .filter(m -> !m.isEmpty() && !m.equalsIgnoreCase("TRACE")).collect(Collectors.joining(", ")));
        }
    }
}
