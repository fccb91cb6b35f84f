package dev.lanyard.auth.examples;

import picocli.CommandLine.Option;

import java.nio.file.Path;

/** Where the demo's state lives: {@code --data DIR} and {@code --jdbc-url URL}, shared by every command. */
final class DataOptions {

    @Option(names = "--data", paramLabel = "DIR", defaultValue = "lanyard-data",
            description = "Data directory: the key ring and the SQLite database (default: ${DEFAULT-VALUE}).")
    Path dir;

    @Option(names = "--jdbc-url", paramLabel = "URL",
            description = "Use this database instead of SQLite in the data directory, e.g.%n"
                    + "jdbc:postgresql://127.0.0.1:5432/test?user=postgres%n"
                    + "The key ring is then kept there too, shared by every node on it (see --key-encryption-key-file).")
    String jdbcUrl;

    DataDir open() {
        return DataDir.open(dir, jdbcUrl);
    }

    /** Whether {@link #openExisting()} finds a database. */
    boolean hasDatabase() {
        return DataDir.hasDatabase(dir, jdbcUrl);
    }

    /** For commands that only read: never creates the data directory or its database. */
    DataDir openExisting() {
        return DataDir.openExisting(dir, jdbcUrl);
    }
}
