package dev.lanyard.auth.spring;

import dev.lanyard.auth.client.ClientStore;
import dev.lanyard.auth.client.InMemoryClientStore;
import dev.lanyard.auth.refresh.InMemoryRefreshTokenStore;
import dev.lanyard.auth.refresh.RefreshTokenStore;
import dev.lanyard.auth.token.InMemoryRevocationList;
import dev.lanyard.auth.token.RevocationList;
import dev.lanyard.auth.user.InMemoryUserStore;
import dev.lanyard.auth.user.UserStore;
import java.time.Clock;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** In-memory stores, for what the application's DataSource (if any) does not provide: one process only. */
@Configuration(proxyBeanMethods = false)
class LanyardInMemoryStoresConfiguration {

    @Bean
    @ConditionalOnMissingBean
    ClientStore lanyardClientStore() {
        return new InMemoryClientStore();
    }

    @Bean
    @ConditionalOnMissingBean
    UserStore lanyardUserStore() {
        return new InMemoryUserStore();
    }

    @Bean
    @ConditionalOnMissingBean
    RefreshTokenStore lanyardRefreshTokenStore() {
        return new InMemoryRefreshTokenStore();
    }

    @Bean
    @ConditionalOnMissingBean
    RevocationList lanyardRevocationList() {
        return new InMemoryRevocationList(Clock.systemUTC());
    }
}
