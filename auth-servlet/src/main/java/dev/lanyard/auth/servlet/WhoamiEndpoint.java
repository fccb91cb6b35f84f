package dev.lanyard.auth.servlet;

import dev.lanyard.auth.ServerErrorException;
import dev.lanyard.auth.servlet.internal.EndpointServlet;
import dev.lanyard.auth.servlet.internal.Responses;
import dev.lanyard.auth.token.Scopes;
import dev.lanyard.auth.token.VerifiedToken;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * Who the caller is, from the token the {@link BearerTokenFilter} verified. {@code new WhoamiEndpoint()}
 * answers {@code sub}, {@code client_id}, {@code clientId}, {@code scope}, {@code exp}, and for user tokens
 * {@code username}, {@code roles}, {@code appId}. The {@link #builder()} chooses the members instead, for
 * APIs that document another shape. Map it behind the filter. Nothing secret is ever written: the
 * values all come from the verified token's claims.
 *
 * <pre>{@code
 * context.addServlet("whoami", new WhoamiEndpoint()).addMapping("/api/whoami");
 * // GET /api/users -> {"username": "alice"}, or the client id for a client's own token
 * context.addServlet("users", WhoamiEndpoint.builder().field("username", WhoamiEndpoint.Value.NAME).build())
 *        .addMapping("/api/users");
 * }</pre>
 */
public final class WhoamiEndpoint extends EndpointServlet {

    private static final long serialVersionUID = 1L;

    /** What a member of the answer holds; a value the token does not have leaves its member out. */
    public enum Value {
        /** {@code sub}: the user id, or the client id for a client's own token. */
        SUBJECT(t -> Optional.of(t.subject())),
        /** The client the token was issued to. */
        CLIENT_ID(t -> Optional.of(t.clientId())),
        /** The {@code username} claim of a user token. */
        USERNAME(t -> t.claim("username")),
        /** The {@code username} of a user token, or the client id of a client's own token. */
        NAME(t -> t.claim("username").or(() -> t.subject().equals(t.clientId()) ? Optional.of(t.clientId())
                : Optional.empty())),
        /** The {@code appId} claim. */
        APP_ID(t -> t.claim("appId")),
        /** The {@code roles} claim, a list. */
        ROLES(t -> t.claim("roles")),
        /** The scopes, space-separated. */
        SCOPE(t -> Optional.of(Scopes.join(t.scopes()))),
        /** When the token expires, in epoch seconds. */
        EXPIRES_AT(t -> Optional.of(t.expiresAt().getEpochSecond()));

        private final transient Function<VerifiedToken, Optional<Object>> read;

        Value(Function<VerifiedToken, Optional<Object>> read) {
            this.read = read;
        }
    }

    private static final Map<String, Value> DEFAULT_FIELDS = defaults();

    private final transient Map<String, Value> fields;

    /** The default answer (see the class description). */
    public WhoamiEndpoint() {
        this(DEFAULT_FIELDS);
    }

    private WhoamiEndpoint(Map<String, Value> fields) {
        this.fields = fields;
    }

    /**
     * A whoami whose members are chosen with {@link Builder#field}.
     *
     * @return a builder with no members; at least one is required
     */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (!(request.getAttribute(BearerTokenFilter.TOKEN_ATTRIBUTE) instanceof VerifiedToken token)) {
            throw new ServerErrorException("WhoamiEndpoint must be mapped behind a BearerTokenFilter");
        }
        Map<String, Object> body = new LinkedHashMap<>();
        fields.forEach((name, value) -> value.read.apply(token).ifPresent(v -> body.put(name, v)));
        response.setHeader("Cache-Control", "no-store");
        Responses.json(response, 200, body);
    }

    private static Map<String, Value> defaults() {
        Map<String, Value> m = new LinkedHashMap<>();
        m.put("sub", Value.SUBJECT);
        m.put("client_id", Value.CLIENT_ID);
        m.put("clientId", Value.CLIENT_ID);
        m.put("username", Value.USERNAME);
        m.put("appId", Value.APP_ID);
        m.put("roles", Value.ROLES);
        m.put("scope", Value.SCOPE);
        m.put("exp", Value.EXPIRES_AT);
        return java.util.Collections.unmodifiableMap(m);
    }

    /** Builds a {@link WhoamiEndpoint}; members are written in the order they are added. */
    public static final class Builder {
        private final Map<String, Value> fields = new LinkedHashMap<>();

        private Builder() {
        }

        /**
         * Writes {@code value} as the member {@code name}; each name once.
         *
         * @param name  the JSON member name; not empty
         * @param value what the member holds; a value the token lacks leaves the member out
         * @return this builder
         * @throws IllegalArgumentException when {@code name} is empty or already set
         */
        public Builder field(String name, Value value) {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(value, "value");
            if (name.isEmpty()) {
                throw new IllegalArgumentException("a member name must not be empty");
            }
            if (fields.putIfAbsent(name, value) != null) {
                throw new IllegalArgumentException("the member '" + name + "' is already set");
            }
            return this;
        }

        /**
         * Builds the endpoint.
         *
         * @return the servlet, to be mapped behind a {@link BearerTokenFilter}
         * @throws IllegalStateException without any {@link #field}
         */
        public WhoamiEndpoint build() {
            if (fields.isEmpty()) {
                throw new IllegalStateException("a whoami needs at least one field(..)");
            }
            return new WhoamiEndpoint(java.util.Collections.unmodifiableMap(new LinkedHashMap<>(fields)));
        }
    }
}
