package dev.lanyard.auth.servlet;

import dev.lanyard.auth.TokenService;
import dev.lanyard.auth.client.ClientCredential;
import dev.lanyard.auth.servlet.internal.FormEndpoint;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.util.Map;
import java.util.Objects;

/**
 * RFC 7009 token revocation: {@code POST token=...&token_type_hint=...} with client authentication.
 * Answers 200 with an empty body whether or not the token was known, as the RFC asks.
 *
 * <pre>{@code
 * context.addServlet("revoke", new RevocationEndpoint(tokenService)).addMapping("/oauth2/revoke");
 * }</pre>
 */
public final class RevocationEndpoint extends FormEndpoint {

    private static final long serialVersionUID = 1L;

    private final transient TokenService tokens;

    /**
     * Serves RFC 7009 revocation for this service.
     *
     * @param tokens the service that authenticates the client and revokes the token
     * @throws NullPointerException when an argument is null
     */
    public RevocationEndpoint(TokenService tokens) {
        this.tokens = Objects.requireNonNull(tokens, "tokens");
    }

    /**
     * As {@link #RevocationEndpoint(TokenService)}, answering failures with {@code errors} instead of
     * {@link ErrorWriter#json} over {@link ErrorStatuses#rfc6749()} with {@code invalid_client} always 401.
     *
     * @param tokens the service that authenticates the client
     * @param errors the endpoint's error writer
     * @throws NullPointerException when an argument is null
     */
    public RevocationEndpoint(TokenService tokens, ErrorWriter errors) {
        super(errors);
        this.tokens = Objects.requireNonNull(tokens, "tokens");
    }

    @Override
    protected void handle(HttpServletRequest request, HttpServletResponse response, Map<String, String> params,
                          ClientCredential client) {
        tokens.revoke(params.get("token"), params.get("token_type_hint"), client,
                request.getRemoteAddr());
        response.setStatus(200);
        response.setContentLength(0);
    }
}
