package dev.lanyard.auth.examples;

import dev.lanyard.auth.key.KeyEncryptionKey;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * What {@code serve} was asked for; {@code ServeCommand} builds it from the command line.
 *
 * <pre>{@code
 * ServeSettings s = new ServeSettings("nextome", "localhost", 8080, Path.of("lanyard-data"), null, null,
 *         null, null, Duration.ofMinutes(5), null, null, List.of());
 * try (DemoServer server = DemoServer.start(s, new PrintWriter(System.out, true))) { ... }
 * }</pre>
 *
 * @param port              0 for any free port
 * @param jdbcUrl           null for the embedded SQLite database in {@code dataDir}
 * @param issuer            null for {@code http://localhost:PORT}
 * @param accessTokenTtl    null for the profile's default
 * @param refreshTokenTtl   null for the library's default (30 days)
 * @param clientsFile       null, or a modules.yaml to import at start
 * @param usersFile         null, or a users file to import at start
 * @param allowedRedirects  where a login endpoint may send a token
 * @param poolSize          the most database connections, null for the database's default ({@link DatabasePool});
 *                          the endpoints that use the database take at most twice as many requests at once
 * @param keyEncryptionKey  with {@code jdbcUrl}: the key that seals the database key ring's private keys (required there)
 * @param keyRotation       with {@code jdbcUrl}: how often the nodes rotate the ring, null for only on {@code keys rotate}
 */
public record ServeSettings(String profile, String host, int port, Path dataDir, String jdbcUrl, String issuer,
                            Duration accessTokenTtl, Duration refreshTokenTtl, Duration sessionTimeout,
                            Path clientsFile, Path usersFile, List<String> allowedRedirects, Integer poolSize,
                            KeyEncryptionKey keyEncryptionKey, Duration keyRotation) {

    /** Settings with the database's default pool size. */
    public ServeSettings(String profile, String host, int port, Path dataDir, String jdbcUrl, String issuer,
                         Duration accessTokenTtl, Duration refreshTokenTtl, Duration sessionTimeout,
                         Path clientsFile, Path usersFile, List<String> allowedRedirects) {
        this(profile, host, port, dataDir, jdbcUrl, issuer, accessTokenTtl, refreshTokenTtl, sessionTimeout,
                clientsFile, usersFile, allowedRedirects, null);
    }

    /** Settings without a database key ring's key-encryption key and rotation. */
    public ServeSettings(String profile, String host, int port, Path dataDir, String jdbcUrl, String issuer,
                         Duration accessTokenTtl, Duration refreshTokenTtl, Duration sessionTimeout,
                         Path clientsFile, Path usersFile, List<String> allowedRedirects, Integer poolSize) {
        this(profile, host, port, dataDir, jdbcUrl, issuer, accessTokenTtl, refreshTokenTtl, sessionTimeout,
                clientsFile, usersFile, allowedRedirects, poolSize, null, null);
    }

    public ServeSettings {
        Objects.requireNonNull(profile, "profile");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(sessionTimeout, "sessionTimeout");
        allowedRedirects = List.copyOf(allowedRedirects);
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("--port must be between 0 and 65535");
        }
        if (poolSize != null && (poolSize < 1 || poolSize > DatabasePool.MAX_SIZE)) {
            throw new IllegalArgumentException("--pool-size must be between 1 and " + DatabasePool.MAX_SIZE
                    + ", got " + poolSize);
        }
        if (keyRotation != null && jdbcUrl == null) {
            throw new IllegalArgumentException("--key-rotation-days needs --jdbc-url: the embedded store's key ring"
                    + " rotates with 'keys rotate'");
        }
        if (keyRotation != null && (keyRotation.isNegative() || keyRotation.isZero())) {
            throw new IllegalArgumentException("--key-rotation-days must be positive");
        }
    }
}
