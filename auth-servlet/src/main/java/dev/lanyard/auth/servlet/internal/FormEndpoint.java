package dev.lanyard.auth.servlet.internal;

import dev.lanyard.auth.OAuthError;
import dev.lanyard.auth.client.ClientCredential;
import dev.lanyard.auth.servlet.ErrorStatuses;
import dev.lanyard.auth.servlet.ErrorWriter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.util.Map;

/** An endpoint that takes a form-encoded POST with client authentication (revocation, introspection). */
public abstract class FormEndpoint extends EndpointServlet {

    private static final long serialVersionUID = 1L;
    private static final int MAX_BODY = 64 * 1024;

    /**
     * A refused client is 401 however it authenticated, a locked-out one included (with its
     * {@code Retry-After}): {@link #challenge()} offers Basic.
     */
    private static final ErrorStatuses STATUSES = ErrorStatuses.rfc6749().with(OAuthError.INVALID_CLIENT, 401);

    /** An endpoint answering failures with {@link ErrorWriter#json} over that table. */
    protected FormEndpoint() {
        this(ErrorWriter.json(STATUSES));
    }

    /**
     * An endpoint answering failures with this writer.
     *
     * @param errors the endpoint's error writer
     */
    protected FormEndpoint(ErrorWriter errors) {
        super(errors);
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Responses.noStore(response);
        if (!Requests.mediaType(request).equals(Requests.FORM)) {
            throw Requests.notForm(request, Requests.FORM);
        }
        if (request.getQueryString() != null && !request.getQueryString().isEmpty()) {
            throw new HttpException(400, OAuthError.INVALID_REQUEST, "tokens are never accepted in the query string");
        }
        Map<String, String> params = Requests.form(Requests.body(request, MAX_BODY));
        handle(request, response, params, ClientCredentials.read(request, params, false).orElse(ClientCredential.none(null)));
    }

    /** Clients may authenticate with HTTP Basic; every 401 says so. */
    @Override
    protected String challenge() {
        return "Basic realm=\"lanyard\"";
    }

    /**
     * Handles a form POST once its body has been read.
     *
     * @param request  the request
     * @param response the response
     * @param params   the form parameters of the body
     * @param client   the client credentials the request carried, from HTTP Basic or the form
     * @throws IOException when the response cannot be written
     */
    protected abstract void handle(HttpServletRequest request, HttpServletResponse response, Map<String, String> params,
                                   ClientCredential client) throws IOException;
}
