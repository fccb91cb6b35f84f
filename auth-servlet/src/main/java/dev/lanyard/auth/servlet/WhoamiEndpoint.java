package dev.lanyard.auth.servlet;

import dev.lanyard.auth.AuthException;
import dev.lanyard.auth.OAuthError;
import dev.lanyard.auth.servlet.internal.EndpointServlet;
import dev.lanyard.auth.servlet.internal.Responses;
import dev.lanyard.auth.token.VerifiedToken;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Who the caller is, from the token the {@link BearerTokenFilter} verified: {@code sub}, {@code client_id},
 * {@code scope}, and for user tokens {@code username}, {@code roles}, {@code appId}. Map it behind the
 * filter.
 *
 * <pre>{@code
 * context.addServlet("whoami", new WhoamiEndpoint()).addMapping("/api/whoami");
 * }</pre>
 */
public final class WhoamiEndpoint extends EndpointServlet {

    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (!(request.getAttribute(BearerTokenFilter.TOKEN_ATTRIBUTE) instanceof VerifiedToken token)) {
            throw new AuthException(OAuthError.SERVER_ERROR, "WhoamiEndpoint must be mapped behind a BearerTokenFilter");
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("sub", token.subject());
        body.put("client_id", token.clientId());
        body.put("clientId", token.clientId());
        token.claim("username").ifPresent(u -> body.put("username", u));
        token.claim("appId").ifPresent(a -> body.put("appId", a));
        token.claim("roles").ifPresent(r -> body.put("roles", r));
        body.put("scope", String.join(" ", token.scopes()));
        body.put("exp", token.expiresAt().getEpochSecond());
        response.setHeader("Cache-Control", "no-store");
        Responses.json(response, 200, body);
    }
}
