package dev.lanyard.auth.examples.profile;

import dev.lanyard.auth.TokenService;
import dev.lanyard.auth.client.Client;
import jakarta.servlet.ServletContext;

import java.time.Duration;
import java.util.List;

/**
 * One token API reproduced by configuring Lanyard: which settings its token service needs, which
 * server-side clients its first-party endpoints act for, and which endpoints it registers, under which
 * paths. A profile holds no token or grant logic of its own; where an API would need some, the gap is
 * closed in {@code auth-servlet} and the profile only configures it.
 *
 * <pre>{@code
 * final class HelloProfile implements Profile {
 *     public String name() { return "hello"; }
 *     public String summary() { return "RFC 6749 token endpoint at /token"; }
 *     public String whoamiPath() { return "/api/whoami"; }
 *     public void register(ServletContext servlets, ProfileContext ctx) {
 *         servlets.addServlet("token", new TokenEndpoint(ctx.tokens(), TokenEndpointConfig.standard()))
 *                 .addMapping("/token");
 *     }
 *     public List<String> endpoints() { return List.of("POST /token   RFC 6749"); }
 * }
 * }</pre>
 */
public interface Profile {

    /** The name given to {@code serve --profile}. */
    String name();

    /** One line shown by {@code serve --help} and at start. */
    String summary();

    /** The protected {@code whoami} endpoint every profile serves. */
    String whoamiPath();

    /** The access-token lifetime when {@code --access-token-ttl} is not given; default 15 minutes. */
    default Duration defaultAccessTokenLifetime() {
        return Duration.ofMinutes(15);
    }

    /** Token-service settings this API needs beyond the shared ones (issuer, keys, stores, lifetimes). */
    default void configure(TokenService.Builder tokens, ProfileContext ctx) {
    }

    /**
     * Clients the server itself acts for: first-party endpoints that take a username and password and no
     * client credentials. Created with a random secret nobody knows when missing.
     */
    default List<Client> serverClients() {
        return List.of();
    }

    /** Registers the API's servlets and filters. */
    void register(ServletContext servlets, ProfileContext ctx);

    /** Lines describing the endpoints, printed at start. */
    List<String> endpoints();
}
