package dev.lanyard.auth.servlet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lanyard.auth.IntrospectionPolicy;
import dev.lanyard.auth.NotFoundException;
import dev.lanyard.auth.OAuthError;
import dev.lanyard.auth.TokenService;
import dev.lanyard.auth.admin.ClientAdmin;
import dev.lanyard.auth.admin.ImportProgress;
import dev.lanyard.auth.admin.IssuedSecret;
import dev.lanyard.auth.admin.Sessions;
import dev.lanyard.auth.admin.UserAdmin;
import dev.lanyard.auth.client.Client;
import dev.lanyard.auth.servlet.AdminEndpointConfig.Match;
import dev.lanyard.auth.servlet.internal.BearerAuthentication;
import dev.lanyard.auth.servlet.internal.RoutedEndpoint;
import dev.lanyard.auth.servlet.internal.HttpException;
import dev.lanyard.auth.servlet.internal.Requests;
import dev.lanyard.auth.servlet.internal.Responses;
import dev.lanyard.auth.token.VerifiedToken;
import dev.lanyard.auth.user.User;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * The admin API over {@link UserAdmin} and {@link ClientAdmin}: create users, import a users list,
 * set a user's password, disable, enable and delete users, create and delete clients, rotate and revoke
 * client secrets, under the paths an {@link AdminEndpointConfig} gives. Setting a password, disabling or
 * deleting a user and deleting a client also end the sessions concerned through {@link Sessions}, as the
 * CLI does: the user's (or client's) refresh families are revoked, their live access tokens go on the
 * revocation list and a user's opaque tokens are deleted, before the 200. Only admins get through: the endpoint verifies the bearer token itself (or takes the one a
 * {@link BearerTokenFilter} in front already verified), answering 401 without a valid token and 403
 * {@code insufficient_scope} to a caller that is not an admin.
 *
 * <pre>{@code
 * AdminEndpointConfig config = AdminEndpointConfig.builder()
 *         .createUser("/api/auth/admin/user")
 *         .importUsers("/api/auth/admin/import")
 *         .createClient("/api/platform/app/{appId}/client")
 *         .disableUser("/api/auth/admin/user/{userId}/disable")
 *         .build();
 * PasswordHasher hasher = PasswordHasher.defaults();
 * AdminEndpoint admin = new AdminEndpoint(tokenService,
 *         new UserAdmin(userStore, hasher, AuthEvents.none(), Clock.systemUTC()),
 *         new ClientAdmin(clientStore, hasher, AuthEvents.none(), Clock.systemUTC()),
 *         // the token-state stores the TokenService was built with
 *         new Sessions(refreshStore, referenceStore, revocationList, AuthEvents.none(), Clock.systemUTC()),
 *         config);
 * context.addServlet("admin", admin).addMapping(config.urlPatterns());
 * }</pre>
 *
 * <p>Requests: JSON bodies ({@code application/json}, else 415; YAML too for the import) of at most the
 * configured size (413), well-formed (400) and without unknown members (400). Answers are JSON with
 * {@code Cache-Control: no-store}: a taken username or client id is a 409, an unknown client or secret a
 * 404, an invalid value a 400 whose message names the field (never a password or secret). Passwords are
 * hashed by {@link UserAdmin}; no answer holds a hash.
 *
 * <p>Tenancy: an admin whose token carries an {@code appId} acts within that app only, unless it holds a
 * {@linkplain AdminEndpointConfig.Builder#globalAdminRole global admin role}: what it creates or imports
 * gets its appId (naming another is 403), another app's client or user is 404 to it, it cannot set the
 * password of, disable, enable or delete a user holding a global admin role (403), and it cannot grant a global
 * admin role or the scope {@value IntrospectionPolicy#PERMISSION}. An admin without an appId (a platform
 * account) administers every app.
 */
public final class AdminEndpoint extends RoutedEndpoint {

    private static final long serialVersionUID = 1L;

    private static final Set<String> USER_FIELDS = Set.of("username", "password", "email", "firstName", "lastName",
            "lang", "roles", "scopes", "appId", "enabled");
    private static final ObjectMapper JWKS = new ObjectMapper();
    private static final Set<String> CLIENT_FIELDS = Set.of("clientId", "name", "secret", "scopes", "permissions",
            "grants", "redirectUris", "appId", "public", "tokenEndpointAuthMethod", "jwks", "jwksUri");
    private static final Set<String> YAML_TYPES = Set.of("application/yaml", "application/x-yaml", "text/yaml",
            "text/x-yaml");

    private final transient TokenService tokens;
    private final transient UserAdmin users;
    private final transient ClientAdmin clients;
    private final transient AdminEndpointConfig config;
    private final transient Sessions sessions;
    private final transient BearerAuthentication bearer;

    /**
     * Serves the configured admin operations that end no sessions (create, import, secrets, enable).
     *
     * @param tokens  the service that verifies the callers' access tokens
     * @param users   the user administration the user operations call
     * @param clients the client administration the client operations call
     * @param config  the operations, their paths and who counts as an admin
     * @throws NullPointerException     when an argument is null
     * @throws IllegalArgumentException when the config has an operation that ends sessions (set a password,
     *                                  disable or delete a user, delete a client): use the constructor
     *                                  with {@link Sessions}
     */
    public AdminEndpoint(TokenService tokens, UserAdmin users, ClientAdmin clients, AdminEndpointConfig config) {
        this(tokens, users, clients, null, config);
    }

    /**
     * Serves the configured admin operations, ending sessions through {@code sessions} where one must.
     *
     * @param tokens   the service that verifies the callers' access tokens
     * @param users    the user administration the user operations call
     * @param clients  the client administration the client operations call
     * @param sessions ends the sessions of a user or client; over the same token-state stores as
     *                 {@code tokens}, so that what it ends is refused there at once
     * @param config   the operations, their paths and who counts as an admin
     * @throws NullPointerException when an argument is null
     */
    public AdminEndpoint(TokenService tokens, UserAdmin users, ClientAdmin clients, Sessions sessions,
                         AdminEndpointConfig config) {
        super(Objects.requireNonNull(config, "config").errors());
        this.tokens = Objects.requireNonNull(tokens, "tokens");
        this.users = Objects.requireNonNull(users, "users");
        this.clients = Objects.requireNonNull(clients, "clients");
        this.config = config;
        if (sessions == null) {
            List<AdminEndpointConfig.Operation> ending = config.operations().stream()
                    .filter(AdminEndpointConfig.Operation.ENDING_SESSIONS::contains).toList();
            if (!ending.isEmpty()) {
                throw new IllegalArgumentException("the operations " + ending + " end sessions: pass a Sessions "
                        + "over the TokenService's stores to AdminEndpoint(tokens, users, clients, sessions, config)");
            }
        }
        this.sessions = sessions;
        this.bearer = new BearerAuthentication(config.credentials());
    }

    /** The admin API takes Bearer tokens. */
    @Override
    protected String challenge() {
        return bearer.spec().challenge();
    }

    @Override
    protected int maxBodyBytes() {
        return config.maxBodyBytes();
    }

    @Override
    protected void handle(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Optional<VerifiedToken> token = authenticate(request, response);
        if (token.isEmpty()) {
            return;
        }
        if (!config.isAdmin(token.get())) {
            bearer.insufficientScope(request, response, config.requirement(), config.scopeChallenge());
            return;
        }
        String path = request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo());
        Match match = config.match(path).orElseThrow(() ->
                new HttpException(404, OAuthError.INVALID_REQUEST, "no admin operation at this path"));
        if (!match.operation().methods().contains(request.getMethod())) {
            response.setHeader("Allow", String.join(", ", match.operation().methods()));
            throw new HttpException(405, OAuthError.INVALID_REQUEST, "use " + String.join(" or ", match.operation().methods()));
        }
        Optional<String> tenant = config.tenantOf(token.get());
        switch (match.operation()) {
            case CREATE_USER -> createUser(request, response, match, tenant);
            case IMPORT_USERS -> importUsers(request, response, tenant);
            case CREATE_CLIENT -> createClient(request, response, match, tenant);
            case ROTATE_SECRET -> rotateSecret(request, response, match, tenant);
            case REVOKE_SECRET -> revokeSecret(request, response, match, tenant);
            case SET_PASSWORD -> setPassword(request, response, match, tenant);
            case DISABLE_USER -> setEnabled(request, response, match, tenant, false);
            case ENABLE_USER -> setEnabled(request, response, match, tenant, true);
            case DELETE_USER -> deleteUser(request, response, match, tenant);
            case DELETE_CLIENT -> deleteClient(request, response, match, tenant);
        }
    }

    /** The caller's verified token, or empty after a 400/401 challenge has been written. */
    private Optional<VerifiedToken> authenticate(HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        if (request.getAttribute(BearerTokenFilter.TOKEN_ATTRIBUTE) instanceof VerifiedToken verified) {
            return Optional.of(verified);
        }
        return bearer.authenticate(request, response, tokens::verify);
    }

    private void createUser(HttpServletRequest request, HttpServletResponse response, Match match,
                            Optional<String> tenant) throws IOException {
        JsonNode json = jsonBody(request, true);
        allowOnly(json, USER_FIELDS);
        String username = required(json, "username");
        char[] password = required(json, "password").toCharArray();
        try {
            String appId = appWithin(tenant, fromPathOrBody(match, json, "appId"));
            List<String> roles = strings(json, "roles");
            grantableRoles(tenant, roles == null ? List.of() : roles);
            List<String> scopes = strings(json, "scopes");
            Boolean enabled = bool(json, "enabled");
            User created = checked(() -> users.createUser(User.builder(username)
                    .email(text(json, "email").orElse(null))
                    .firstName(text(json, "firstName").orElse(null))
                    .lastName(text(json, "lastName").orElse(null))
                    .lang(text(json, "lang").orElse(null))
                    .appId(appId)
                    .roles(roles == null ? List.of() : roles)
                    .scopes(scopes == null ? List.of() : scopes)
                    .enabled(enabled == null || enabled)
                    .build(), password));
            Responses.json(response, 201, describe(created));
        } finally {
            Arrays.fill(password, '\0');
        }
    }

    private void importUsers(HttpServletRequest request, HttpServletResponse response, Optional<String> tenant)
            throws IOException {
        String type = Requests.mediaType(request);
        if (!type.equals(Requests.JSON) && !YAML_TYPES.contains(type)) {
            throw new HttpException(415, OAuthError.INVALID_REQUEST, "the body must be " + Requests.JSON
                    + " or YAML (application/yaml)");
        }
        String body = Requests.body(request, config.maxBodyBytes());
        int imported = checked(() -> users.importUsers(body, "import", ImportProgress.none(), user -> {
            grantableRoles(tenant, user.roles());
            String appId = appWithin(tenant, user.appId());
            return appId == null ? user : user.toBuilder().appId(appId).build();
        }));
        Responses.json(response, 200, Map.of("imported", imported));
    }

    private void createClient(HttpServletRequest request, HttpServletResponse response, Match match,
                              Optional<String> tenant) throws IOException {
        JsonNode json = jsonBody(request, true);
        allowOnly(json, CLIENT_FIELDS);
        if (json.has("scopes") && json.has("permissions")) {
            throw badRequest("give 'scopes' or 'permissions', not both");
        }
        List<String> scopes = strings(json, json.has("permissions") ? "permissions" : "scopes");
        List<String> grants = strings(json, "grants");
        List<String> redirectUris = strings(json, "redirectUris");
        boolean isPublic = Boolean.TRUE.equals(bool(json, "public"));
        Optional<String> secret = text(json, "secret");
        if (isPublic && secret.isPresent()) {
            throw badRequest("a public client cannot have a 'secret'");
        }
        String clientId = text(json, "clientId").orElseGet(() -> UUID.randomUUID().toString());
        String appId = appWithin(tenant, fromPathOrBody(match, json, "appId"));
        if (tenant.isPresent() && scopes != null && scopes.contains(IntrospectionPolicy.PERMISSION)) {
            throw forbidden("only an admin of every app may grant '" + IntrospectionPolicy.PERMISSION
                    + "': it reads the tokens of every app");
        }
        Client client = checked(() -> {
            Client.Builder b = Client.builder(clientId).name(text(json, "name").orElse(null)).appId(appId)
                    .scopes(scopes == null ? List.of() : scopes)
                    .redirectUris(redirectUris == null ? List.of() : redirectUris)
                    .tokenEndpointAuthMethod(text(json, "tokenEndpointAuthMethod").orElse(null))
                    .jwks(jwks(json))
                    .jwksUri(text(json, "jwksUri").orElse(null));
            if (isPublic) {
                b.publicClient().grants(grants == null ? List.of("authorization_code", "refresh_token") : grants);
            } else if (grants != null) {
                b.grants(grants);
            }
            return b.build();
        });
        Map<String, Object> body = describe(client);
        if (secret.isPresent()) {
            Client stored = checked(() -> clients.createClient(client, secret.get()));
            body.put("secretId", stored.secrets().get(0).id());
            body.put("secret", secret.get());
        } else {
            ClientAdmin.Created created = checked(() -> clients.createClient(client));
            created.secret().ifPresent(s -> {
                body.put("secretId", s.secretId());
                body.put("secret", s.secret());
            });
        }
        Responses.json(response, 201, body);
    }

    private void rotateSecret(HttpServletRequest request, HttpServletResponse response, Match match,
                              Optional<String> tenant) throws IOException {
        JsonNode json = jsonBody(request, false);
        allowOnly(json, Set.of("clientId"));
        String clientId = fromPathOrBody(match, json, "clientId").orElseThrow(() -> badRequest("'clientId' is required"));
        requireOwnClient(tenant, clientId);
        IssuedSecret issued = checked(() -> clients.rotateSecret(clientId));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("clientId", clientId);
        body.put("secretId", issued.secretId());
        body.put("secret", issued.secret());
        Responses.json(response, 200, body);
    }

    private void revokeSecret(HttpServletRequest request, HttpServletResponse response, Match match,
                              Optional<String> tenant) throws IOException {
        JsonNode json = jsonBody(request, false);
        allowOnly(json, Set.of("clientId", "secretId"));
        String clientId = fromPathOrBody(match, json, "clientId").orElseThrow(() -> badRequest("'clientId' is required"));
        requireOwnClient(tenant, clientId);
        String secretId = fromPathOrBody(match, json, "secretId").orElseThrow(() -> badRequest("'secretId' is required"));
        try {
            checked(() -> {
                clients.revokeSecret(clientId, secretId);
                return null;
            });
        } catch (IllegalStateException e) {
            throw new HttpException(409, OAuthError.INVALID_REQUEST, message(e));
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("clientId", clientId);
        body.put("secretId", secretId);
        body.put("revoked", true);
        Responses.json(response, 200, body);
    }

    private void setPassword(HttpServletRequest request, HttpServletResponse response, Match match,
                             Optional<String> tenant) throws IOException {
        JsonNode json = jsonBody(request, true);
        allowOnly(json, Set.of("userId", "password"));
        User user = ownUser(tenant, userId(match, json));
        char[] password = required(json, "password").toCharArray();
        User updated;
        try {
            updated = checked(() -> users.setPassword(user.id(), password));
        } finally {
            Arrays.fill(password, '\0');
        }
        Map<String, Object> body = summary(updated);
        body.put("revoked", revoked(sessions.endUser(updated.id())));
        Responses.json(response, 200, body);
    }

    private void setEnabled(HttpServletRequest request, HttpServletResponse response, Match match,
                            Optional<String> tenant, boolean enabled) throws IOException {
        JsonNode json = jsonBody(request, false);
        allowOnly(json, Set.of("userId"));
        User user = ownUser(tenant, userId(match, json));
        User updated = users.setEnabled(user.id(), enabled);
        Map<String, Object> body = summary(updated);
        if (!enabled) {
            body.put("revoked", revoked(sessions.endUser(updated.id())));
        }
        Responses.json(response, 200, body);
    }

    private void deleteUser(HttpServletRequest request, HttpServletResponse response, Match match,
                            Optional<String> tenant) throws IOException {
        JsonNode json = jsonBody(request, false);
        allowOnly(json, Set.of("userId"));
        User user = ownUser(tenant, userId(match, json));
        if (!users.deleteUser(user.id())) {
            throw unknownUser(); // deleted meanwhile
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", user.id());
        body.put("username", user.username());
        body.put("deleted", true);
        body.put("revoked", revoked(sessions.endUser(user.id())));
        Responses.json(response, 200, body);
    }

    private void deleteClient(HttpServletRequest request, HttpServletResponse response, Match match,
                              Optional<String> tenant) throws IOException {
        JsonNode json = jsonBody(request, false);
        allowOnly(json, Set.of("clientId"));
        String clientId = fromPathOrBody(match, json, "clientId").orElseThrow(() -> badRequest("'clientId' is required"));
        requireOwnClient(tenant, clientId);
        if (!clients.deleteClient(clientId)) {
            throw new NotFoundException("no client with this id");
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("clientId", clientId);
        body.put("deleted", true);
        body.put("revoked", Map.of("accessTokens", sessions.endClient(clientId).accessTokens()));
        Responses.json(response, 200, body);
    }

    private static String userId(Match match, JsonNode json) {
        return fromPathOrBody(match, json, "userId").filter(s -> !s.isEmpty())
                .orElseThrow(() -> badRequest("'userId' is required"));
    }

    /**
     * The user an admin acts on: another app's user is answered as an unknown one, and an app's admin may
     * not act on a holder of a global admin role (who reaches beyond its app).
     */
    private User ownUser(Optional<String> tenant, String userId) {
        User user = users.findUser(userId).orElseThrow(AdminEndpoint::unknownUser);
        if (tenant.isPresent() && !user.appId().equals(tenant)) {
            throw unknownUser();
        }
        if (tenant.isPresent() && user.roles().stream().anyMatch(config.globalAdminRoles()::contains)) {
            throw forbidden("only an admin of every app may act on a holder of a global admin role");
        }
        return user;
    }

    private static NotFoundException unknownUser() {
        return new NotFoundException("no user with this id in the admin's reach");
    }

    private static Map<String, Object> summary(User user) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", user.id());
        body.put("username", user.username());
        body.put("enabled", user.enabled());
        return body;
    }

    private static Map<String, Object> revoked(Sessions.Ended ended) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("accessTokens", ended.accessTokens());
        body.put("referenceTokens", ended.referenceTokens());
        return body;
    }

    /**
     * The appId to give what an admin creates: the requested one for an admin of every app; for an app's
     * admin its own, which a request may repeat but not change. The requested value is never echoed.
     */
    private static String appWithin(Optional<String> tenant, Optional<String> requested) {
        if (tenant.isEmpty()) {
            return requested.orElse(null);
        }
        if (requested.isPresent() && !requested.get().equals(tenant.get())) {
            throw forbidden("an app's admin acts only within its own appId");
        }
        return tenant.get();
    }

    private void grantableRoles(Optional<String> tenant, Collection<String> roles) {
        if (tenant.isPresent() && roles.stream().anyMatch(config.globalAdminRoles()::contains)) {
            throw forbidden("only an admin of every app may grant a global admin role");
        }
    }

    /** Another app's client is answered as an unknown one: an app's admin learns nothing about it. */
    private void requireOwnClient(Optional<String> tenant, String clientId) {
        if (tenant.isPresent() && !clients.findClient(clientId).flatMap(Client::appId).equals(tenant)) {
            throw new NotFoundException("no client with this id in the admin's app");
        }
    }

    private static HttpException forbidden(String message) {
        return new HttpException(403, OAuthError.INSUFFICIENT_SCOPE, message);
    }

    /** The body as a JSON object; an empty one when {@code required} is false and nothing was sent. */
    private JsonNode jsonBody(HttpServletRequest request, boolean required) throws IOException {
        String type = Requests.mediaType(request);
        String body = Requests.body(request, config.maxBodyBytes());
        if (!required && body.isEmpty()) {
            return Requests.json("{}");
        }
        if (!type.equals(Requests.JSON)) {
            throw new HttpException(415, OAuthError.INVALID_REQUEST, "the body must be " + Requests.JSON);
        }
        return Requests.json(body);
    }

    /** A model or admin call whose IllegalArgumentException (which names the field, never a secret) is a 400. */
    private static <T> T checked(Supplier<T> call) {
        try {
            return call.get();
        } catch (IllegalArgumentException e) {
            throw badRequest(message(e));
        }
    }

    private static String message(RuntimeException e) {
        return Objects.requireNonNullElse(e.getMessage(), "the request is not valid");
    }

    private static HttpException badRequest(String message) {
        return new HttpException(400, OAuthError.INVALID_REQUEST, message);
    }

    private static void allowOnly(JsonNode json, Set<String> fields) {
        for (var it = json.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            if (!fields.contains(name)) {
                throw badRequest("unknown field '" + Requests.printable(name) + "'; expected one of "
                        + new TreeSet<>(fields));
            }
        }
    }

    private static String required(JsonNode json, String field) {
        return text(json, field).filter(s -> !s.isEmpty()).orElseThrow(() -> badRequest("'" + field + "' is required"));
    }

    /** The client's public keys, a JWK set object ({@code {"keys": [...]}}); null when absent. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> jwks(JsonNode json) {
        JsonNode value = json.get("jwks");
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isObject()) {
            throw badRequest("'jwks' must be a JWK set object, {\"keys\": [...]}");
        }
        return JWKS.convertValue(value, Map.class);
    }

    private static Optional<String> text(JsonNode json, String field) {
        return Requests.text(json, field);
    }

    /** A value from the path when the route carries it, else from the body; both present must agree. */
    private static Optional<String> fromPathOrBody(Match match, JsonNode json, String field) {
        Optional<String> body = text(json, field);
        if (!match.route().has(field)) {
            return body;
        }
        String fromPath = match.variables().get(field);
        if (body.isPresent() && !body.get().equals(fromPath)) {
            throw badRequest("'" + field + "' in the body differs from the one in the path");
        }
        return Optional.of(fromPath);
    }

    private static List<String> strings(JsonNode json, String field) {
        JsonNode value = json.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isArray()) {
            throw badRequest("'" + field + "' must be a list of strings");
        }
        List<String> out = new ArrayList<>();
        for (JsonNode v : value) {
            if (!v.isTextual()) {
                throw badRequest("'" + field + "' must hold only strings");
            }
            out.add(v.asText());
        }
        return out;
    }

    private static Boolean bool(JsonNode json, String field) {
        JsonNode value = json.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isBoolean()) {
            throw badRequest("'" + field + "' must be true or false");
        }
        return value.booleanValue();
    }

    private static Map<String, Object> describe(User user) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", user.id());
        body.put("username", user.username());
        user.email().ifPresent(v -> body.put("email", v));
        user.firstName().ifPresent(v -> body.put("firstName", v));
        user.lastName().ifPresent(v -> body.put("lastName", v));
        user.lang().ifPresent(v -> body.put("lang", v));
        body.put("roles", List.copyOf(user.roles()));
        user.appId().ifPresent(v -> body.put("appId", v));
        body.put("enabled", user.enabled());
        return body;
    }

    private static Map<String, Object> describe(Client client) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("clientId", client.clientId());
        client.name().ifPresent(v -> body.put("name", v));
        client.appId().ifPresent(v -> body.put("appId", v));
        body.put("public", !client.confidential());
        body.put("scopes", List.copyOf(client.scopes()));
        body.put("grants", List.copyOf(client.grants()));
        body.put("redirectUris", client.redirectUris());
        client.tokenEndpointAuthMethod().ifPresent(v -> body.put("tokenEndpointAuthMethod", v));
        client.jwks().ifPresent(v -> body.put("jwks", v));
        client.jwksUri().ifPresent(v -> body.put("jwksUri", v.toString()));
        return body;
    }
}
