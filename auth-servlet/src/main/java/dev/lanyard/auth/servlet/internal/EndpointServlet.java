package dev.lanyard.auth.servlet.internal;

import dev.lanyard.auth.AuthException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;

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
            onError(request, response, e);
        } catch (RuntimeException | jakarta.servlet.ServletException e) {
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

    /** Writes the error; endpoints that need other headers override it. */
    protected void onError(HttpServletRequest request, HttpServletResponse response, AuthException e) throws IOException {
        Responses.error(response, Responses.status(e), e);
    }
}
