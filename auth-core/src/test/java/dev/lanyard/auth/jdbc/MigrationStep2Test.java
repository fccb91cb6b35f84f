package dev.lanyard.auth.jdbc;

import dev.lanyard.auth.refresh.RefreshFamily;
import dev.lanyard.auth.refresh.RefreshTokenEntry;
import dev.lanyard.auth.testing.TestDatabase;
import dev.lanyard.auth.user.User;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/** Step 2 of the schema: the token tables, their indexes, and the upgrade from step 1. */
class MigrationStep2Test {

    /** Every secondary index of step 2, by table. */
    private static final Map<String, List<String>> INDEXES = Map.of(
            "lanyard_refresh_families", List.of("lanyard_refresh_families_subject_ix",
                    "lanyard_refresh_families_client_ix", "lanyard_refresh_families_expires_ix"),
            "lanyard_refresh_tokens", List.of("lanyard_refresh_tokens_family_ix", "lanyard_refresh_tokens_idle_ix"),
            "lanyard_authorization_codes", List.of("lanyard_authorization_codes_expires_ix"),
            "lanyard_reference_tokens", List.of("lanyard_reference_tokens_subject_ix", "lanyard_reference_tokens_idle_ix",
                    "lanyard_reference_tokens_expires_ix"),
            "lanyard_revoked_access_tokens", List.of("lanyard_revoked_access_tokens_expires_ix"));
    /** Children first, so that they can be dropped in this order. */
    private static final List<String> TABLES = List.of("lanyard_refresh_tokens", "lanyard_refresh_families",
            "lanyard_authorization_codes", "lanyard_reference_tokens", "lanyard_revoked_access_tokens");
    private static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");

