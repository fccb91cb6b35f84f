package dev.lanyard.auth.spring.rs;

import dev.lanyard.auth.spring.BootClasses;
import java.util.Map;
import java.util.Objects;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * A resource server on Spring Security's own decoder (no Lanyard code in it) that trusts a running Lanyard:
 * its JWKS over HTTP, and the RFC 9068 validator, which accepts {@code typ: at+jwt}.
 */
@SpringBootApplication(excludeName = {"dev.lanyard.auth.spring.LanyardAutoConfiguration",
        "dev.lanyard.auth.spring.LanyardSecurityAutoConfiguration",
        "dev.lanyard.auth.spring.LanyardEndpointsSecurityAutoConfiguration",
        BootClasses.DATA_SOURCE_BOOT_4, BootClasses.DATA_SOURCE_BOOT_3})
public class SpringResourceServerApp {

    @Bean
    JwtDecoder jwtDecoder(@Value("${lanyard-jwks-uri}") String jwksUri, @Value("${lanyard-issuer}") String issuer,
                          @Value("${lanyard-audience}") String audience) {
        // the README's lines: the RFC 9068 validator (typ at+jwt, iss, aud, exp; client_id only required here, since
        // this API accepts tokens of any client). validateType(false) is Spring Security 7's default; 6.5 (Boot 3.5)
        // still has Nimbus refuse every typ but JWT before the validator sees the token.
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSetUri(jwksUri).validateType(false).build();
        decoder.setJwtValidator(JwtValidators.createAtJwtValidator().issuer(issuer).audience(audience)
                .validators(v -> v.put("client_id", new JwtClaimValidator<String>("client_id", Objects::nonNull))).build());
        return decoder;
    }

    @Bean
    SecurityFilterChain api(HttpSecurity http) throws Exception {
        return http.authorizeHttpRequests(a -> a.anyRequest().hasAuthority("SCOPE_orders:read"))
                .oauth2ResourceServer(rs -> rs.jwt(Customizer.withDefaults()))
                .build();
    }

    @RestController
    static class Orders {
        @GetMapping("/orders")
        Map<String, Object> orders(@AuthenticationPrincipal Jwt jwt) {
            return Map.of("subject", jwt.getSubject());
        }
    }
}
