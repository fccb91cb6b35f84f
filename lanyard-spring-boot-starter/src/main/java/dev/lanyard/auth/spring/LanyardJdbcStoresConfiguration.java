package dev.lanyard.auth.spring;

import dev.lanyard.auth.client.ClientStore;
import dev.lanyard.auth.guard.ThrottleStore;
import dev.lanyard.auth.jdbc.JdbcClientStore;
import dev.lanyard.auth.jdbc.JdbcRefreshTokenStore;
import dev.lanyard.auth.jdbc.JdbcRevocationList;
import dev.lanyard.auth.jdbc.JdbcSchema;
import dev.lanyard.auth.jdbc.JdbcThrottleStore;
import dev.lanyard.auth.jdbc.JdbcUserStore;
import dev.lanyard.auth.refresh.RefreshTokenStore;
import dev.lanyard.auth.token.RevocationList;
import dev.lanyard.auth.user.UserStore;
import java.time.Clock;
import javax.sql.DataSource;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The JDBC stores of auth-core on the application's DataSource, its schema created or migrated first. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnSingleCandidate(DataSource.class)
@ConditionalOnProperty(prefix = "lanyard.jdbc", name = "enabled", matchIfMissing = true)
class LanyardJdbcStoresConfiguration {

    @Bean
    @ConditionalOnMissingBean(name = "lanyardSchema")
    LanyardSchema lanyardSchema(DataSource dataSource, LanyardProperties properties) {
        if (properties.getJdbc().isMigrate()) {
            JdbcSchema.migrate(dataSource);
        }
        return new LanyardSchema(dataSource);
    }

    @Bean
    @ConditionalOnMissingBean
    ClientStore lanyardClientStore(LanyardSchema schema) {
        return new JdbcClientStore(schema.dataSource());
    }

    @Bean
    @ConditionalOnMissingBean
    UserStore lanyardUserStore(LanyardSchema schema) {
        return new JdbcUserStore(schema.dataSource());
    }

    @Bean
    @ConditionalOnMissingBean
    RefreshTokenStore lanyardRefreshTokenStore(LanyardSchema schema) {
        return new JdbcRefreshTokenStore(schema.dataSource());
    }

    @Bean
    @ConditionalOnMissingBean
    RevocationList lanyardRevocationList(LanyardSchema schema) {
        return new JdbcRevocationList(schema.dataSource(), Clock.systemUTC());
    }

    /** The login throttle's counts in the database: every instance over it shares one guess budget. */
    @Bean
    @ConditionalOnMissingBean
    ThrottleStore lanyardThrottleStore(LanyardSchema schema) {
        return new JdbcThrottleStore(schema.dataSource());
    }
}
