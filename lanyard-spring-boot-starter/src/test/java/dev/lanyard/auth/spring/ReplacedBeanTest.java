package dev.lanyard.auth.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lanyard.auth.admin.ClientAdmin;
import dev.lanyard.auth.client.Client;
import dev.lanyard.auth.client.ClientStore;
import dev.lanyard.auth.client.InMemoryClientStore;
import dev.lanyard.auth.event.AuthEvents;
import dev.lanyard.auth.password.PasswordHasher;
import dev.lanyard.auth.spring.sample.SampleApp;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;

/** An app-supplied ClientStore replaces the auto-configured one, and the token endpoint uses it. */
@SpringBootTest(classes = {SampleApp.class, ReplacedBeanTest.AppClients.class},
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "lanyard.issuer=http://localhost",
        "lanyard.audience=https://api.example",
        BootClasses.EXCLUDE_DATA_SOURCE})
class ReplacedBeanTest {

    @TestConfiguration(proxyBeanMethods = false)
    static class AppClients {
        @Bean
        ClientStore appClientStore() {
            InMemoryClientStore store = new InMemoryClientStore();
            new ClientAdmin(store, PasswordHasher.defaults(), AuthEvents.none(), Clock.systemUTC())
                    .createClient(Client.builder("app-own").grants(List.of("client_credentials"))
                            .scopes(List.of("orders:read")).build(), "app-own-secret-789");
            return store;
        }
    }

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    @Test
    void appClientStoreReplacesTheAutoConfiguredOne() throws Exception {
        assertThat(context.getBeansOfType(ClientStore.class)).containsOnlyKeys("appClientStore");

        String token = Http.accessToken(port, "app-own", "app-own-secret-789", "orders:read");

        assertThat(Http.get(port, "/orders", token).statusCode()).isEqualTo(200);
    }
}
