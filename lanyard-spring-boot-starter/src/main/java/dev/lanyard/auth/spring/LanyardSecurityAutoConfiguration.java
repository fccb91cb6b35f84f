package dev.lanyard.auth.spring;

import dev.lanyard.auth.token.TokenVerifier;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;

/**
 * Spring Security's resource server over Lanyard, when {@code spring-security-oauth2-resource-server} is on the
 * class path: a {@link JwtDecoder} over the {@link TokenVerifier} and a {@link JwtAuthenticationConverter}
 * giving {@code SCOPE_x} and {@code ROLE_x} authorities. {@code oauth2ResourceServer(rs -> rs.jwt(withDefaults()))}
 * finds both; without a SecurityFilterChain of the app's own, Spring Boot's default one authenticates every
 * request with them.
 *
 * <pre>{@code
 * @Bean
 * SecurityFilterChain api(HttpSecurity http) throws Exception {
 *     return http.authorizeHttpRequests(a -> a
 *                     .requestMatchers("/orders/**").hasAuthority("SCOPE_orders:read")
 *                     .anyRequest().authenticated())
 *             .oauth2ResourceServer(rs -> rs.jwt(Customizer.withDefaults()))
 *             .build();
 * }
 * }</pre>
 */
// Boot 4.0's name, then Boot 3.5's: an ordering name that is not on the class path is ignored
@AutoConfiguration(after = LanyardAutoConfiguration.class, beforeName = {
        "org.springframework.boot.security.oauth2.server.resource.autoconfigure.servlet.OAuth2ResourceServerAutoConfiguration",
        "org.springframework.boot.autoconfigure.security.oauth2.resource.servlet.OAuth2ResourceServerAutoConfiguration"})
@ConditionalOnClass({JwtDecoder.class, JwtAuthenticationConverter.class})
@ConditionalOnBean(TokenVerifier.class)
public class LanyardSecurityAutoConfiguration {

    /** Created by Spring. */
    public LanyardSecurityAutoConfiguration() {
    }

    /**
     * The decoder of Lanyard tokens.
     *
     * @param verifier the token verifier
     * @return a {@link LanyardJwtDecoder}
     */
    @Bean
    @ConditionalOnMissingBean
    public JwtDecoder lanyardJwtDecoder(TokenVerifier verifier) {
        return new LanyardJwtDecoder(verifier);
    }

    /**
     * Authorities from scopes and roles.
     *
     * @return {@link LanyardAuthorities#jwtAuthenticationConverter()}
     */
    @Bean
    @ConditionalOnMissingBean
    public JwtAuthenticationConverter lanyardJwtAuthenticationConverter() {
        return LanyardAuthorities.jwtAuthenticationConverter();
    }
}
