package dev.lanyard.auth.servlet;

import dev.lanyard.auth.servlet.internal.RouteTemplate;
import dev.lanyard.auth.token.Scopes;
import dev.lanyard.auth.token.VerifiedToken;
import dev.lanyard.auth.user.User;
import dev.lanyard.auth.user.UserStore;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Which admin operations an {@link AdminEndpoint} serves, under which paths, and who may call them.
 * Paths are context-relative templates whose {@code {appId}}, {@code {userId}}, {@code {clientId}} and
 * {@code {secretId}} segments carry those values; a value not in the path is read from the JSON body instead. Every
 * setting is checked when it is made and may be made once.
 *
 * <pre>{@code
 * AdminEndpointConfig config = AdminEndpointConfig.builder()
 *         .createUser("/api/auth/admin/user")
 *         .importUsers("/api/auth/admin/import")
 *         .createClient("/api/platform/app/{appId}/client")          // appId from the path
 *         .rotateSecret("/api/platform/client/{clientId}/secret")
 *         .revokeSecret("/api/platform/client/{clientId}/secret/{secretId}")
 *         .setPassword("/api/auth/admin/user/{userId}/password")
 *         .disableUser("/api/auth/admin/user/{userId}/disable")
 *         .enableUser("/api/auth/admin/user/{userId}/enable")
 *         .deleteUser("/api/auth/admin/user/{userId}")
 *         .deleteClient("/api/platform/client/{clientId}")
 *         .adminRole("admin")                                         // the default when no role or scope is set
 *         .build();
 * AdminEndpoint admin = new AdminEndpoint(tokenService, userAdmin, clientAdmin, sessions, config);
 * context.addServlet("admin", admin).addMapping(config.urlPatterns());
 * }</pre>
 *
 * <p>A caller is an admin when its token's {@code scope} holds an admin scope, its {@code roles} claim an
 * admin role, or (with {@link Builder#rolesFrom}) its user holds an admin role in the store. Defaults:
 * role {@code admin}; the token in {@code Authorization: Bearer} and realm {@code lanyard}
 * ({@link BearerCredentialsSpec#standard()}, or {@link Builder#credentials}); bodies up to 64 KiB.
 */
public final class AdminEndpointConfig {

    /** The operations, each with the HTTP methods it answers and the path variables it may use. */
    public enum Operation {
        /** {@code POST} a JSON user with its password: 201. */
        CREATE_USER(Set.of("POST"), Set.of("appId")),
        /** {@code POST} a users list, JSON or YAML: 200 {@code {"imported": n}}. */
        IMPORT_USERS(Set.of("POST"), Set.of()),
        /** {@code POST} a JSON client: 201 with its id and secret. */
        CREATE_CLIENT(Set.of("POST"), Set.of("appId")),
        /** {@code POST}: 200 with a new secret; the old ones keep working. */
        ROTATE_SECRET(Set.of("POST"), Set.of("clientId")),
        /** {@code POST} or {@code DELETE}: 200; the last secret of a client cannot be revoked (409). */
        REVOKE_SECRET(Set.of("POST", "DELETE"), Set.of("clientId", "secretId")),
        /** {@code POST} {@code {password}}: 200; the user's sessions end. */
        SET_PASSWORD(Set.of("POST"), Set.of("userId")),
        /** {@code POST}: 200; the user can no longer log in and her sessions end at once. */
        DISABLE_USER(Set.of("POST"), Set.of("userId")),
        /** {@code POST}: 200; the user can log in again. */
        ENABLE_USER(Set.of("POST"), Set.of("userId")),
        /** {@code DELETE}: 200; the user's sessions end. */
        DELETE_USER(Set.of("DELETE"), Set.of("userId")),
        /** {@code DELETE}: 200; the client's refresh families end. */
        DELETE_CLIENT(Set.of("DELETE"), Set.of("clientId"));

        /** The operations that end sessions, and so need a {@link dev.lanyard.auth.admin.Sessions}. */
        static final Set<Operation> ENDING_SESSIONS = Set.of(SET_PASSWORD, DISABLE_USER, DELETE_USER, DELETE_CLIENT);

        private final Set<String> methods;
        private final Set<String> variables;

        Operation(Set<String> methods, Set<String> variables) {
            this.methods = methods;
            this.variables = variables;
        }

        Set<String> methods() {
            return methods;
        }
    }

    /** A request path matched to its operation, with the path's variables. */
    record Match(Operation operation, RouteTemplate route, Map<String, String> variables) {
    }

    private static final int MAX_BODY_LIMIT = 1024 * 1024;

    private final Map<Operation, RouteTemplate> routes;
    private final Set<String> adminRoles;
    private final Set<String> adminScopes;
    private final Set<String> globalAdminRoles;
    private final UserStore rolesFrom;
    private final BearerCredentialsSpec credentials;
    private final int maxBodyBytes;
    private final ErrorWriter errors;

    private AdminEndpointConfig(Builder b) {
        this.routes = Collections.unmodifiableMap(new EnumMap<>(b.routes));
        this.adminRoles = Collections.unmodifiableSet(b.adminRoles.isEmpty() && b.adminScopes.isEmpty()
                ? Set.of("admin") : new LinkedHashSet<>(b.adminRoles));
        this.adminScopes = Collections.unmodifiableSet(new LinkedHashSet<>(b.adminScopes));
        this.globalAdminRoles = Collections.unmodifiableSet(new LinkedHashSet<>(b.globalAdminRoles));
        this.rolesFrom = b.rolesFrom;
        this.credentials = b.credentials != null ? b.credentials : BearerCredentialsSpec.standard();
        this.maxBodyBytes = b.maxBodyBytes != null ? b.maxBodyBytes : 64 * 1024;
        this.errors = b.errors != null ? b.errors : ErrorWriter.json(ErrorStatuses.rfc6749());
    }

    /**
     * Starts a builder; at least one operation is required.
     *
     * @return a new builder with nothing configured
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The servlet URL patterns that cover every configured path, for {@code addMapping(..)}.
     *
     * @return the patterns, each once, in the order the operations were configured
     */
    public String[] urlPatterns() {
        Set<String> patterns = new LinkedHashSet<>();
        routes.values().forEach(r -> patterns.add(r.urlPattern()));
        return patterns.toArray(String[]::new);
    }

    /**
     * The operations configured.
     *
     * @return the configured operations; never empty
     */
    public Set<Operation> operations() {
        return routes.keySet();
    }

    Optional<Match> match(String path) {
        for (Map.Entry<Operation, RouteTemplate> e : routes.entrySet()) {
            Optional<Map<String, String>> vars = e.getValue().match(path);
            if (vars.isPresent()) {
                return Optional.of(new Match(e.getKey(), e.getValue(), vars.get()));
            }
        }
        return Optional.empty();
    }

    BearerCredentialsSpec credentials() {
        return credentials;
    }

    ErrorWriter errors() {
        return errors;
    }

    int maxBodyBytes() {
        return maxBodyBytes;
    }

    /** The admin scopes, space-separated, for an {@code insufficient_scope} challenge; null when there are none. */
    String scopeChallenge() {
        return adminScopes.isEmpty() ? null : Scopes.join(adminScopes);
    }

    /** What the caller needs, for messages. */
    String requirement() {
        List<String> parts = new ArrayList<>();
        if (!adminRoles.isEmpty()) {
            parts.add("the role " + String.join(" or ", adminRoles));
        }
        if (!adminScopes.isEmpty()) {
            parts.add("the scope " + String.join(" or ", adminScopes));
        }
        return "this operation needs " + String.join(" or ", parts);
    }

    /**
     * Whether the token's holder is an admin. A client's own token ({@code sub} equal to its
     * {@code client_id}) is never looked up as a user, so a client cannot borrow a user's roles.
     */
    boolean isAdmin(VerifiedToken token) {
        return token.scopes().stream().anyMatch(adminScopes::contains) || holdsRole(token, adminRoles);
    }

    /**
     * The appId an admin is confined to, or empty for an admin of every app: one holding a
     * {@linkplain Builder#globalAdminRole global admin role}, or whose token names no appId (a platform
     * account, not an app's).
     */
    Optional<String> tenantOf(VerifiedToken token) {
        if (holdsRole(token, globalAdminRoles)) {
            return Optional.empty();
        }
        return token.claim("appId").filter(String.class::isInstance).map(String.class::cast);
    }

    /** The global admin roles, which an app's admin may not hand out. */
    Set<String> globalAdminRoles() {
        return globalAdminRoles;
    }

    private boolean holdsRole(VerifiedToken token, Set<String> roles) {
        if (roles.isEmpty()) {
            return false;
        }
        if (token.claim("roles").filter(List.class::isInstance).map(r -> (List<?>) r).orElse(List.of()).stream()
                .anyMatch(roles::contains)) {
            return true;
        }
        if (rolesFrom == null || token.subject() == null || token.subject().equals(token.clientId())) {
            return false;
        }
        return rolesFrom.findById(token.subject()).filter(User::enabled)
                .map(u -> u.roles().stream().anyMatch(roles::contains)).orElse(false);
    }

    /** Builds an {@link AdminEndpointConfig}; {@link #build()} refuses an empty or ambiguous set of routes. */
    public static final class Builder {
        private final Map<Operation, RouteTemplate> routes = new EnumMap<>(Operation.class);
        private final Set<String> adminRoles = new LinkedHashSet<>();
        private final Set<String> globalAdminRoles = new LinkedHashSet<>();
        private final Set<String> adminScopes = new LinkedHashSet<>();
        private UserStore rolesFrom;
        private BearerCredentialsSpec credentials;
        private Integer maxBodyBytes;
        private ErrorWriter errors;

        private Builder() {
        }

        /**
         * {@code POST path} with {@code {username, password, email?, firstName?, lastName?, lang?, roles?,
         * scopes?, appId?, enabled?}}: 201 with the user's id and profile, never the hash; 409 for a taken
         * username. The path may hold {@code {appId}}.
         *
         * @param path the servlet path, optionally with {@code {appId}}
         * @return this builder
         * @throws IllegalStateException when this operation already has a path
         */
        public Builder createUser(String path) {
            return route(Operation.CREATE_USER, path);
        }

        /**
         * {@code POST path} with a users list in the import-file format, as {@code application/json} or
         * YAML ({@code application/yaml}, {@code application/x-yaml}, {@code text/yaml}): all or nothing,
         * 200 {@code {"imported": n}}; 400 naming the bad entry; 409 naming a taken username.
         *
         * @param path the servlet path
         * @return this builder
         * @throws IllegalStateException when this operation already has a path
         */
        public Builder importUsers(String path) {
            return route(Operation.IMPORT_USERS, path);
        }

        /**
         * {@code POST path} with {@code {clientId?, name?, secret?, scopes | permissions, grants?,
         * redirectUris?, appId?, public?}}: 201 with {@code clientId}, {@code secretId} and {@code secret}
         * (generated when absent; the only time it is shown). The path may hold {@code {appId}}, which then
         * wins over (and must agree with) the body's.
         *
         * @param path the servlet path, optionally with {@code {appId}}
         * @return this builder
         * @throws IllegalStateException when this operation already has a path
         */
        public Builder createClient(String path) {
            return route(Operation.CREATE_CLIENT, path);
        }

        /**
         * {@code POST path}: 200 {@code {clientId, secretId, secret}} with a new generated secret; the older
         * secrets keep working until revoked. {@code {clientId}} from the path or the body.
         *
         * @param path the servlet path, optionally with {@code {clientId}}
         * @return this builder
         * @throws IllegalStateException when this operation already has a path
         */
        public Builder rotateSecret(String path) {
            return route(Operation.ROTATE_SECRET, path);
        }

        /**
         * {@code POST} or {@code DELETE path}: revokes one secret; 404 when unknown, 409 for the last one.
         * {@code {clientId}} and {@code {secretId}} from the path or the body.
         *
         * @param path the servlet path, optionally with {@code {clientId}} and {@code {secretId}}
         * @return this builder
         * @throws IllegalStateException when this operation already has a path
         */
        public Builder revokeSecret(String path) {
            return route(Operation.REVOKE_SECRET, path);
        }

        /**
         * {@code POST path} with {@code {password, userId?}}: sets the user's password (checked against the
         * policy, hashed; 400 naming the rule, never the password) and ends her sessions, as the CLI's
         * {@code users set-password} does: 200 {@code {id, username, enabled, revoked: {accessTokens,
         * referenceTokens}}}; 404 for an unknown user. {@code {userId}} from the path or the body.
         *
         * @param path the servlet path, optionally with {@code {userId}}
         * @return this builder
         * @throws IllegalStateException when this operation already has a path
         */
        public Builder setPassword(String path) {
            return route(Operation.SET_PASSWORD, path);
        }

        /**
         * {@code POST path}: disables the user (her logins fail like a wrong password) and ends her sessions
         * at once, her refresh and access tokens refused from now on: 200 {@code {id, username, enabled,
         * revoked: {accessTokens, referenceTokens}}}; 404 for an unknown user. {@code {userId}} from the path
         * or the body.
         *
         * @param path the servlet path, optionally with {@code {userId}}
         * @return this builder
         * @throws IllegalStateException when this operation already has a path
         */
        public Builder disableUser(String path) {
            return route(Operation.DISABLE_USER, path);
        }

        /**
         * {@code POST path}: enables the user again: 200 {@code {id, username, enabled}}; 404 for an unknown
         * user. Sessions ended by a disable stay ended. {@code {userId}} from the path or the body.
         *
         * @param path the servlet path, optionally with {@code {userId}}
         * @return this builder
         * @throws IllegalStateException when this operation already has a path
         */
        public Builder enableUser(String path) {
            return route(Operation.ENABLE_USER, path);
        }

        /**
         * {@code DELETE path}: deletes the user and ends her sessions: 200 {@code {id, username, deleted:
         * true, revoked: {accessTokens, referenceTokens}}}; 404 for an unknown user. {@code {userId}} from
         * the path or the body.
         *
         * @param path the servlet path, optionally with {@code {userId}}
         * @return this builder
         * @throws IllegalStateException when this operation already has a path
         */
        public Builder deleteUser(String path) {
            return route(Operation.DELETE_USER, path);
        }

        /**
         * {@code DELETE path}: deletes the client and ends its refresh families with their live access
         * tokens (its opaque tokens live out their lifetime, as with the CLI's {@code clients remove}): 200
         * {@code {clientId, deleted: true, revoked: {accessTokens}}}; 404 for an unknown client.
         * {@code {clientId}} from the path or the body.
         *
         * @param path the servlet path, optionally with {@code {clientId}}
         * @return this builder
         * @throws IllegalStateException when this operation already has a path
         */
        public Builder deleteClient(String path) {
            return route(Operation.DELETE_CLIENT, path);
        }

        /**
         * A role (in the token's {@code roles} claim) that makes its holder an admin; may be called again to add more.
         *
         * @param role the role name: printable ASCII without spaces or quotes
         * @return this builder
         * @throws IllegalArgumentException when the name is not such a name or the role is already configured
         */
        public Builder adminRole(String role) {
            if (!adminRoles.add(name(role, "adminRole"))) {
                throw new IllegalArgumentException("adminRole '" + role + "' is already configured");
            }
            return this;
        }

        /**
         * A role whose holders administer every app. Every other admin whose token carries an
         * {@code appId} acts within that app only: users and clients it creates or imports get its appId
         * (another is 403), it rotates and revokes the secrets of its app's clients only (another app's
         * client is 404), and it may hand out neither a global admin role nor the scope
         * {@value dev.lanyard.auth.IntrospectionPolicy#PERMISSION}, which would reach beyond its app. An
         * admin without an appId is a platform account and administers every app.
         *
         * <pre>{@code
         * AdminEndpointConfig.builder().createClient("/api/platform/app/{appId}/client")
         *         .adminRole("admin").globalAdminRole("global-admin").build();
         * }</pre>
         *
         * @param role the role name: printable ASCII without spaces or quotes
         * @return this builder
         * @throws IllegalArgumentException when the name is not such a name or the role is already configured
         */
        public Builder globalAdminRole(String role) {
            if (!globalAdminRoles.add(name(role, "globalAdminRole"))) {
                throw new IllegalArgumentException("globalAdminRole '" + role + "' is already configured");
            }
            return this;
        }

        /**
         * A scope that makes its holder an admin (a client with this scope, say); may be called again to add more.
         *
         * @param scope the scope: printable ASCII without spaces or quotes
         * @return this builder
         * @throws IllegalArgumentException when the scope is not such a name or is already configured
         */
        public Builder adminScope(String scope) {
            if (!adminScopes.add(name(scope, "adminScope"))) {
                throw new IllegalArgumentException("adminScope '" + scope + "' is already configured");
            }
            return this;
        }

        /**
         * Also looks the caller's roles up in this store, by the token's subject, when the token carries
         * none: opaque reference tokens hold no {@code roles} claim. The user must be enabled.
         *
         * @param users the store to read the caller's roles from; not null
         * @return this builder
         * @throws IllegalStateException when a store was already set
         */
        public Builder rolesFrom(UserStore users) {
            once(this.rolesFrom, "rolesFrom");
            this.rolesFrom = Objects.requireNonNull(users, "users");
            return this;
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
         * The largest body read; default 64 KiB, at most 1 MiB (larger bodies get 413).
         *
         * @param bytes the limit in bytes, 1 to 1 MiB
         * @return this builder
         * @throws IllegalArgumentException when {@code bytes} is outside 1 to 1 MiB
         * @throws IllegalStateException    when the limit was already set
         */
        public Builder maxBodyBytes(int bytes) {
            once(this.maxBodyBytes, "maxBodyBytes");
            if (bytes < 1 || bytes > MAX_BODY_LIMIT) {
                throw new IllegalArgumentException("maxBodyBytes must be between 1 and " + MAX_BODY_LIMIT + ", got " + bytes);
            }
            this.maxBodyBytes = bytes;
            return this;
        }

        /**
         * How failures are answered; default {@link ErrorWriter#json} over {@link ErrorStatuses#rfc6749()} (a taken username 409, an unknown
         * client 404). To answer one
         * failure differently, pass a writer over that table with the entry replaced.
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
         * Checks the operations together and builds the configuration.
         *
         * @return the immutable configuration
         * @throws IllegalStateException without any operation, or when two paths could match the same request
         */
        public AdminEndpointConfig build() {
            if (routes.isEmpty()) {
                throw new IllegalStateException("configure at least one operation (createUser(..), importUsers(..), ...)");
            }
            List<Map.Entry<Operation, RouteTemplate>> all = new ArrayList<>(routes.entrySet());
            for (int i = 0; i < all.size(); i++) {
                for (int j = i + 1; j < all.size(); j++) {
                    if (all.get(i).getValue().overlaps(all.get(j).getValue())) {
                        throw new IllegalStateException("the paths of " + all.get(i).getKey() + " (" + all.get(i).getValue()
                                + ") and " + all.get(j).getKey() + " (" + all.get(j).getValue()
                                + ") can match the same request");
                    }
                }
            }
            return new AdminEndpointConfig(this);
        }

        private Builder route(Operation operation, String path) {
            once(routes.get(operation), operation.name());
            routes.put(operation, RouteTemplate.parse(path, operation.variables));
            return this;
        }

        private static void once(Object current, String setting) {
            if (current != null) {
                throw new IllegalStateException(setting + " was already set on this builder");
            }
        }

        private static String name(String value, String setting) {
            if (value == null || !value.matches("[\\x21-\\x7e]+") || value.indexOf('"') >= 0 || value.indexOf('\\') >= 0) {
                throw new IllegalArgumentException(setting + " must be printable ASCII without spaces or quotes, got '"
                        + value + "'");
            }
            return value;
        }

    }
}
