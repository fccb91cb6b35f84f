package dev.lanyard.auth.spring;

import dev.lanyard.auth.TokenService;
import dev.lanyard.auth.admin.ClientAdmin;
import dev.lanyard.auth.admin.ImportProgress;
import dev.lanyard.auth.admin.UserAdmin;
import dev.lanyard.auth.client.ClientStore;
import dev.lanyard.auth.event.AuthEvents;
import dev.lanyard.auth.guard.LoginThrottle;
import dev.lanyard.auth.guard.ThrottleStore;
import dev.lanyard.auth.key.KeyManager;
import dev.lanyard.auth.password.PasswordHasher;
import dev.lanyard.auth.refresh.RefreshTokenStore;
import dev.lanyard.auth.servlet.BearerFilterConfig;
import dev.lanyard.auth.servlet.BearerTokenFilter;
import dev.lanyard.auth.servlet.LanyardEndpoints;
import dev.lanyard.auth.token.RevocationList;
import dev.lanyard.auth.token.TokenVerifier;
import dev.lanyard.auth.user.UserStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;
import javax.sql.DataSource;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.web.servlet.ServletContextInitializer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.io.Resource;

/**
 * Auto-configuration of Lanyard from {@code lanyard.*} properties ({@link LanyardProperties}): the key ring,
 * the stores (JDBC on the application's {@link DataSource} when there is one, in memory otherwise), the
 * {@link TokenService}, its {@link TokenVerifier}, the endpoints of auth-servlet and the Bearer filter. Every
 * bean backs off when the application defines one of the same type, so any part can be replaced:
 *
 * <pre>{@code
 * @Bean
 * ClientStore clients(DataSource dataSource) {     // replaces the auto-configured store
 *     return new MyClientStore(dataSource);
 * }
 * }</pre>
 */
// Boot 4.0's name, then Boot 3.5's: an ordering name that is not on the class path is ignored
@AutoConfiguration(afterName = {"org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
        "org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration"})
@ConditionalOnClass(TokenService.class)
@EnableConfigurationProperties(LanyardProperties.class)
// in this order: the JDBC stores when there is a DataSource, in-memory ones for whatever is still missing
@Import({LanyardJdbcStoresConfiguration.class, LanyardInMemoryStoresConfiguration.class})
public class LanyardAutoConfiguration {

    /** Created by Spring. */
    public LanyardAutoConfiguration() {
    }

    /**
     * The key ring: from {@code lanyard.keys.file} (generated there on first start), or generated in memory.
     *
     * @param properties the {@code lanyard.*} properties
     * @return the key manager
     */
    @Bean
    @ConditionalOnMissingBean
    public KeyManager lanyardKeyManager(LanyardProperties properties) {
        LanyardProperties.Keys keys = properties.getKeys();
        KeyManager.Builder builder = KeyManager.builder().algorithm(keys.getAlgorithm()).overlap(keys.getOverlap());
        if (keys.getFile() != null) {
            builder.file(keys.getFile());
        }
        try {
            return builder.build();
        } catch (RuntimeException e) {
            throw new LanyardConfigurationException("lanyard.keys.file", "cannot be used: " + e.getMessage(), e);
        }
    }

    /**
     * The hasher of passwords and client secrets (Argon2id by default).
     *
     * @return the library's default hasher
     */
    @Bean
    @ConditionalOnMissingBean
    public PasswordHasher lanyardPasswordHasher() {
        return PasswordHasher.defaults();
    }

