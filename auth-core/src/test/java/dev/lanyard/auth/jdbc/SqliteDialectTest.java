package dev.lanyard.auth.jdbc;

import dev.lanyard.auth.StoreException;

import java.nio.file.Path;
import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What the SQLite dialect requires of a connection, and how it spells the stores' statements. */
class SqliteDialectTest {

    @TempDir
    Path dir;

    @Test
    void migrateWhenCommitsAreNotSyncedThenRefusedWithTheSettingsToUse() {
        DataSource normal = sqlite(SQLiteConfig.JournalMode.WAL, SQLiteConfig.SynchronousMode.NORMAL, true);

        assertThatThrownBy(() -> JdbcSchema.migrate(normal))
                .isInstanceOfSatisfying(StoreException.class, e -> assertThat(e.isTransient()).isFalse())
                .hasMessageContaining("synchronous=1")
                .hasMessageContaining("journal_mode=WAL, synchronous=FULL and foreign_keys=true");
        assertThat(JdbcSchema.installedVersion(normal)).isZero();
    }

    @Test
    void migrateWhenNotInWalModeOrWithoutForeignKeysThenRefused() {
        assertThatThrownBy(() -> JdbcSchema.migrate(
                sqlite(SQLiteConfig.JournalMode.DELETE, SQLiteConfig.SynchronousMode.FULL, true)))
                .isInstanceOf(StoreException.class).hasMessageContaining("journal_mode=delete");
        assertThatThrownBy(() -> JdbcSchema.migrate(
                sqlite(SQLiteConfig.JournalMode.WAL, SQLiteConfig.SynchronousMode.FULL, false)))
                .isInstanceOf(StoreException.class).hasMessageContaining("foreign_keys=off");
    }

    @Test
    void migrateWithWalAndFullSyncThenAtTheLatestVersion() {
        DataSource ok = sqlite(SQLiteConfig.JournalMode.WAL, SQLiteConfig.SynchronousMode.FULL, true);

        JdbcSchema.migrate(ok);
        JdbcSchema.migrate(ok);

        assertThat(JdbcSchema.installedVersion(ok)).isEqualTo(JdbcSchema.latestVersion());
    }

    @Test
    void statementsDropForUpdateAndSpellLeastAsMin() {
        assertThat(Dialect.sqliteStatement("SELECT revoked FROM f WHERE id = ? FOR UPDATE"))
                .isEqualTo("SELECT revoked FROM f WHERE id = ?");
        assertThat(Dialect.sqliteStatement("UPDATE t SET a = LEAST(?, b) WHERE c < GREATEST(?, d)"))
                .isEqualTo("UPDATE t SET a = MIN(?, b) WHERE c < MAX(?, d)");
        assertThat(Dialect.sqliteStatement("SELECT least_id FROM t")).isEqualTo("SELECT least_id FROM t");
    }

    private DataSource sqlite(SQLiteConfig.JournalMode journal, SQLiteConfig.SynchronousMode sync, boolean foreignKeys) {
        SQLiteConfig config = new SQLiteConfig();
        config.setJournalMode(journal);
        config.setSynchronous(sync);
        config.enforceForeignKeys(foreignKeys);
        SQLiteDataSource ds = new SQLiteDataSource(config);
        ds.setUrl("jdbc:sqlite:" + dir.resolve(journal + "-" + sync + "-" + foreignKeys + ".db"));
        return ds;
    }
}
