package dev.lanyard.auth.spring;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.springframework.core.convert.converter.Converter;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;

/**
 * The authorities of a Lanyard token: {@code SCOPE_x} for each scope of its {@code scope} claim and
 * {@code ROLE_x} for each role of its {@code roles} claim (which Lanyard writes for user grants), so that
 * {@code hasAuthority("SCOPE_orders:read")} and {@code hasRole("admin")} both work.
 *
 * <pre>{@code
 * JwtAuthenticationConverter converter = LanyardAuthorities.jwtAuthenticationConverter();
 * http.oauth2ResourceServer(rs -> rs.jwt(jwt -> jwt.jwtAuthenticationConverter(converter)));
 * }</pre>
 */
public final class LanyardAuthorities implements Converter<Jwt, Collection<GrantedAuthority>> {

    /** Creates the converter. */
    public LanyardAuthorities() {
    }

    /**
     * A {@link JwtAuthenticationConverter} with these authorities, naming the principal by {@code sub}.
     *
     * @return a new converter
     */
    public static JwtAuthenticationConverter jwtAuthenticationConverter() {
        JwtAuthenticationConverter converter = new JwtAuthenticationConverter();
        converter.setJwtGrantedAuthoritiesConverter(new LanyardAuthorities());
        converter.setPrincipalClaimName("sub");
        return converter;
    }

    /**
     * The authorities of one token.
     *
     * @param jwt the token, as decoded by {@link LanyardJwtDecoder} or Spring's own decoder
     * @return {@code SCOPE_} authorities then {@code ROLE_} authorities, in token order
     */
    @Override
    public Collection<GrantedAuthority> convert(Jwt jwt) {
        List<GrantedAuthority> authorities = new ArrayList<>();
        Object scope = jwt.getClaims().get("scope");
        if (scope instanceof String s && !s.isBlank()) {
            for (String one : s.trim().split("\\s+")) {
                authorities.add(new SimpleGrantedAuthority("SCOPE_" + one));
            }
        }
        Object roles = jwt.getClaims().get("roles");
        if (roles instanceof Collection<?> list) {
            for (Object role : list) {
                if (role instanceof String r && !r.isBlank()) {
                    authorities.add(new SimpleGrantedAuthority("ROLE_" + r));
                }
            }
        }
        return authorities;
    }
}