    /**
     * The authorization server.
     *
     * @param properties    the {@code lanyard.*} properties
     * @param keys          the key ring
     * @param clients       the client store
     * @param users         the user store
     * @param refreshTokens the refresh-token store
     * @param revocations   the revocation list
     * @param hasher        the password hasher
     * @param throttleStore where the login throttle keeps its counts: the database's
     *                      ({@link dev.lanyard.auth.jdbc.JdbcThrottleStore}) with the JDBC stores, so that every
     *                      instance of the application shares the guess budget; none (this process's memory) otherwise
     * @return the token service
     * @throws LanyardConfigurationException when {@code lanyard.issuer} or {@code lanyard.audience} is missing, or a
     *                                       setting is refused
     */
    @Bean
    @ConditionalOnMissingBean
    public TokenService lanyardTokenService(LanyardProperties properties, KeyManager keys, ClientStore clients,
                                            UserStore users, RefreshTokenStore refreshTokens,
                                            RevocationList revocations, PasswordHasher hasher,
                                            ObjectProvider<ThrottleStore> throttleStore) {
        String issuer = required(properties.getIssuer(), "lanyard.issuer",
                "the URL of this authorization server, such as https://auth.example.com");
        String audience = required(properties.getAudience(), "lanyard.audience",
                "the identifier of the APIs that accept its tokens, such as https://api.example.com");
        TokenService.Builder builder = TokenService.builder()
                .issuer(issuer)
                .audience(audience)
                .keys(keys)
                .clients(clients)
                .users(users)
                .refreshTokens(refreshTokens)
                .revocations(revocations)
                .hasher(hasher);
        throttleStore.ifAvailable(store -> builder.throttle(LoginThrottle.builder().store(store).build()));
        if (properties.getAccessTokenLifetime() != null && !properties.isAllowLongAccessTokens()
                && properties.getAccessTokenLifetime().compareTo(java.time.Duration.ofHours(1)) > 0) {
            throw new LanyardConfigurationException("lanyard.access-token-lifetime", "is over one hour ("
                    + properties.getAccessTokenLifetime() + "): shorten it, or set lanyard.allow-long-access-tokens=true");
        }
        String at = "lanyard.access-token-lifetime";
        try {
            builder.accessTokenLifetime(properties.getAccessTokenLifetime());
            at = "lanyard.refresh-token-lifetime";
            builder.refreshTokenLifetime(properties.getRefreshTokenLifetime());
            at = "lanyard.refresh-token-idle-lifetime";
            builder.refreshTokenIdleLifetime(properties.getRefreshTokenIdleLifetime());
            at = "lanyard.clock-skew";
            builder.clockSkew(properties.getClockSkew());
            if (properties.isAllowInsecureIssuer()) {
                builder.allowInsecureIssuer();
            }
            if (properties.isAllowLongAccessTokens()) {
                builder.allowLongAccessTokens();
            }
            at = "lanyard.issuer";
            return builder.build();
        } catch (IllegalArgumentException | IllegalStateException | NullPointerException e) {
            throw new LanyardConfigurationException(at, "is refused: " + e.getMessage(), e);
        }
    }

    /**
     * The one verification seam: the Bearer filter and the Spring Security {@code JwtDecoder} verify through it.
     * It accepts Lanyard's JWT access tokens and, when the service issues them, its opaque reference tokens.
     *
     * @param tokens the token service
     * @return {@code tokens::verify}
     */
    @Bean
    @ConditionalOnMissingBean
    public TokenVerifier lanyardTokenVerifier(TokenService tokens) {
        return tokens::verify;
    }

    /**
     * Client administration (create, rotate a secret, import), over the client store.
     *
     * @param clients the client store
     * @param hasher  the password hasher
     * @return the client admin
     */
    @Bean
    @ConditionalOnMissingBean
    public ClientAdmin lanyardClientAdmin(ClientStore clients, PasswordHasher hasher) {
        if (!(clients instanceof ClientStore.Writable writable)) {
            throw new LanyardConfigurationException("ClientStore bean", "is read-only (" + clients.getClass().getName()
                    + "): the client admin needs a ClientStore.Writable; define your own ClientAdmin bean");
        }
        return new ClientAdmin(writable, hasher, AuthEvents.none(), Clock.systemUTC());
    }

    /**
     * User administration (create, set a password, import), over the user store.
     *
     * @param users  the user store
     * @param hasher the password hasher
     * @return the user admin
     */
    @Bean
    @ConditionalOnMissingBean
    public UserAdmin lanyardUserAdmin(UserStore users, PasswordHasher hasher) {
        if (!(users instanceof UserStore.Writable writable)) {
            throw new LanyardConfigurationException("UserStore bean", "is read-only (" + users.getClass().getName()
                    + "): the user admin needs a UserStore.Writable; define your own UserAdmin bean");
        }
        return new UserAdmin(writable, hasher, AuthEvents.none(), Clock.systemUTC());
    }

    /**
     * Imports {@code lanyard.clients-file} and {@code lanyard.users-file} at start; entries that exist are kept.
     *
     * @param properties the {@code lanyard.*} properties
     * @param clients    the client admin
     * @param users      the user admin
     * @return the import, run once the beans are set
     */
    @Bean
    @ConditionalOnMissingBean(name = "lanyardImport")
    public InitializingBean lanyardImport(LanyardProperties properties, ClientAdmin clients, UserAdmin users) {
        return () -> {
            if (properties.getClientsFile() != null) {
                Resource file = properties.getClientsFile();
                clients.importNewClients(read(file, "lanyard.clients-file"), file.getFilename(), ImportProgress.none());
            }
            if (properties.getUsersFile() != null) {
                Resource file = properties.getUsersFile();
                users.importNewUsers(read(file, "lanyard.users-file"), file.getFilename(), ImportProgress.none());
            }
        };
    }

