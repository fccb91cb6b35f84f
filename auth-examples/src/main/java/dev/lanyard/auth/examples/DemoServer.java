package dev.lanyard.auth.examples;

import dev.lanyard.auth.TokenService;
import dev.lanyard.auth.refresh.RefreshTokens;
import dev.lanyard.auth.admin.ClientAdmin;
import dev.lanyard.auth.admin.Sessions;
import dev.lanyard.auth.admin.UserAdmin;
import dev.lanyard.auth.token.RevocationList;
import dev.lanyard.auth.client.Client;
import dev.lanyard.auth.client.PrivateKeyJwt;
import dev.lanyard.auth.event.AuthEventListener;
import dev.lanyard.auth.event.AuthEvents;
import dev.lanyard.auth.examples.profile.Profile;
import dev.lanyard.auth.examples.profile.ProfileContext;
import dev.lanyard.auth.examples.profile.Profiles;
import dev.lanyard.auth.guard.LoginThrottle;
import dev.lanyard.auth.key.KeyManager;
import dev.lanyard.auth.password.PasswordHasher;
import dev.lanyard.auth.servlet.BulkheadFilter;
import dev.lanyard.auth.servlet.LanyardEndpoints;
import dev.lanyard.auth.user.User;
import dev.lanyard.auth.user.UserStore;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterRegistration;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.server.ConnectionLimit;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The demo server: one {@link Profile} of Lanyard's endpoints in an embedded Jetty 12, over the state
 * of a {@link DataDir}. {@code serve} runs one; the end-to-end tests start it the same way.
 *
 * <pre>{@code
 * try (DemoServer server = DemoServer.start(settings, System.out)) {
 *     server.awaitShutdown();
 * }
 * }</pre>
 */
