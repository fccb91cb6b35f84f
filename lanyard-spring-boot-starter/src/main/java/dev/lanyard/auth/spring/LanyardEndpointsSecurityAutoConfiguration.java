package dev.lanyard.auth.spring;

import dev.lanyard.auth.servlet.LanyardEndpoints;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Lets Lanyard's endpoints through Spring Security: a {@link SecurityFilterChain} ordered first that matches
 * only their paths (token, revoke, introspect, JWKS, metadata, whoami and {@code lanyard.filter.protect}),
 * permits them, and turns off CSRF and sessions there. The endpoints authenticate clients themselves, and the
 * paths behind Lanyard's Bearer filter are checked by that filter. Every other request goes on to the app's
 * own chain, or to Spring Boot's default one, which this configuration does not replace (it runs after it).
 *
 * <pre>{@code
 * # the app's chain never sees /oauth2/token; replace this one by defining a bean of the same name:
 * @Bean SecurityFilterChain lanyardEndpointsSecurityFilterChain(HttpSecurity http) { ... }
 * }</pre>
 */
// Boot 4.0's names, then Boot 3.5's (its SecurityAutoConfiguration enables web security, as 4.0's
// ServletWebSecurityAutoConfiguration does): an ordering name that is not on the class path is ignored
@AutoConfiguration(after = {LanyardAutoConfiguration.class, LanyardSecurityAutoConfiguration.class}, afterName = {
        "org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration",
        "org.springframework.boot.security.oauth2.server.resource.autoconfigure.servlet.OAuth2ResourceServerAutoConfiguration",
        "org.springframework.boot.autoconfigure.security.servlet.SecurityAutoConfiguration",
        "org.springframework.boot.autoconfigure.security.oauth2.resource.servlet.OAuth2ResourceServerAutoConfiguration"})
@ConditionalOnClass({SecurityFilterChain.class, HttpSecurity.class})
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnBean({LanyardEndpoints.class, HttpSecurity.class})
public class LanyardEndpointsSecurityAutoConfiguration {

    /** Created by Spring. */
    public LanyardEndpointsSecurityAutoConfiguration() {
    }

    /**
     * The chain of Lanyard's own paths.
     *
     * @param http       Spring Security's builder
     * @param properties the {@code lanyard.*} properties
     * @return the chain, ordered before every other
     * @throws Exception as {@link HttpSecurity#build()} does
     */
    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE)
    @ConditionalOnMissingBean(name = "lanyardEndpointsSecurityFilterChain")
    public SecurityFilterChain lanyardEndpointsSecurityFilterChain(HttpSecurity http, LanyardProperties properties)
            throws Exception {
        return http.securityMatcher(paths(properties).toArray(String[]::new))
                .authorizeHttpRequests(a -> a.anyRequest().permitAll())
                .csrf(AbstractHttpConfigurer::disable)
                .requestCache(AbstractHttpConfigurer::disable)
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .build();
    }

    /** Lanyard's paths as Spring path patterns: a servlet pattern {@code /x/*} is the prefix {@code /x/**}. */
    static List<String> paths(LanyardProperties properties) {
        LanyardProperties.Endpoints e = properties.getEndpoints();
        List<String> paths = new ArrayList<>(List.of(e.getTokenPath(), e.getRevokePath(), e.getIntrospectPath(),
                e.getJwksPath(), "/.well-known/oauth-authorization-server", e.getWhoamiPath()));
        for (String p : properties.getFilter().getProtect()) {
            if (p.equals("/*")) {
                paths.add("/**");
            } else if (p.endsWith("/*")) {
                paths.add(p.substring(0, p.length() - 1) + "**");
            } else if (p.startsWith("/")) {
                paths.add(p);
            }
        }
        return paths;
    }
}
