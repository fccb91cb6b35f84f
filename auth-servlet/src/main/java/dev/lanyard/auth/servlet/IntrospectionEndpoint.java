package dev.lanyard.auth.servlet;

import dev.lanyard.auth.TokenService;
import dev.lanyard.auth.client.ClientCredential;
import dev.lanyard.auth.servlet.internal.FormEndpoint;
import dev.lanyard.auth.servlet.internal.Responses;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.util.Map;
import java.util.Objects;

/**
 * RFC 7662 token introspection: {@code POST token=...} by an authenticated confidential client.
 * An unusable token gets {@code {"active":false}} and nothing else.
 *
 * <pre>{@code
 * context.addServlet("introspect", new IntrospectionEndpoint(tokenService)).addMapping("/oauth2/introspect");
 * }</pre>
 */
public final class IntrospectionEndpoint extends FormEndpoint {

    private static final long serialVersionUID = 1L;

    private final transient TokenService tokens;

    /**
     * Serves RFC 7662 introspection for this service.
     *
     * @param tokens the service that authenticates the caller and describes the token
     * @throws NullPointerException when an argument is null
     */
    public IntrospectionEndpoint(TokenService tokens) {
        this.tokens = Objects.requireNonNull(tokens, "tokens");
    }

    /**
     * As {@link #IntrospectionEndpoint(TokenService)}, answering failures with {@code errors} instead of
     * {@link ErrorWriter#json} over {@link ErrorStatuses#rfc6749()} with {@code invalid_client} always 401.
     *
     * @param tokens the service that authenticates the client
     * @param errors the endpoint's error writer
     * @throws NullPointerException when an argument is null
     */
    public IntrospectionEndpoint(TokenService tokens, ErrorWriter errors) {
        super(errors);
        this.tokens = Objects.requireNonNull(tokens, "tokens");
    }

    @Override
    protected void handle(HttpServletRequest request, HttpServletResponse response, Map<String, String> params,
                          ClientCredential client) throws IOException {
        Responses.json(response, 200, tokens.introspect(params.get("token"), client,
                request.getRemoteAddr()).toJson());
    }
}
