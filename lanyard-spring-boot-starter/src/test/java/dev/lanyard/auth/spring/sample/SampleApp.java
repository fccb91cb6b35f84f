package dev.lanyard.auth.spring.sample;

import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * A Boot app as a user writes it: the starter serves the token endpoint, the app's own chain protects its
 * API with Lanyard's JwtDecoder (found by {@code jwt(withDefaults())}) and scope authorities.
 */
@SpringBootApplication
public class SampleApp {

    public static void main(String[] args) {
        SpringApplication.run(SampleApp.class, args);
    }

    @Bean
    SecurityFilterChain api(HttpSecurity http) throws Exception {
        return http.authorizeHttpRequests(a -> a
                        .requestMatchers("/orders/**").hasAuthority("SCOPE_orders:read")
                        .anyRequest().authenticated())
                .oauth2ResourceServer(rs -> rs.jwt(Customizer.withDefaults()))
                .build();
    }

    @RestController
    static class Orders {
        @GetMapping("/orders")
        Map<String, Object> orders(@AuthenticationPrincipal Jwt jwt) {
            return Map.of("subject", jwt.getSubject(), "orders", java.util.List.of(1, 2));
        }

        @GetMapping("/profile")
        Map<String, Object> profile(@AuthenticationPrincipal Jwt jwt) {
            return Map.of("subject", jwt.getSubject());
        }
    }
}
