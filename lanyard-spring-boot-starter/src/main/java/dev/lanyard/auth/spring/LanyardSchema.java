package dev.lanyard.auth.spring;

import java.util.Objects;
import javax.sql.DataSource;

/**
 * The DataSource whose {@code lanyard_} tables are ready: the auto-configured JDBC stores are built on it,
 * after the schema migration ({@code lanyard.jdbc.migrate}) has run.
 *
 * <pre>{@code
 * @Bean
 * ClientStore clients(LanyardSchema schema) {
 *     return new JdbcClientStore(schema.dataSource());
 * }
 * }</pre>
 *
 * @param dataSource the application's DataSource
 */
public record LanyardSchema(DataSource dataSource) {

    /**
     * @param dataSource the application's DataSource
     */
    public LanyardSchema {
        Objects.requireNonNull(dataSource, "dataSource");
    }
}
