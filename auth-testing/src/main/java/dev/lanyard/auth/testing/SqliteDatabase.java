package dev.lanyard.auth.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import javax.sql.DataSource;

import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * An SQLite database in a file of a new temporary directory, opened as Lanyard's SQLite dialect needs
 * it (WAL, {@code synchronous=FULL}, foreign keys on); the directory is deleted when it is dropped.
 */
final class SqliteDatabase extends TestDatabase {

    private Path dir;

    @Override
    public String product() {
        return "SQLite";
    }

    @Override
    DataSource create() {
        try {
            dir = Files.createTempDirectory(name());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return dataSource(dir.resolve("lanyard.db"));
    }

    /** A data source on the SQLite file at {@code file}, with the settings the stores need. */
    static DataSource dataSource(Path file) {
        SQLiteConfig config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
        config.enforceForeignKeys(true);
        config.setBusyTimeout(10_000);
        SQLiteDataSource ds = new SQLiteDataSource(config);
        ds.setUrl("jdbc:sqlite:" + file);
        return ds;
    }

    @Override
    void drop() {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    boolean needsServer() {
        return false;
    }

    @Override
    String howToStart() {
        return "SQLite runs in a temporary file: check that org.xerial:sqlite-jdbc is on the test classpath.";
    }
}
