package dev.lanyard.auth.examples;

import dev.lanyard.auth.jdbc.JdbcSchema;
import dev.lanyard.auth.jdbc.JdbcUserStore;
import dev.lanyard.auth.user.User;
import org.h2.jdbcx.JdbcDataSource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/** A data directory as an earlier version of the demo left it: an H2 database, {@code lanyard.mv.db}. */
final class LegacyH2 {

    private LegacyH2() {
    }

    /** Creates {@code dir} with an H2 database at the latest schema holding the user {@code username}. */
    static Path create(Path dir, String username) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:file:" + dir.toAbsolutePath().resolve("lanyard") + ";DB_CLOSE_DELAY=-1");
        JdbcSchema.migrate(ds);
        new JdbcUserStore(ds).create(User.builder(username).build());
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            s.execute("SHUTDOWN");
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return dir;
    }
}
