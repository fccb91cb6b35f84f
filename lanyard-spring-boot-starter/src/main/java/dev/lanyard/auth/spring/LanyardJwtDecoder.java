package dev.lanyard.auth.spring;

import dev.lanyard.auth.AuthException;
import dev.lanyard.auth.token.InvalidTokenException;
import dev.lanyard.auth.token.TokenVerifier;
import dev.lanyard.auth.token.VerifiedToken;
import java.time.Instant;
import java.util.Objects;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;

/**
 * A Spring Security {@link JwtDecoder} over Lanyard's {@link TokenVerifier}: every check is Lanyard's (RFC 9068
 * {@code typ}, algorithm tied to the key, issuer, audience, times, revocation), so an app protects its own
 * endpoints with {@code oauth2ResourceServer(rs -> rs.jwt(..))} and gets the same answers as the Bearer filter.
 * A token Lanyard refuses becomes a {@link BadJwtException}, which Spring Security answers with 401 and
 * {@code WWW-Authenticate: Bearer error="invalid_token"}.
 *
 * <pre>{@code
 * @Bean
 * SecurityFilterChain api(HttpSecurity http, JwtDecoder lanyardJwtDecoder) throws Exception {
 *     return http.authorizeHttpRequests(a -> a.anyRequest().authenticated())
 *             .oauth2ResourceServer(rs -> rs.jwt(jwt -> jwt.decoder(lanyardJwtDecoder)))
 *             .build();
 * }
 * }</pre>
 */
public final class LanyardJwtDecoder implements JwtDecoder {

    private final TokenVerifier verifier;

    /**
     * A decoder verifying through this verifier.
     *
     * @param verifier the verifier, such as {@code tokenService::verify} or an {@code AccessTokenVerifier}
     */
    public LanyardJwtDecoder(TokenVerifier verifier) {
        this.verifier = Objects.requireNonNull(verifier, "verifier");
    }

    /**
     * Verifies the token and exposes its claims as a {@link Jwt}.
     *
     * @param token the bearer token as sent
     * @return the token with its claims; {@code iat}, {@code exp} and {@code nbf} as {@link Instant}s
     * @throws BadJwtException when Lanyard refuses the token (its message never holds the token)
     * @throws JwtException    when the token cannot be checked now (a store is unavailable)
     */
    @Override
    public Jwt decode(String token) {
        VerifiedToken verified;
        try {
            verified = verifier.verify(token);
        } catch (InvalidTokenException e) {
            throw new BadJwtException(e.getMessage(), e);
        } catch (AuthException e) {
            throw new JwtException(e.getMessage(), e);
        }
        Jwt.Builder jwt = Jwt.withTokenValue(token)
                .claims(claims -> {
                    claims.putAll(verified.claims());
                    Object nbf = claims.get("nbf");
                    if (nbf instanceof Number seconds) {
                        claims.put("nbf", Instant.ofEpochSecond(seconds.longValue()));
                    }
                })
                .subject(verified.subject())
                .issuedAt(verified.issuedAt())
                .expiresAt(verified.expiresAt());
        if (verified.kid() != null) {
            jwt.header("kid", verified.kid()).header("typ", "at+jwt");
        } else {
            // an opaque reference token has no JOSE header; Jwt needs one member
            jwt.header("typ", "reference");
        }
        return jwt.build();
    }
}