public final class DemoServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DemoServer.class);

    /** Jetty's minimum request data rate, bytes per second. */
    static final long MIN_REQUEST_DATA_RATE = 1024;
    /** Jetty's idle timeout of a connection. */
    static final Duration IDLE_TIMEOUT = Duration.ofSeconds(10);
    /** Jetty's cap on open connections. */
    static final int MAX_CONNECTIONS = 500;
    /** Lanyard's deadline for a whole request body. */
    static final Duration BODY_READ_TIMEOUT = Duration.ofSeconds(10);
    /** The fewest requests the bulkhead lets in at once, whatever the pool size. */
    static final int MIN_BULKHEAD = 16;
    /** How long a request may wait for a place in the bulkhead before it is answered 503. */
    static final Duration BULKHEAD_WAIT = Duration.ofMillis(250);
    /** The paths that need no database, outside the bulkhead: the JWKS, the metadata, Swagger UI. */
    static final List<String> WITHOUT_DATABASE = List.of("/oauth2/jwks", "/.well-known/*", "/api/swagger/*");

    private final Server jetty;
    private final DataDir data;
    private final TokenService tokens;
    private final URI uri;
    private final ScheduledExecutorService housekeeping;

    private DemoServer(Server jetty, DataDir data, TokenService tokens, URI uri, ScheduledExecutorService housekeeping) {
        this.jetty = jetty;
        this.data = data;
        this.tokens = tokens;
        this.uri = uri;
        this.housekeeping = housekeeping;
    }

    /**
     * Opens the data directory, imports the given files, starts Jetty and prints where it listens (and,
     * for a new data directory, the demo credentials) to {@code out}.
     *
     * @throws IllegalArgumentException for a setting or file that is wrong, with a message naming it
     * @throws IllegalStateException    when the server cannot start (a port in use, say)
     */
    public static DemoServer start(ServeSettings settings, PrintWriter out) {
        return start(settings, out, Clock.systemUTC());
    }

    /** As {@link #start(ServeSettings, PrintWriter)}, on this clock (a fake one in tests, to expire tokens). */
    static DemoServer start(ServeSettings settings, PrintWriter out, Clock clock) {
        Profile profile = Profiles.named(settings.profile());
        String clientsFile = Provisioning.read(settings.clientsFile(), "--clients");
        String usersFile = Provisioning.read(settings.usersFile(), "--users");
        DataDir data = DataDir.open(settings.dataDir(), settings.jdbcUrl(), clock, settings.poolSize())
                .asServer(settings.jdbcUrl() == null)
                .keyRing(settings.keyEncryptionKey(), settings.keyRotation());
        Server jetty = new Server();
        try {
            ServerConnector connector = new ServerConnector(jetty);
            HttpConfiguration http = connector.getConnectionFactory(HttpConnectionFactory.class).getHttpConfiguration();
            http.setSendServerVersion(false);
            // Slow clients (issue 10): a body trickling in below this rate is cut off with 408 ...
            http.setMinRequestDataRate(MIN_REQUEST_DATA_RATE);
            // ... a silent connection is closed after this long ...
            connector.setIdleTimeout(IDLE_TIMEOUT.toMillis());
            // ... and no more connections than this are accepted at once (the rest wait in the backlog).
            jetty.addBean(new ConnectionLimit(MAX_CONNECTIONS, connector));
            jetty.setErrorHandler(new JsonErrors.ServerErrors());
            connector.setHost(settings.host());
            connector.setPort(settings.port());
            jetty.addConnector(connector);
            try {
                connector.open();
            } catch (IOException e) {
                throw new IllegalStateException("cannot listen on " + settings.host() + ":" + settings.port()
                        + " (" + e.getMessage() + "); choose another --port", e);
            }
            int port = connector.getLocalPort();
            KeyManager keys = data.keys(); // first: a wrong key-encryption key stops the start here
            String issuer = data.issuer(settings.issuer(), "http://localhost:" + port);

            PasswordHasher hasher = PasswordHasher.defaults();
            AuthEventListener log = new EventLog();
            AuthEvents events = AuthEvents.of(log);
            UserStore users = data.users();
            UserAdmin userAdmin = data.userAdmin(hasher, events);
            ClientAdmin clientAdmin = data.clientAdmin(hasher, events);
            // one revocation list for the token service and the admin API's Sessions: its local cache sees
            // the admin's revocations at once
            RevocationList revocations = data.revocations();
            Sessions sessions = new Sessions(data.refreshTokens(), data.referenceTokens(), revocations, events, clock);
            AtomicReference<TokenService> built = new AtomicReference<>();
            ProfileContext ctx = new ProfileContext(data, users, userAdmin, clientAdmin, sessions, settings.sessionTimeout(),
                    settings.allowedRedirects(), built::get);

            Provisioning provisioning = new Provisioning(data, userAdmin, clientAdmin, out);
            List<String> demoCredentials = provisioning.demoCredentialsIfNew(clientsFile != null || usersFile != null);
            provisioning.importFiles(settings.clientsFile(), clientsFile, settings.usersFile(), usersFile);
            provisioning.serverClients(profile);

            TokenService.Builder b = TokenService.builder()
                    .issuer(issuer)
                    .keys(keys)
                    .clients(data.clients())
                    .users(users)
                    .refreshTokens(data.refreshTokens())
                    // a client that lost the answer to a refresh may retry it for 5 s (every profile)
                    .refreshGraceWindow(RefreshTokens.DEFAULT_GRACE_WINDOW)
                    .revocations(revocations)
                    .clientAuthentication(PrivateKeyJwt.builder(data.replays()).audiences(List.of(
                            issuer + "/oauth2/token", issuer + "/oauth2/revoke", issuer + "/oauth2/introspect")).build())
                    .hasher(hasher)
                    .listener(log)
                    .clock(clock)
                    .accessTokenLifetime(settings.accessTokenTtl() != null ? settings.accessTokenTtl()
                            : profile.defaultAccessTokenLifetime());
            if (settings.refreshTokenTtl() != null) {
                b.refreshTokenLifetime(settings.refreshTokenTtl()).refreshTokenIdleLifetime(settings.refreshTokenTtl());
            }
            profile.configure(b, ctx);
            // Nodes on one --jdbc-url share the guess budget (else N nodes allow N times the guesses).
            data.sharedThrottle().ifPresent(shared -> b.throttle(LoginThrottle.builder().store(shared).clock(clock)
                    .events(events).build()));
            TokenService tokens = b.build();
            built.set(tokens);

            ServletContextHandler context = new ServletContextHandler();
            context.setContextPath("/");
            context.setErrorHandler(new JsonErrors.ContextErrors());
            context.setInitParameter(LanyardEndpoints.BODY_READ_TIMEOUT_PARAMETER, BODY_READ_TIMEOUT.toString());
            context.addEventListener(new ServletContextListener() {
                @Override
                public void contextInitialized(ServletContextEvent event) {
                    bulkhead(event.getServletContext(), data.poolSize());
                    profile.register(event.getServletContext(), ctx);
                    SwaggerUi.register(event.getServletContext(), profile.name(), "/api/swagger");
                }
            });
            jetty.setHandler(context);
            jetty.setStopTimeout(5_000);
            try {
                jetty.start();
            } catch (Exception e) {
                throw new IllegalStateException("the server did not start: " + e.getMessage(), e);
            }

            ScheduledExecutorService housekeeping = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "lanyard-housekeeping");
                t.setDaemon(true);
                return t;
            });
            housekeeping.scheduleWithFixedDelay(() -> housekeep(tokens), 10, 10, TimeUnit.MINUTES);
            if (data.sharedKeyRing()) {
                // another node's rotation is seen within the refresh interval (5 s); a due rotation or drop is
                // stored by whichever node finds it first, and adopted by the others
                housekeeping.scheduleWithFixedDelay(new SharedKeys(keys)::tick, 1, 1, TimeUnit.SECONDS);
            }

            URI uri = URI.create("http://" + displayHost(settings.host()) + ":" + port);
            banner(out, profile, uri, issuer, data, demoCredentials);
            return new DemoServer(jetty, data, tokens, uri, housekeeping);
        } catch (RuntimeException e) {
            stopQuietly(jetty);
            data.close();
            throw e;
        }
    }

    /**
     * Registers, ahead of every other filter, the bulkhead over the paths that use the database: at most
     * twice the pool size (and at least {@value #MIN_BULKHEAD}) requests in them at once, so that a
     * stalled database holds that many of Jetty's threads at most, and the JWKS and the metadata keep
     * answering. Requests beyond it wait {@link #BULKHEAD_WAIT}, then get 503 with {@code Retry-After}.
     */
    private static void bulkhead(ServletContext servlets, int poolSize) {
        BulkheadFilter filter = BulkheadFilter.builder(Math.max(MIN_BULKHEAD, 2 * poolSize))
                .maxWait(BULKHEAD_WAIT)
                .retryAfter(DatabasePool.ACQUIRE_TIMEOUT)
                .except(WITHOUT_DATABASE.toArray(String[]::new))
                .build();
        FilterRegistration.Dynamic registration = servlets.addFilter("lanyard-bulkhead", filter);
        registration.setAsyncSupported(true);
        registration.addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST, DispatcherType.ASYNC), false, "/*");
    }

    /** Where the server listens, e.g. {@code http://localhost:8080}. */
    public URI uri() {
        return uri;
    }

    /** The token service behind the endpoints. */
    public TokenService tokens() {
        return tokens;
    }

    /** Blocks until the server stops (Ctrl-C runs {@link #close()} from a shutdown hook). */
    public void awaitShutdown() throws InterruptedException {
        jetty.join();
    }

    /** Stops taking requests, lets the running ones finish (up to 5 s) and closes the database. */
    @Override
    public void close() {
        housekeeping.shutdownNow();
        stopQuietly(jetty);
        data.close();
    }

    private static void housekeep(TokenService tokens) {
        try {
            tokens.purge(); // keys: retired ones stop verifying at their drop time; rotation is 'keys rotate'
        } catch (RuntimeException e) {
            LOG.warn("housekeeping failed; it runs again in 10 minutes: {}", e.toString());
        }
    }

    /**
     * The scheduled work on a database key ring. A failure (the database down) is logged when it begins
     * and when it ends, not every second; the node keeps the ring it has meanwhile.
     */
    private static final class SharedKeys {
        private final KeyManager keys;
        private volatile boolean failing;

        SharedKeys(KeyManager keys) {
            this.keys = keys;
        }

        /** Reads the ring when the refresh interval has passed; stores a due rotation or drop (no read otherwise). */
        void tick() {
            try {
                boolean changed = keys.refreshIfDue();
                changed |= keys.rotateIfDue();
                if (changed) {
                    LOG.info("key ring version {} in force, active key {}", keys.storedVersion(),
                            keys.current().active().kid());
                }
                if (failing) {
                    failing = false;
                    LOG.info("the key ring in the database can be read again");
                }
            } catch (RuntimeException e) { // never thrown out: the executor would not run the task again
                if (!failing) {
                    failing = true;
                    LOG.warn("could not read or update the key ring in the database; signing and verifying go on"
                            + " with the ring in force: {}", e.toString());
                }
            }
        }
    }

    private static void stopQuietly(Server jetty) {
        try {
            jetty.stop();
        } catch (Exception e) {
            LOG.warn("Jetty did not stop cleanly: {}", e.toString());
        }
    }

    private static void banner(PrintWriter out, Profile profile, URI uri, String issuer, DataDir data,
                               List<String> demoCredentials) {
        out.println("Lanyard demo, profile " + profile.name() + ": " + profile.summary());
        out.println("Listening on " + uri + "  (issuer " + issuer + ", data in " + data.path() + ")");
        if (data.sharedKeyRing()) {
            KeyManager keys = data.keys();
            out.println("Key ring in the database (version " + keys.storedVersion() + ", active "
                    + keys.current().active().kid() + "), shared by every node on it");
            data.importedKeyFile().ifPresentOrElse(
                    file -> out.println("Imported the key ring of " + file + " into the database (once: that file is"
                            + " no longer read)"),
                    () -> {
                        if (Files.isRegularFile(data.keyFile())) {
                            out.println(data.keyFile() + " is not used: the key ring is in the database");
                        }
                    });
        }
        profile.endpoints().forEach(line -> out.println("  " + line));
        out.println("  GET  /api/swagger    Swagger UI of these endpoints");
        if (!demoCredentials.isEmpty()) {
            out.println("New data directory: demo credentials (shown this once; keep them):");
            demoCredentials.forEach(line -> out.println("  " + line));
        }
        out.println("Press Ctrl-C to stop.");
        out.flush();
    }

    /** A host to put in a URL: a wildcard bind address is reached as localhost; IPv6 in brackets. */
    static String displayHost(String host) {
        if (host.equals("0.0.0.0") || host.equals("::") || host.equals("[::]")) {
            return "localhost";
        }
        return host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
    }
}
