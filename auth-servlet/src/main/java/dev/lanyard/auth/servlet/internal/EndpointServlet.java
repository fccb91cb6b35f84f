package dev.lanyard.auth.servlet.internal;

import dev.lanyard.auth.AuthException;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The base of every Lanyard endpoint: an {@link AuthException} becomes an RFC 6749 error body with its
 * status; anything unexpected becomes a generic {@code server_error} with a correlation id (the cause is
 * logged, never sent).
 */
public abstract class EndpointServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        try {
            super.service(request, response);
        } catch (AuthException e) {
            Requests.discardUnread(request, response);
            onError(request, response, e);
        } catch (RuntimeException | jakarta.servlet.ServletException e) {
            Requests.discardUnread(request, response);
            Responses.serverError(response, e);
        }
    }

    /** TRACE would echo the request's headers, Authorization included: never. */
    @Override
    protected void doTrace(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setHeader("Allow", "GET, POST");
        Responses.error(response, 405, new AuthException(dev.lanyard.auth.OAuthError.INVALID_REQUEST,
                "TRACE is not allowed"));
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

    /** Writes the error; endpoints that need other headers override it. */
    protected void onError(HttpServletRequest request, HttpServletResponse response, AuthException e) throws IOException {
        Responses.error(response, Responses.status(e), e);
    }
}
