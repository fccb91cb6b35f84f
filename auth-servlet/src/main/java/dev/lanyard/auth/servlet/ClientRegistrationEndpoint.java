package dev.lanyard.auth.servlet;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lanyard.auth.IntrospectionPolicy;
import dev.lanyard.auth.OAuthError;
import dev.lanyard.auth.admin.ClientAdmin;
import dev.lanyard.auth.client.Client;
import dev.lanyard.auth.guard.WindowCounter;
import dev.lanyard.auth.servlet.internal.HttpException;
import dev.lanyard.auth.servlet.internal.Requests;
import dev.lanyard.auth.servlet.internal.Responses;
import dev.lanyard.auth.servlet.internal.RoutedEndpoint;
import dev.lanyard.auth.servlet.internal.WindowLimiter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * <b>Open</b> client registration: anyone who can reach it creates a confidential client with an id and
 * a secret of their choosing, for APIs that document such an endpoint ({@code POST /client/create}).
 * The secret is hashed with the password hasher of the {@link ClientAdmin} and never echoed; the answer
 * is 201 with the new id, or 409 when the id is taken.
 *
 * <pre>{@code
 * // POST /client/create  client_user=app&client_password=s3cret-enough  ->  201 {"client_user": "app"}
 * ClientRegistrationEndpoint register = ClientRegistrationEndpoint.openRegistration(clientAdmin)
 *         .idField("client_user")
 *         .secretField("client_password")
 *         .grants(Set.of("authorization_code", "refresh_token"))
 *         .build();
 * context.addServlet("register", register).addMapping("/client/create");
 * }</pre>
 *
 * <p><b>The risk, which {@link #openRegistration} opts into:</b> there is no caller to check, so every
 * client created here is a stranger's. Give such clients only what a stranger may have: the grants and
 * scopes set here (never {@code password}, which would let a stranger's app collect users' passwords;
 * {@link Builder#build()} refuses it). Each request also costs a password hash (and the hasher's slots
 * are shared with every password login) and a stored row, so registrations are rate-limited, and the
 * admin API ({@link AdminEndpoint}) is to be preferred wherever clients can be created by someone
 * accountable. A taken id answers 409, which tells anyone which ids exist: ids are not secrets, secrets are.
 *
 * <p><b>Rate limit</b>, on by default: at most 10 registrations per client address per hour
 * ({@link Builder#maxRegistrationsPerAddress}) and 1000 overall per hour ({@link Builder#maxRegistrations}).
 * A request counts once it has passed the checks below, whether or not its id is free; one over a limit
 * is a 429 {@code temporarily_unavailable} with {@code Retry-After} (seconds until the window ends),
 * before any lookup or hash. Each window starts at its first registration. The address is the request's
 * {@code getRemoteAddr()}: behind a reverse proxy, make the container report the client's address (its
 * forwarded-header support), or every caller shares the proxy's budget. At most 100,000 addresses are
 * tracked; the overall limit bounds what evicting one can gain. The windows are kept in this process;
 * nodes that share a database share the limits with {@link Builder#windowCounter} and a
 * {@link dev.lanyard.auth.jdbc.JdbcThrottleStore}, or N nodes allow N times the registrations.
 *
 * <p>Requests: {@code POST}, {@code application/x-www-form-urlencoded} (and {@code application/json}
 * with {@link Builder#json()}), at most {@link Builder#maxBodyBytes} (413); a parameter given twice, a
 * query string, a missing or empty id or secret, an id outside {@code [A-Za-z0-9._~@+-]{1,64}}, an id
 * shaped like a UUID (below), or a secret outside the {@link ClientAdmin#policy()} (the one
 * {@link dev.lanyard.auth.password.PasswordPolicy} of every way to set a secret, default 8 to 256 characters)
 * or shorter than {@link Builder#minSecretLength} (a stricter floor for strangers, default 8) is a 400
 * {@code invalid_request} naming the problem; other parameters are ignored.
 * A taken id is found before the secret is hashed. Answers carry {@code Cache-Control: no-store}.
 *
 * <p><b>No UUID-shaped ids.</b> A client's own tokens (client_credentials, client codes) carry
 * {@code sub} = its client id, and user ids are generated UUIDs ({@link dev.lanyard.auth.user.User#builder}):
 * a stranger registering a user's id as a client id would get tokens whose {@code sub} names that user.
 * So an id that is 32 hexadecimal digits once every {@code -} is removed is refused, in any letter case
 * and with hyphens anywhere or none: {@code 0f8fad5b-d9cb-469f-a165-70867728950e},
 * {@code 0F8FAD5BD9CB469FA16570867728950E} and {@code 0f8fad5bd9cb-469f-a165-70867728950e} are all
 * refused, {@code 0f8fad5b-d9cb-469f-a165-70867728950} (31 digits) and {@code app-0f8fad5b...} are not.
 * User ids chosen at import are not UUID-shaped; for those, {@link dev.lanyard.auth.TokenService}
 * refuses to issue a client's own token whose subject is also a user's id.
 */
public final class ClientRegistrationEndpoint extends RoutedEndpoint {

    private static final long serialVersionUID = 1L;
    private static final int MAX_ID = 64;
    private static final int MAX_SECRET = 256;
    private static final int MAX_TRACKED_ADDRESSES = 100_000;

    private final transient ClientAdmin clients;
    /** The request field holding the new client id. */
    private final String idField;
    /** The request field holding the chosen secret. */
    private final String secretField;
    /** The member of the 201 answer holding the client id. */
    private final String responseIdField;
    private final transient Set<String> grants;
    private final transient Set<String> scopes;
    /** Whether {@code application/json} bodies are accepted besides forms. */
    private final boolean json;
    /** The shortest secret accepted, in characters. */
    private final int minSecretLength;
    /** The largest body read, in bytes. */
    private final int maxBodyBytes;
    private final transient WindowCounter perAddress;
    private final transient WindowCounter overall;
    /** Registrations allowed per address and window. */
    private final int perAddressMax;
    /** The length of an address's window. */
    private final Duration perAddressWindow;
    /** Registrations allowed per window from all addresses together. */
    private final int overallMax;
    /** The length of the overall window. */
    private final Duration overallWindow;
    private final transient Clock clock;

    private ClientRegistrationEndpoint(Builder b) {
        this.clients = b.clients;
        this.idField = b.idField;
        this.secretField = b.secretField;
        this.responseIdField = b.responseIdField == null ? b.idField : b.responseIdField;
        this.grants = Set.copyOf(b.grants);
        this.scopes = Set.copyOf(b.scopes);
        this.json = b.json;
        this.minSecretLength = b.minSecretLength;
        this.maxBodyBytes = b.maxBodyBytes;
        this.perAddress = b.windows != null ? b.windows
                : local(new WindowLimiter(b.perAddressMax, b.perAddressWindow, MAX_TRACKED_ADDRESSES, b.clock));
        this.overall = b.windows != null ? b.windows : local(new WindowLimiter(b.overallMax, b.overallWindow, 1, b.clock));
        this.perAddressMax = b.perAddressMax;
        this.perAddressWindow = b.perAddressWindow;
        this.overallMax = b.overallMax;
        this.overallWindow = b.overallWindow;
        this.clock = b.clock;
    }

    /** This process's windows, whose limit and length the limiter holds. */
    private static WindowCounter local(WindowLimiter limiter) {
        return (key, max, window, now) -> limiter.tryAcquire(key);
    }

    @Override
    protected int maxBodyBytes() {
        return maxBodyBytes;
    }

    /**
     * Starts an endpoint that lets anyone create a client: read the risk in the class description first.
     *
     * @param clients the admin service that creates the clients, with its password policy and events
     * @return a builder with the defaults
     * @throws NullPointerException when {@code clients} is null
     */
    public static Builder openRegistration(ClientAdmin clients) {
        return new Builder(Objects.requireNonNull(clients, "clients"));
    }

    @Override
    protected void handle(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (!request.getMethod().equals("POST")) {
            response.setHeader("Allow", "POST");
            throw new HttpException(405, OAuthError.INVALID_REQUEST, "use POST");
        }
        if (request.getQueryString() != null && !request.getQueryString().isEmpty()) {
            throw badRequest("secrets are never accepted in the query string; send them in the body");
        }
        Map<String, String> params = parameters(request);
        String clientId = required(params, idField);
        String secret = required(params, secretField);
        checkId(clientId);
        checkSecret(secret);
        throttle(request, response);
        Client client = Client.builder(clientId).grants(grants).scopes(scopes).build();
        try {
            clients.createClient(client, secret);
        } catch (IllegalArgumentException e) {
            // The hasher refuses text that is not Unicode (a lone surrogate from a JSON escape); its message
            // names the problem, never the secret.
            throw badRequest("'" + secretField + "' is not acceptable: " + e.getMessage());
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put(responseIdField, clientId);
        Responses.json(response, 201, body);
    }

    /** Counts the registration, or refuses it with 429 when the address or everyone is over the limit. */
    private void throttle(HttpServletRequest request, HttpServletResponse response) {
        String address = request.getRemoteAddr();
        Instant now = clock.instant();
        Optional<Duration> wait = perAddress.tryAcquire("registration:address:" + (address == null ? "" : address),
                perAddressMax, perAddressWindow, now);
        String who = "this address";
        if (wait.isEmpty()) {
            wait = overall.tryAcquire("registration:all", overallMax, overallWindow, now);
            who = "everyone";
        }
        if (wait.isPresent()) {
            long seconds = Math.max(1, (wait.get().toMillis() + 999) / 1000);
            response.setHeader("Retry-After", String.valueOf(seconds));
            throw new HttpException(429, OAuthError.TEMPORARILY_UNAVAILABLE,
                    "too many client registrations from " + who + "; try again in " + seconds + " seconds");
        }
    }

    private Map<String, String> parameters(HttpServletRequest request) throws IOException {
        String type = Requests.mediaType(request);
        String body = Requests.body(request, maxBodyBytes);
        if (type.equals(Requests.FORM) || (type.isEmpty() && body.isEmpty())) {
            return Requests.form(body);
        }
        if (type.equals(Requests.JSON) && json) {
            Map<String, String> out = new LinkedHashMap<>();
            JsonNode node = Requests.json(body);
            for (String name : List.of(idField, secretField)) {
                Requests.text(node, name).ifPresent(v -> out.put(name, v));
            }
            return out;
        }
        throw new HttpException(415, OAuthError.INVALID_REQUEST, "the body must be "
                + (json ? Requests.FORM + " or " + Requests.JSON : Requests.FORM));
    }

    private static String required(Map<String, String> params, String name) {
        String value = params.get(name);
        if (value == null || value.isEmpty()) {
            throw badRequest("the parameter '" + name + "' is required");
        }
        return value;
    }

    private void checkId(String id) {
        if (id.length() > MAX_ID || !id.matches("[A-Za-z0-9._~@+-]+")) {
            throw badRequest("'" + idField + "' must be 1 to " + MAX_ID + " letters, digits or - . _ ~ @ +");
        }
        if (uuidShaped(id)) {
            throw badRequest("'" + idField + "' must not be shaped like a UUID (32 hexadecimal digits, with or "
                    + "without hyphens): user ids are UUIDs, and a client's own tokens carry its id as their subject");
        }
    }

    /** Whether the id is 32 hex digits once its hyphens are removed; see the class description. */
    static boolean uuidShaped(String id) {
        return id.replace("-", "").matches("[0-9A-Fa-f]{32}");
    }

    /** The one policy of the {@link ClientAdmin} (as for every other way to set a secret), and this endpoint's floor. */
    private void checkSecret(String secret) {
        try {
            clients.policy().check(secret, "'" + secretField + "'");
        } catch (IllegalArgumentException e) {
            throw badRequest(e.getMessage());
        }
        if (secret.codePointCount(0, secret.length()) < minSecretLength) {
            throw badRequest("'" + secretField + "' must be at least " + minSecretLength + " characters long");
        }
    }

    private static HttpException badRequest(String message) {
        return new HttpException(400, OAuthError.INVALID_REQUEST, message);
    }

    /** Builds a {@link ClientRegistrationEndpoint}; each setting is checked at once, combinations at {@link #build()}. */
    public static final class Builder {
        private final ClientAdmin clients;
        private String idField = "client_id";
        private String secretField = "client_secret";
        private String responseIdField;
        private Collection<String> grants = Client.DEFAULT_GRANTS;
        private Collection<String> scopes = Set.of();
        private boolean json;
        private int minSecretLength = 8;
        private int maxBodyBytes = 8 * 1024;
        private int perAddressMax = 10;
        private Duration perAddressWindow = Duration.ofHours(1);
        private int overallMax = 1000;
        private Duration overallWindow = Duration.ofHours(1);
        private Clock clock = Clock.systemUTC();
        private WindowCounter windows;

        private Builder(ClientAdmin clients) {
            this.clients = clients;
        }

        /**
         * The request field holding the new client id; default {@code client_id}.
         *
         * @param name the field name; not empty
         * @return this builder
         * @throws IllegalArgumentException when it is empty
         */
        public Builder idField(String name) {
            this.idField = name(name, "idField");
            return this;
        }

        /**
         * The request field holding the chosen secret; default {@code client_secret}.
         *
         * @param name the field name; not empty
         * @return this builder
         * @throws IllegalArgumentException when it is empty
         */
        public Builder secretField(String name) {
            this.secretField = name(name, "secretField");
            return this;
        }

        /**
         * The member of the 201 answer holding the client id; default the {@link #idField} name.
         *
         * @param name the JSON member name; not empty
         * @return this builder
         * @throws IllegalArgumentException when it is empty
         */
        public Builder responseIdField(String name) {
            this.responseIdField = name(name, "responseIdField");
            return this;
        }

        /**
         * The grants every registered client gets; default client_credentials and refresh_token.
         *
         * @param grants the grant types; {@code password} and unknown grants are refused at {@link #build()}
         * @return this builder
         */
        public Builder grants(Collection<String> grants) {
            this.grants = Set.copyOf(Objects.requireNonNull(grants, "grants"));
            return this;
        }

        /**
         * The scopes every registered client may hold; default none.
         *
         * @param scopes the scopes; the introspection permission is refused at {@link #build()}
         * @return this builder
         */
        public Builder scopes(Collection<String> scopes) {
            this.scopes = Set.copyOf(Objects.requireNonNull(scopes, "scopes"));
            return this;
        }

        /**
         * Also accept {@code application/json} bodies (an object with the two fields as strings).
         *
         * @return this builder
         */
        public Builder json() {
            this.json = true;
            return this;
        }

        /**
         * The shortest secret accepted here, in characters; default 8, at least 8. The {@link ClientAdmin}'s
         * {@link dev.lanyard.auth.password.PasswordPolicy} applies as well: open registration may ask more
         * than the policy, never less.
         *
         * @param length the minimum length in characters, 8 to 256
         * @return this builder
         * @throws IllegalArgumentException when {@code length} is outside 8 to 256
         */
        public Builder minSecretLength(int length) {
            if (length < 8 || length > MAX_SECRET) {
                throw new IllegalArgumentException("minSecretLength must be between 8 and " + MAX_SECRET);
            }
            this.minSecretLength = length;
            return this;
        }

        /**
         * The largest body accepted; default 8 KiB.
         *
         * @param bytes the limit in bytes, at least 256; larger bodies are refused
         * @return this builder
         * @throws IllegalArgumentException when {@code bytes} is under 256
         */
        public Builder maxBodyBytes(int bytes) {
            if (bytes < 256) {
                throw new IllegalArgumentException("maxBodyBytes must be at least 256");
            }
            this.maxBodyBytes = bytes;
            return this;
        }

        /**
         * At most {@code max} registrations per client address in each {@code window}; default 10 per hour.
         *
         * <pre>{@code
         * ClientRegistrationEndpoint.openRegistration(admin).maxRegistrationsPerAddress(3, Duration.ofMinutes(10))
         * }</pre>
         *
         * @param max    the registrations allowed per address and window, at least 1
         * @param window the length of a window, positive
         * @return this builder
         * @throws IllegalArgumentException when {@code max} is under 1 or {@code window} is not positive
         */
        public Builder maxRegistrationsPerAddress(int max, Duration window) {
            this.perAddressMax = atLeastOne(max, "maxRegistrationsPerAddress");
            this.perAddressWindow = positive(window, "window");
            return this;
        }

        /**
         * At most {@code max} registrations in all in each {@code window}; default 1000 per hour.
         *
         * @param max    the registrations allowed per window from all addresses together, at least 1
         * @param window the length of a window, positive
         * @return this builder
         * @throws IllegalArgumentException when {@code max} is under 1 or {@code window} is not positive
         */
        public Builder maxRegistrations(int max, Duration window) {
            this.overallMax = atLeastOne(max, "maxRegistrations");
            this.overallWindow = positive(window, "window");
            return this;
        }

        /**
         * Where the rate limit's windows are counted; default this process's memory. Nodes that share a
         * database share the limits (per address and overall) through a
         * {@link dev.lanyard.auth.jdbc.JdbcThrottleStore}; a counter that fails refuses the registration
         * (503 {@code temporarily_unavailable} for a database that is down).
         *
         * <pre>{@code
         * ClientRegistrationEndpoint.openRegistration(admin).windowCounter(new JdbcThrottleStore(dataSource)).build();
         * }</pre>
         *
         * @param windows the counter, shared by every node that serves this endpoint
         * @return this builder
         * @throws IllegalStateException when a counter was set already
         */
        public Builder windowCounter(WindowCounter windows) {
            if (this.windows != null) {
                throw new IllegalStateException("windowCounter(..) is already set");
            }
            this.windows = Objects.requireNonNull(windows, "windows");
            return this;
        }

        /**
         * The clock of the rate limit's windows; default the system clock.
         *
         * @param clock the clock to read; a fixed one in tests
         * @return this builder
         */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * Checks the settings together and builds the endpoint.
         *
         * @return the servlet, to be registered on the registration path
         * @throws IllegalStateException when the id and secret fields share a name, the grants include
         *                               {@code password}, or the scopes include the introspection permission
         * @throws IllegalArgumentException for an unknown grant or an invalid scope
         */
        public ClientRegistrationEndpoint build() {
            if (idField.equals(secretField)) {
                throw new IllegalStateException("idField and secretField must differ, both are '" + idField + "'");
            }
            if (grants.contains("password")) {
                throw new IllegalStateException("an openly registered client must not get the password grant: "
                        + "it would let anyone's app collect users' passwords");
            }
            if (scopes.contains(IntrospectionPolicy.PERMISSION)) {
                throw new IllegalStateException("an openly registered client must not hold '" + IntrospectionPolicy.PERMISSION
                        + "': anyone could register one and read every token; give it to resource servers by hand");
            }
            Client.builder("check").grants(grants).scopes(scopes).build(); // unknown grants and bad scopes fail now
            return new ClientRegistrationEndpoint(this);
        }

        private static int atLeastOne(int max, String setting) {
            if (max < 1) {
                throw new IllegalArgumentException(setting + " must be at least 1");
            }
            return max;
        }

        private static Duration positive(Duration window, String setting) {
            Objects.requireNonNull(window, setting);
            if (window.isNegative() || window.isZero()) {
                throw new IllegalArgumentException(setting + " must be positive");
            }
            return window;
        }

        private static String name(String name, String setting) {
            Objects.requireNonNull(name, setting);
            if (name.isEmpty()) {
                throw new IllegalArgumentException(setting + " must not be empty");
            }
            return name;
        }
    }
}
