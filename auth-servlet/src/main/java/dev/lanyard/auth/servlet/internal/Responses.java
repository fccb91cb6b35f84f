package dev.lanyard.auth.servlet.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lanyard.auth.AuthException;
import dev.lanyard.auth.OAuthError;
import dev.lanyard.auth.StoreException;
import dev.lanyard.auth.TemporarilyUnavailableException;
import dev.lanyard.auth.servlet.ErrorStatuses;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/** Writes JSON bodies and RFC 6749 section 5.2 errors; never a stack trace. */
public final class Responses {

    private static final Logger LOG = LoggerFactory.getLogger(Responses.class);
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private Responses() {
    }

    /** A JSON body with the given status. */
    public static void json(HttpServletResponse response, int status, Object body) throws IOException {
        byte[] bytes = MAPPER.writeValueAsBytes(body);
        response.setStatus(status);
        response.setContentType("application/json;charset=UTF-8");
        response.setContentLength(bytes.length);
        response.getOutputStream().write(bytes);
    }

    /** The Cache-Control and Pragma headers every response holding a token or secret carries. */
    public static void noStore(HttpServletResponse response) {
        response.setHeader("Cache-Control", "no-store");
        response.setHeader("Pragma", "no-cache");
    }

    /** An RFC 6749 error body with this status, the default table deciding only what is concealed. */
    public static void error(HttpServletResponse response, int status, AuthException e) throws IOException {
        error(response, status, ErrorStatuses.rfc6749(), e);
    }

    /** An RFC 6749 error body with the table's status. */
    public static void error(HttpServletResponse response, ErrorStatuses statuses, AuthException e) throws IOException {
        error(response, statuses.status(e), statuses, e);
    }

    /**
     * An RFC 6749 error body: {@code error} and {@code error_description}, with {@code Retry-After}
     * after a lockout; what the table conceals as a {@link #serverError}.
     */
    public static void error(HttpServletResponse response, int status, ErrorStatuses statuses, AuthException e)
            throws IOException {
        if (statuses.conceals(e)) {
            serverError(response, e);
            return;
        }
        ErrorStatuses.retryAfterSeconds(e).ifPresent(s -> response.setHeader("Retry-After", String.valueOf(s)));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", e.error().code());
        body.put("error_description", e.description());
        json(response, status, body);
    }

    /**
     * A generic {@code server_error} (or {@code temporarily_unavailable} for a transient store failure or a
     * {@link TemporarilyUnavailableException})
     * with a correlation id; the cause goes to the log under that id, never to the client.
     */
    public static void serverError(HttpServletResponse response, Throwable cause) throws IOException {
        String id = UUID.randomUUID().toString();
        StoreException store = cause instanceof StoreException s ? s : null;
        if (store != null && store.outageLogged()) {
            // the source logged the outage when it began; one stack trace per request would bury it
            LOG.debug("request failed [correlation id {}]: {}", id, store.getMessage());
        } else {
            LOG.error("request failed [correlation id {}]", id, cause);
        }
        boolean transientFailure = store != null ? store.isTransient() : cause instanceof TemporarilyUnavailableException;
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", transientFailure ? OAuthError.TEMPORARILY_UNAVAILABLE.code() : OAuthError.SERVER_ERROR.code());
        body.put("error_description", "the server could not complete the request; correlation id " + id);
        if (!response.isCommitted()) {
            response.reset();
            noStore(response); // reset() dropped it; an error of a token endpoint must not be cached either
            if (transientFailure) {
                ErrorStatuses.retryAfterSeconds((AuthException) cause)
                        .ifPresent(s -> response.setHeader("Retry-After", String.valueOf(s)));
            }
            json(response, transientFailure ? 503 : 500, body);
        }
    }

    /** A plain-text body. */
    public static void text(HttpServletResponse response, int status, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        response.setStatus(status);
        response.setContentType("text/plain;charset=UTF-8");
        response.setContentLength(bytes.length);
        response.getOutputStream().write(bytes);
    }
}
