package dev.lanyard.auth.examples;

import org.eclipse.jetty.ee10.servlet.ServletContextRequest;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * The demo's container error pages (a path without endpoint, a method an endpoint does not serve,
 * headers too large, a malformed request) as RFC 6749-style JSON like every other answer, instead of
 * Jetty's HTML. The description depends on the status alone: Jetty's message may quote the request.
 */
final class JsonErrors {

    private static final String TYPE = "application/json;charset=UTF-8";

    private JsonErrors() {
    }

    /** The body for a status: {@code {"error": ..., "error_description": ...}}. */
    static byte[] body(int status) {
        String error = status >= 500 ? (status == 503 ? "temporarily_unavailable" : "server_error") : "invalid_request";
        return ("{\"error\":\"" + error + "\",\"error_description\":\"" + describe(status) + "\"}")
                .getBytes(StandardCharsets.UTF_8);
    }

    private static String describe(int status) {
        return switch (status) {
            case 400 -> "the request is malformed";
            case 404 -> "there is no endpoint at this path";
            case 405 -> "this endpoint does not take this method";
            case 408 -> "the request did not arrive in time";
            case 413 -> "the request is too large";
            case 414 -> "the request URI is too long";
            case 431 -> "the request headers are too large";
            case 500 -> "the server could not complete the request";
            default -> {
                String reason = HttpStatus.getMessage(status);
                yield reason == null ? "HTTP " + status : reason.replaceAll("[^A-Za-z0-9 ,.'-]", "");
            }
        };
    }

    /** Errors Jetty answers before a request reaches the context: bad request lines, headers too large. */
    static final class ServerErrors extends org.eclipse.jetty.server.handler.ErrorHandler {

        /** Jetty writes a body only for GET, POST and HEAD; every method gets one here. */
        @Override
        public boolean errorPageForMethod(String method) {
            return true;
        }

        @Override
        protected void generateResponse(Request request, Response response, int code, String message, Throwable cause,
                                        Callback callback) {
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, TYPE);
            response.write(true, ByteBuffer.wrap(body(code)), callback);
        }
    }

    /** Errors of the servlet context: {@code sendError} (an unmapped path, a method a servlet lacks). */
    static final class ContextErrors extends org.eclipse.jetty.ee10.servlet.ErrorHandler {

        /** Jetty writes a body only for GET, POST and HEAD; every method gets one here. */
        @Override
        public boolean errorPageForMethod(String method) {
            return true;
        }

        @Override
        protected void generateAcceptableResponse(ServletContextRequest baseRequest, HttpServletRequest request,
                                                  HttpServletResponse response, int code, String message)
                throws IOException {
            byte[] bytes = body(code);
            response.setContentType(TYPE);
            response.setContentLength(bytes.length);
            response.getOutputStream().write(bytes);
        }
    }
}
