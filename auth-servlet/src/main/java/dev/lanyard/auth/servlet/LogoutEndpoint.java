package dev.lanyard.auth.servlet;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lanyard.auth.OAuthError;
import dev.lanyard.auth.TokenService;
import dev.lanyard.auth.servlet.internal.BearerAuthentication;
import dev.lanyard.auth.servlet.internal.RoutedEndpoint;
import dev.lanyard.auth.servlet.internal.HttpException;
import dev.lanyard.auth.servlet.internal.Responses;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Logs out the holder of an access token: {@link TokenService#logout} revokes the token at once (a
 * reference token is deleted, a JWT goes on the revocation list) together with the refresh family it
 * came from, so every protected endpoint answers 401 to it from then on.
 *
 * <pre>{@code
 * BearerCredentialsSpec simplicite = BearerCredentialsSpec.builder()
 *         .header("X-Simplicite-Authorization")   // default Authorization
 *         .build();
 * LogoutEndpoint logout = LogoutEndpoint.builder(tokenService)
 *         .credentials(simplicite)                 // the filter's spec: BearerFilterConfig.credentials(..)
 *         .methods("GET", "POST")                  // default POST
 *         .jsonBody(Map.of("result", "logged out")) // default: an empty 200
 *         .build();
 * context.addServlet("logout", logout).addMapping("/api/logout");
 * }</pre>
 *
 * <p>Errors follow RFC 6750: no token is a 401 with {@code WWW-Authenticate: Bearer realm=".."}; a token
 * that is not valid (expired, forged, already logged out) a 401 with {@code error="invalid_token"}; a
 * malformed header a 400 with {@code error="invalid_request"}. The token is read from the header only,
 * never from the query string or body.
 */
public final class LogoutEndpoint extends RoutedEndpoint {

    private static final long serialVersionUID = 1L;

    private final transient TokenService tokens;
    /** Reads, verifies and refuses the token with the configured header, scheme and realm. */
    private final transient BearerAuthentication bearer;
    private final transient Set<String> methods;
    private final transient Map<String, Object> body;

    private LogoutEndpoint(Builder b) {
        super(b.errors != null ? b.errors : ErrorWriter.json(ErrorStatuses.rfc6749()));
        this.tokens = b.tokens;
        this.bearer = new BearerAuthentication(b.credentials != null ? b.credentials : BearerCredentialsSpec.standard());
        this.methods = b.methods != null ? b.methods : Set.of("POST");
        this.body = b.body;
    }

    /**
     * Starts a logout endpoint, which revokes the caller's access token and its refresh family.
     *
     * @param tokens the service that verifies and revokes the token
     * @return a builder with the defaults: {@code POST}, {@code Authorization: Bearer}, an empty 200
     * @throws NullPointerException when {@code tokens} is null
     */
    public static Builder builder(TokenService tokens) {
        return new Builder(tokens);
    }

    /** The logout takes a Bearer token. */
    @Override
    protected String challenge() {
        return bearer.spec().challenge();
    }

    @Override
    protected void handle(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (!methods.contains(request.getMethod())) {
            response.setHeader("Allow", String.join(", ", methods));
            throw new HttpException(405, OAuthError.INVALID_REQUEST, "use " + String.join(", ", methods));
        }
        if (bearer.authenticate(request, response, token -> {
            tokens.logout(token);
            return token;
        }).isEmpty()) {
            return;
        }
        if (body == null) {
            response.setStatus(200);
            response.setContentLength(0);
        } else {
            Responses.json(response, 200, body);
        }
    }

    /** Builds a {@link LogoutEndpoint}; each setting may be made once and is checked at once. */
    public static final class Builder {
        private final TokenService tokens;
        private BearerCredentialsSpec credentials;
        private Set<String> methods;
        private Map<String, Object> body;
        private ErrorWriter errors;

        private Builder(TokenService tokens) {
            this.tokens = Objects.requireNonNull(tokens, "tokens");
        }

        /**
         * Where the token travels and the realm of refusals; default {@link BearerCredentialsSpec#standard()}
         * ({@code Authorization: Bearer}, realm {@code lanyard}). Pass the spec the {@link BearerFilterConfig}
         * in front uses.
         *
         * @param credentials the header, scheme and realm
         * @return this builder
         * @throws IllegalStateException when it was already set
         */
        public Builder credentials(BearerCredentialsSpec credentials) {
            once(this.credentials, "credentials");
            this.credentials = Objects.requireNonNull(credentials, "credentials");
            return this;
        }

        /**
         * The HTTP methods served, {@code GET} and/or {@code POST}; default POST.
         *
         * @param methods {@code GET}, {@code POST} or both
         * @return this builder
         * @throws IllegalArgumentException when none is given or one is neither GET nor POST
         * @throws IllegalStateException    when it was already set
         */
        public Builder methods(String... methods) {
            once(this.methods, "methods");
            if (methods.length == 0) {
                throw new IllegalArgumentException("methods needs GET, POST or both");
            }
            Set<String> out = new LinkedHashSet<>();
            for (String m : methods) {
                if (!"GET".equals(m) && !"POST".equals(m)) {
                    throw new IllegalArgumentException("methods may be GET or POST, got '" + m + "'");
                }
                out.add(m);
            }
            this.methods = Collections.unmodifiableSet(out);
            return this;
        }

        /**
         * The JSON object answered on success (strings, numbers, booleans, lists and maps); by default the
         * answer is a 200 with an empty body.
         *
         * @param body the members of the answer; copied, so later changes are not seen
         * @return this builder
         * @throws IllegalArgumentException when it cannot be written as JSON
         * @throws IllegalStateException    when it was already set
         */
        public Builder jsonBody(Map<String, ?> body) {
            once(this.body, "jsonBody");
            Map<String, Object> copy = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(body, "body")));
            try {
                new ObjectMapper().writeValueAsString(copy);
            } catch (JsonProcessingException e) {
                throw new IllegalArgumentException("jsonBody cannot be written as JSON: " + e.getOriginalMessage(), e);
            }
            this.body = copy;
            return this;
        }

        /**
         * How failures other than the token's own are answered (a 405, a store failure); default
         * {@link ErrorWriter#json} over {@link ErrorStatuses#rfc6749()}.
         *
         * @param errors the error writer
         * @return this builder
         * @throws IllegalStateException when it was already set
         */
        public Builder errors(ErrorWriter errors) {
            once(this.errors, "errors");
            this.errors = Objects.requireNonNull(errors, "errors");
            return this;
        }

        /**
         * Builds the endpoint.
         *
         * @return the servlet, to be registered on the logout path
         */
        public LogoutEndpoint build() {
            return new LogoutEndpoint(this);
        }

        private static void once(Object current, String setting) {
            if (current != null) {
                throw new IllegalStateException(setting + " was already set on this builder");
            }
        }

    }
}
