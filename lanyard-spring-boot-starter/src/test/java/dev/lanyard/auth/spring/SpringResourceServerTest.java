package dev.lanyard.auth.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lanyard.auth.spring.rs.SpringResourceServerApp;
import dev.lanyard.auth.spring.sample.SampleApp;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtTypeValidator;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

/**
 * Lanyard tokens verified by Spring Security's own resource server: a running Lanyard (the sample app) and a
 * second Boot app with only Spring's NimbusJwtDecoder on Lanyard's /oauth2/jwks, over real HTTP.
 */
class SpringResourceServerTest {

    private static final String AUDIENCE = "https://api.example";

    private static ConfigurableApplicationContext lanyard;
    private static ConfigurableApplicationContext resourceServer;
    private static String issuer;
    private static String jwks;
    private static int lanyardPort;
    private static int resourceServerPort;

    @BeforeAll
    static void start() {
        lanyard = new SpringApplicationBuilder(SampleApp.class).run("--server.port=0",
                "--lanyard.issuer=http://127.0.0.1", "--lanyard.audience=" + AUDIENCE,
                "--lanyard.clients-file=classpath:clients.yaml",
                "--" + BootClasses.EXCLUDE_DATA_SOURCE);
        lanyardPort = port(lanyard);
        issuer = "http://127.0.0.1";
        jwks = "http://127.0.0.1:" + lanyardPort + "/oauth2/jwks";
        resourceServer = new SpringApplicationBuilder(SpringResourceServerApp.class).run("--server.port=0",
                "--lanyard-issuer=" + issuer, "--lanyard-jwks-uri=" + jwks, "--lanyard-audience=" + AUDIENCE);
        resourceServerPort = port(resourceServer);
    }

    @AfterAll
    static void stop() {
        if (resourceServer != null) {
            resourceServer.close();
        }
        if (lanyard != null) {
            lanyard.close();
        }
    }

    @Test
    void springsOwnResourceServerAcceptsALanyardToken() throws Exception {
        String token = Http.accessToken(lanyardPort, "reports", "reports-secret-123", "orders:read");

        HttpResponse<String> r = Http.get(resourceServerPort, "/orders", token);

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).contains("\"subject\":\"reports\"");
    }

    @Test
    void springsOwnResourceServerRefusesATamperedToken() throws Exception {
        String token = Http.accessToken(lanyardPort, "reports", "reports-secret-123", "orders:read");
        String tampered = token.substring(0, token.lastIndexOf('.') + 1) + "AAAA" + token.substring(token.lastIndexOf('.') + 5);

        HttpResponse<String> r = Http.get(resourceServerPort, "/orders", tampered);

        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(r.headers().firstValue("WWW-Authenticate"))
                .hasValueSatisfying(h -> assertThat(h).contains("error=\"invalid_token\""));
    }

    @Test
    void springsDefaultDecoderRefusesTypAtJwt() throws Exception {
        String token = Http.accessToken(lanyardPort, "reports", "reports-secret-123", "orders:read");
        NimbusJwtDecoder defaults = NimbusJwtDecoder.withJwkSetUri(jwks).build();

        assertThatThrownBy(() -> defaults.decode(token)).isInstanceOf(JwtException.class).hasMessageContaining("typ");
    }

    @Test
    void validateTypeFalsePlusJwtTypeValidatorAlsoAcceptsIt() throws Exception {
        String token = Http.accessToken(lanyardPort, "reports", "reports-secret-123", "orders:read");
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSetUri(jwks).validateType(false).build();
        decoder.setJwtValidator(JwtValidators.createDefaultWithValidators(java.util.List.of(new JwtTypeValidator("at+jwt"))));

        Jwt jwt = decoder.decode(token);

        assertThat(jwt.getSubject()).isEqualTo("reports");
        assertThat(jwt.getAudience()).containsExactly(AUDIENCE);
    }

    @Test
    void rfc9068ValidatorRefusesAnotherAudience() throws Exception {
        String token = Http.accessToken(lanyardPort, "reports", "reports-secret-123", "orders:read");
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSetUri(jwks).build();
        decoder.setJwtValidator(JwtValidators.createAtJwtValidator().issuer(issuer).audience("https://other.example").clientId("reports").build());

        assertThatThrownBy(() -> decoder.decode(token)).isInstanceOf(JwtException.class);
    }

    /** The port Boot published: its WebServerApplicationContext moved package in Boot 4.0, the property did not. */
    private static int port(ConfigurableApplicationContext context) {
        return context.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
    }
}
