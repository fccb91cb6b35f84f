package dev.lanyard.auth.examples;

import dev.lanyard.auth.internal.SecureUrls;
import dev.lanyard.auth.key.KeyEncryptionKey;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** {@code serve}: runs the demo server until Ctrl-C. */
@Command(name = "serve", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Runs a token server with one profile of endpoints in embedded Jetty until Ctrl-C.",
                "Profiles: standard (OAuth 2.0), sermas, nextome, simacan, simplicite, flask."})
final class ServeCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Option(names = "--profile", paramLabel = "NAME", defaultValue = "standard",
            description = "The API to reproduce: standard, sermas, nextome, simacan, simplicite or flask "
                    + "(default: ${DEFAULT-VALUE}).")
    String profile;

    @Option(names = "--port", defaultValue = "8080", description = "Port to listen on; 0 for any free one (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--host", defaultValue = "localhost",
            description = "Address to listen on (default: ${DEFAULT-VALUE}; 0.0.0.0 for every interface).")
    String host;

    @Mixin
    DataOptions data = new DataOptions();

    @Mixin
    KeyEncryptionOptions keyEncryption = new KeyEncryptionOptions();

    @Option(names = "--key-rotation-days", paramLabel = "DAYS",
            description = "With --jdbc-url: rotate the shared key ring every DAYS days, decided once for all nodes "
                    + "(default: only on 'keys rotate').")
    Long keyRotationDays;

    @Option(names = "--clients", paramLabel = "FILE", description = "Clients to import at start (modules.yaml format, YAML or JSON); existing ones are kept.")
    Path clients;

    @Option(names = "--users", paramLabel = "FILE", description = "Users to import at start (YAML or JSON); existing ones are kept.")
    Path users;

    @Option(names = "--issuer", paramLabel = "URL", description = "The tokens' issuer, published in the metadata: an "
            + "https URL without query or fragment, or http on localhost (default:%nhttp://localhost:PORT; with "
            + "--jdbc-url, the issuer the first node recorded in the database).")
    String issuer;

    @Option(names = "--access-token-ttl", paramLabel = "SECONDS",
            description = "Access-token lifetime, at most 3600 (default: the profile's, 900 or 3600).")
    Long accessTokenTtl;

    @Option(names = "--refresh-token-ttl", paramLabel = "SECONDS", description = "Refresh-token lifetime (default: 30 days).")
    Long refreshTokenTtl;

    @Option(names = "--session-timeout", paramLabel = "SECONDS", defaultValue = "300",
            description = "Idle timeout of the simplicite profile's session tokens (default: ${DEFAULT-VALUE}).")
    long sessionTimeout;

    @Option(names = "--pool-size", paramLabel = "N",
            description = "Most database connections (default: 10 for a database server, 4 for H2); the endpoints "
                    + "that use the database take at most twice as many requests at once, the rest get 503.")
    Integer poolSize;

    @Option(names = "--allow-redirect", paramLabel = "URI",
            description = "A page the login endpoint may redirect to with the token (repeatable; default:%n"
                    + "http://localhost:9999/callback).")
    List<String> allowedRedirects;

    /** The settings these options describe. */
    ServeSettings settings() {
        if (accessTokenTtl != null && accessTokenTtl > 3600) {
            throw new IllegalArgumentException("--access-token-ttl must be at most 3600 seconds: short-lived access "
                    + "tokens are what makes refresh rotation and revocation work");
        }
        if (issuer != null) {
            try {
                SecureUrls.issuer(issuer, false, null);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("--issuer: " + e.getMessage(), e);
            }
        }
        KeyEncryptionKey kek = null;
        if (data.jdbcUrl != null) {
            kek = keyEncryption.orNull();
            if (kek == null) {
                throw KeyEncryptionOptions.missing();
            }
        } else if (keyEncryption.file != null) {
            throw new IllegalArgumentException("--key-encryption-key-file needs --jdbc-url: the embedded store keeps"
                    + " its key ring in keys.jwks.json in --data");
        }
        if (keyRotationDays != null && keyRotationDays <= 0) {
            throw new IllegalArgumentException("--key-rotation-days must be positive, got " + keyRotationDays);
        }
        return new ServeSettings(profile, host, port, data.dir, data.jdbcUrl, issuer,
                seconds(accessTokenTtl, "--access-token-ttl"), seconds(refreshTokenTtl, "--refresh-token-ttl"),
                seconds(sessionTimeout, "--session-timeout"), clients, users,
                allowedRedirects == null ? List.of("http://localhost:9999/callback") : allowedRedirects, poolSize,
                kek, keyRotationDays == null ? null : Duration.ofDays(keyRotationDays));
    }

    @Override
    public void run() {
        DemoServer server = DemoServer.start(settings(), spec.commandLine().getOut());
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "lanyard-shutdown"));
        try {
            server.awaitShutdown();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            server.close();
        }
    }

    private static Duration seconds(Long value, String option) {
        if (value == null) {
            return null;
        }
        if (value <= 0) {
            throw new IllegalArgumentException(option + " must be a positive number of seconds, got " + value);
        }
        return Duration.ofSeconds(value);
    }
}