    @ParameterizedTest
    @ValueSource(strings = {"H2", "PostgreSQL", "MariaDB"})
    void migrateCreatesEveryTokenTableWithItsIndexes(String product) throws SQLException {
        try (TestDatabase db = open(product)) {
            JdbcSchema.migrate(db.dataSource());

            assertThat(JdbcSchema.installedVersion(db.dataSource())).isEqualTo(JdbcSchema.latestVersion());
            for (Map.Entry<String, List<String>> table : INDEXES.entrySet()) {
                assertThat(indexes(db.dataSource(), table.getKey())).as(table.getKey())
                        .containsAll(table.getValue());
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"H2", "PostgreSQL", "MariaDB"})
    void migrateFromVersion1AddsTheTokenTablesAndKeepsTheUsers(String product) throws SQLException {
        try (TestDatabase db = open(product)) {
            JdbcSchema.migrate(db.dataSource());
            User alice = User.builder("alice").build();
            new JdbcUserStore(db.dataSource()).create(alice);
            for (String table : TABLES) {
                execute(db.dataSource(), "DROP TABLE " + table);
            }
            execute(db.dataSource(), "UPDATE lanyard_schema_version SET version = 1");

            JdbcSchema.migrate(db.dataSource());

            assertThat(JdbcSchema.installedVersion(db.dataSource())).isEqualTo(JdbcSchema.latestVersion());
            assertThat(new JdbcUserStore(db.dataSource()).findByUsername("alice")).contains(alice);
            assertRefreshTokensWork(db.dataSource());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"H2", "PostgreSQL", "MariaDB"})
    void migrateCompletesAStep2ThatStoppedHalfway(String product) throws SQLException {
        try (TestDatabase db = open(product)) {
            JdbcSchema.migrate(db.dataSource());
            // As if the node died after the first tables (MariaDB commits each DDL statement at once).
            execute(db.dataSource(), "DROP TABLE lanyard_revoked_access_tokens");
            if (!product.equals("MariaDB")) {
                execute(db.dataSource(), "DROP INDEX lanyard_reference_tokens_idle_ix");
            }
            execute(db.dataSource(), "UPDATE lanyard_schema_version SET version = 1");

            JdbcSchema.migrate(db.dataSource());

            assertThat(JdbcSchema.installedVersion(db.dataSource())).isEqualTo(JdbcSchema.latestVersion());
            assertThat(indexes(db.dataSource(), "lanyard_revoked_access_tokens"))
                    .contains("lanyard_revoked_access_tokens_expires_ix");
            assertThat(indexes(db.dataSource(), "lanyard_reference_tokens")).contains("lanyard_reference_tokens_idle_ix");
            assertRefreshTokensWork(db.dataSource());
        }
    }

    @Test
    void everyIndexIsDeclaredBothWithItsTableAndAsAStatement() {
        Pattern inline = Pattern.compile("\\{index (\\w+) \\(([^)]*)\\)}");
        Pattern statement = Pattern.compile("\\{index (\\w+) ON (\\w+) \\(([^)]*)\\)}");
        Pattern table = Pattern.compile("CREATE TABLE IF NOT EXISTS (\\w+)");
        Map<String, String> declared = new HashMap<>();
        Map<String, String> separate = new HashMap<>();
        for (Migration step : Migration.ALL) {
            for (String s : step.statements()) {
                Matcher st = statement.matcher(s.strip());
                if (st.matches()) {
                    separate.put(st.group(1), st.group(2) + " (" + st.group(3) + ")");
                    continue;
                }
                Matcher t = table.matcher(s);
                Matcher in = inline.matcher(s);
                while (in.find()) {
                    assertThat(t.find(0)).isTrue();
                    declared.put(in.group(1), t.group(1) + " (" + in.group(2) + ")");
                }
            }
        }

        assertThat(separate).isEqualTo(declared);
        Map<String, Set<String>> expected = new HashMap<>();
        declared.forEach((name, on) -> expected.computeIfAbsent(on.substring(0, on.indexOf(' ')), k -> new TreeSet<>())
                .add(name));
        INDEXES.forEach((t, names) -> assertThat(expected.get(t)).containsExactlyInAnyOrderElementsOf(names));
    }

    @Test
    void mysqlAndMariaDbDeclareIndexesInTheTableOthersCreateThemApart() {
        String template = """
                CREATE TABLE IF NOT EXISTS t (
                    a VARCHAR(10) {exact} NOT NULL,
                    b {bytes},
                    CONSTRAINT t_pk PRIMARY KEY (a)
                    {index t_b_ix (b, a)}
                ){table}""";
        String index = "{index t_b_ix ON t (b, a)}";

        assertThat(Dialect.MYSQL.expand(template)).contains("PRIMARY KEY (a),\n    INDEX t_b_ix (b, a)\n)")
                .contains("b BLOB").doesNotContain("{");
        assertThat(Dialect.MARIADB.expand(index)).isEqualTo("DO 0");
        assertThat(Dialect.MYSQL.expand(index)).isEqualTo("DO 0");
        assertThat(Dialect.POSTGRESQL.expand(template)).contains("PRIMARY KEY (a)\n)").contains("b BYTEA")
                .doesNotContain("INDEX").doesNotContain("{");
        assertThat(Dialect.POSTGRESQL.expand(index)).isEqualTo("CREATE INDEX IF NOT EXISTS t_b_ix ON t (b, a)");
        assertThat(Dialect.H2.expand(index)).isEqualTo("CREATE INDEX IF NOT EXISTS t_b_ix ON t (b, a)");
        assertThat(Dialect.H2.expand(template)).contains("b VARBINARY(65535)");
    }

    private static void assertRefreshTokensWork(DataSource dataSource) {
        JdbcRefreshTokenStore store = new JdbcRefreshTokenStore(dataSource);
        store.createFamily(new RefreshFamily("f", "app", "alice", Set.of(), T0, T0.plusSeconds(60), T0, false),
                RefreshTokenEntry.active("d0", "f", T0, T0.plusSeconds(60), "at", T0.plusSeconds(60)));
        assertThat(store.rotate("d0", T0, new byte[] {0, 1}, RefreshTokenEntry.active("d1", "f", T0, T0.plusSeconds(60),
                null, null))).isTrue();
        new JdbcRevocationList(dataSource, Clock.systemUTC()).revoke("at", T0);
    }

    /** The names of the table's indexes, in lower case; H2 keeps unquoted names in upper case. */
    private static Set<String> indexes(DataSource dataSource, String table) throws SQLException {
        Set<String> names = new TreeSet<>();
        try (Connection c = dataSource.getConnection()) {
            DatabaseMetaData md = c.getMetaData();
            for (String t : List.of(table, table.toUpperCase(Locale.ROOT))) {
                try (ResultSet rs = md.getIndexInfo(c.getCatalog(), c.getSchema(), t, false, false)) {
                    while (rs.next()) {
                        String name = rs.getString("INDEX_NAME");
                        if (name != null) {
                            names.add(name.toLowerCase(Locale.ROOT));
                        }
                    }
                }
            }
        }
        return names;
    }

    private static void execute(DataSource dataSource, String sql) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private static TestDatabase open(String product) {
        TestDatabase db = switch (product) {
            case "H2" -> TestDatabase.h2();
            case "PostgreSQL" -> TestDatabase.postgres();
            case "MariaDB" -> TestDatabase.mariaDb();
            default -> throw new IllegalArgumentException(product);
        };
        return db.open();
    }
}
