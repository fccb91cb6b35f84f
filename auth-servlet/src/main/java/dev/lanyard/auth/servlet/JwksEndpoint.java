package dev.lanyard.auth.servlet;

import dev.lanyard.auth.TokenService;
import dev.lanyard.auth.servlet.internal.EndpointServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;

/**
 * The public JWK set ({@code application/jwk-set+json}). Cached by clients for {@code maxAge}: keep it
 * well under the time a next key is published before it signs, so that every verifier sees a new key
 * before the first token it signs (default 5 minutes).
 *
 * <pre>{@code
 * context.addServlet("jwks", new JwksEndpoint(tokenService, Duration.ofMinutes(5))).addMapping("/oauth2/jwks");
 * }</pre>
 */
public final class JwksEndpoint extends EndpointServlet {

    private static final long serialVersionUID = 1L;

    private final transient TokenService tokens;
    /** The {@code Cache-Control: max-age} of the answer, in seconds. */
    private final long maxAgeSeconds;

    /**
     * Serves the service's public keys.
     *
     * @param tokens the service whose current key ring is published at each request
     * @param maxAge how long clients may cache the set; keep it shorter than a retired key stays in the ring
     * @throws NullPointerException when an argument is null
     */
    public JwksEndpoint(TokenService tokens, Duration maxAge) {
        this.tokens = Objects.requireNonNull(tokens, "tokens");
        this.maxAgeSeconds = maxAge.toSeconds();
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        byte[] body = tokens.jwks().getBytes(StandardCharsets.UTF_8);
        response.setStatus(200);
        response.setContentType("application/jwk-set+json");
        response.setHeader("Cache-Control", "public, max-age=" + maxAgeSeconds);
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }
}
