package dev.lanyard.auth.examples.profile;

import dev.lanyard.auth.TokenService;
import dev.lanyard.auth.client.Client;
import dev.lanyard.auth.servlet.BearerFilterConfig;
import dev.lanyard.auth.servlet.BearerTokenFilter;
import dev.lanyard.auth.servlet.JwksEndpoint;
import dev.lanyard.auth.servlet.TokenEndpoint;
import dev.lanyard.auth.servlet.TokenEndpointConfig;
import dev.lanyard.auth.servlet.WhoamiEndpoint;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterRegistration;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletRegistration;
import jakarta.servlet.http.HttpServlet;

import java.time.Duration;
import java.util.EnumSet;
import java.util.List;

/** The few registrations every profile repeats. */
final class Wiring {

    /** The JWKS path every profile serves, so that id tokens and access tokens can be checked elsewhere. */
    static final String JWKS = "/oauth2/jwks";

    private Wiring() {
    }

    /** A servlet with async support, so that Lanyard reads request bodies without holding a thread. */
    static void servlet(ServletContext servlets, String path, HttpServlet servlet) {
        ServletRegistration.Dynamic registration = servlets.addServlet(path, servlet);
        registration.setAsyncSupported(true);
        registration.addMapping(path);
    }

    static void token(ServletContext servlets, String path, TokenService tokens, TokenEndpointConfig config) {
        servlet(servlets, path, new TokenEndpoint(tokens, config));
    }

    static void jwks(ServletContext servlets, TokenService tokens) {
        servlet(servlets, JWKS, new JwksEndpoint(tokens, Duration.ofMinutes(5)));
    }

    /** The Bearer filter over {@code paths}, with the token in {@code header}. */
    static void protect(ServletContext servlets, TokenService tokens, String header, String... paths) {
        BearerFilterConfig config = BearerFilterConfig.builder(tokens::verify).header(header).build();
        FilterRegistration.Dynamic filter = servlets.addFilter("bearer:" + String.join(",", paths),
                new BearerTokenFilter(config));
        filter.setAsyncSupported(true); // else the servlets behind it lose theirs
        filter.addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), false, paths);
    }

    /** {@code whoami} behind the Bearer filter. */
    static void whoami(ServletContext servlets, TokenService tokens, String header, String path) {
        protect(servlets, tokens, header, path);
        servlet(servlets, path, new WhoamiEndpoint());
    }

    /** A server-side client for first-party endpoints: the password grant, and refresh tokens when asked. */
    static Client firstParty(String profile, String clientId, boolean refresh) {
        return Client.builder(clientId)
                .name("first-party login of the " + profile + " profile")
                .grants(refresh ? List.of("password", "refresh_token") : List.of("password"))
                .build();
    }
}
