package dev.lanyard.auth.servlet;

import dev.lanyard.auth.AuthException;
import dev.lanyard.auth.OAuthError;
import dev.lanyard.auth.servlet.internal.Responses;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.util.Objects;

/**
 * Answers a failed request: how an endpoint turns an {@link AuthException} into a response. The
 * library's writers take their statuses from an {@link ErrorStatuses} table, so an endpoint that needs
 * another status for one failure passes a writer over a table with that one entry replaced:
 *
 * <pre>{@code
 * ErrorWriter errors = ErrorWriter.json(ErrorStatuses.rfc6749().with(OAuthError.INVALID_GRANT, 401));
 * LogoutEndpoint logout = LogoutEndpoint.builder(tokens).errors(errors).build();
 * }</pre>
 *
 * <p>A writer never sends a stack trace, and sends a failure's {@linkplain AuthException#description()
 * description}, never its message. It runs for failures the endpoint did not answer itself; a writer
 * that throws is logged, and the request answered with a generic {@code server_error} and a
 * correlation id.
 */
@FunctionalInterface
public interface ErrorWriter {

    /**
     * Writes the answer to a request that failed with {@code e}.
     *
     * @param request  the request that failed
     * @param response the response, not yet committed
     * @param e        the failure
     * @throws IOException when the response cannot be written
     */
    void write(HttpServletRequest request, HttpServletResponse response, AuthException e) throws IOException;

    /**
     * The RFC 6749 section 5.2 JSON body ({@code error}, {@code error_description}) with the table's
     * status, {@code Retry-After} after a lockout; a store failure, or a code the table conceals, as a
     * generic {@code server_error} (or a transient store failure's {@code temporarily_unavailable} with
     * {@code Retry-After}) whose correlation id leads to the logged cause.
     *
     * @param statuses the statuses to answer with
     * @return the writer
     */
    static ErrorWriter json(ErrorStatuses statuses) {
        Objects.requireNonNull(statuses, "statuses");
        return (request, response, e) -> Responses.error(response, statuses, e);
    }

    /**
     * {@link #json} for an endpoint that authenticates clients: responses carry
     * {@code Cache-Control: no-store}, and {@code invalid_client} after the client sent an
     * {@code Authorization} header is 401 whatever the table says, as RFC 6749 section 5.2 requires
     * (the endpoint's {@code WWW-Authenticate} challenge goes with it).
     *
     * @param statuses the statuses to answer with
     * @return the writer
     */
    static ErrorWriter oauth2(ErrorStatuses statuses) {
        Objects.requireNonNull(statuses, "statuses");
        return (request, response, e) -> {
            Responses.noStore(response);
            boolean afterBasic = e.error() == OAuthError.INVALID_CLIENT && request.getHeader("Authorization") != null;
            Responses.error(response, afterBasic ? 401 : statuses.status(e), statuses, e);
        };
    }
}