    /**
     * The configuration of Lanyard's Bearer filter: {@code lanyard.filter.*} over the {@link TokenVerifier}.
     *
     * @param properties the {@code lanyard.*} properties
     * @param verifier   the token verifier
     * @return the filter configuration
     */
    @Bean
    @ConditionalOnMissingBean
    public BearerFilterConfig lanyardBearerFilterConfig(LanyardProperties properties, TokenVerifier verifier) {
        LanyardProperties.Filter filter = properties.getFilter();
        BearerFilterConfig.Builder builder = BearerFilterConfig.builder(verifier::verify);
        try {
            builder.header(filter.getHeader()).realm(filter.getRealm());
            for (Map.Entry<String, String> rule : filter.getRequiredScopes().entrySet()) {
                builder.requireScopes(rule.getKey(), rule.getValue().trim().split("\\s+"));
            }
        } catch (IllegalArgumentException e) {
            throw new LanyardConfigurationException("lanyard.filter", "is refused: " + e.getMessage(), e);
        }
        return builder.build();
    }

    /**
     * The endpoints, with the Bearer filter on whoami and on {@code lanyard.filter.protect}.
     *
     * @param properties the {@code lanyard.*} properties
     * @param tokens     the token service
     * @param filter     the Bearer filter's configuration
     * @return the endpoints, registered by {@link #lanyardServletContextInitializer}
     */
    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnProperty(prefix = "lanyard.endpoints", name = "enabled", matchIfMissing = true)
    public LanyardEndpoints lanyardEndpoints(LanyardProperties properties, TokenService tokens,
                                             BearerFilterConfig filter) {
        LanyardProperties.Endpoints paths = properties.getEndpoints();
        try {
            return LanyardEndpoints.builder(tokens)
                    .tokenPath(paths.getTokenPath())
                    .revokePath(paths.getRevokePath())
                    .introspectPath(paths.getIntrospectPath())
                    .jwksPath(paths.getJwksPath())
                    .whoamiPath(paths.getWhoamiPath())
                    .filter(filter)
                    .protect(properties.getFilter().getProtect().toArray(String[]::new))
                    .build();
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new LanyardConfigurationException("lanyard.endpoints", "is refused: " + e.getMessage(), e);
        }
    }

    /**
     * Registers the endpoints and their Bearer filter on the servlet context of the embedded server.
     *
     * @param endpoints the endpoints
     * @return the initializer
     */
    @Bean
    @ConditionalOnBean(LanyardEndpoints.class)
    @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
    @ConditionalOnMissingBean(name = "lanyardServletContextInitializer")
    public ServletContextInitializer lanyardServletContextInitializer(LanyardEndpoints endpoints) {
        return endpoints::register;
    }

    /**
     * Lanyard's Bearer filter on {@code lanyard.filter.protect} when the endpoints are off (with them, the
     * endpoints register it). Not registered when no pattern is given.
     *
     * @param properties the {@code lanyard.*} properties
     * @param filter     the filter's configuration
     * @return the registration
     */
    @Bean
    @ConditionalOnProperty(prefix = "lanyard.endpoints", name = "enabled", havingValue = "false")
    @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
    @ConditionalOnMissingBean(name = "lanyardBearerFilter")
    public FilterRegistrationBean<BearerTokenFilter> lanyardBearerFilter(LanyardProperties properties,
                                                                         BearerFilterConfig filter) {
        FilterRegistrationBean<BearerTokenFilter> registration = new FilterRegistrationBean<>(new BearerTokenFilter(filter));
        registration.setName("lanyard-bearer");
        registration.setAsyncSupported(true);
        registration.setUrlPatterns(properties.getFilter().getProtect());
        // without a pattern the registration would map /*: nothing to protect then
        registration.setEnabled(!properties.getFilter().getProtect().isEmpty());
        return registration;
    }

    private static String required(String value, String property, String what) {
        if (value == null || value.isBlank()) {
            throw new LanyardConfigurationException(property, "is required: " + what);
        }
        return value.strip();
    }

    private static String read(Resource file, String property) {
        try {
            return file.getContentAsString(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(new IOException(property + " " + file.getDescription()
                    + " cannot be read: " + e.getMessage(), e));
        }
    }
}
