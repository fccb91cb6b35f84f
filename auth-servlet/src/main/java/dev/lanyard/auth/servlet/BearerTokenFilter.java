package dev.lanyard.auth.servlet;

import dev.lanyard.auth.InvalidRequestException;
import dev.lanyard.auth.AuthException;
import dev.lanyard.auth.TokenService;
import dev.lanyard.auth.key.RemoteJwks;
import dev.lanyard.auth.servlet.internal.BearerAuthentication;
import dev.lanyard.auth.servlet.internal.PathPattern;
import dev.lanyard.auth.servlet.internal.Requests;
import dev.lanyard.auth.servlet.internal.Responses;
import dev.lanyard.auth.token.AccessTokenVerifier;
import dev.lanyard.auth.token.TokenVerifier;
import dev.lanyard.auth.token.Scopes;
import dev.lanyard.auth.token.VerifiedToken;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URI;
import java.net.URISyntaxException;
import java.security.Principal;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Lets through only requests that carry a valid access token, answering the others as RFC 6750 says:
 * <ul>
 *   <li>no credentials: 401 with {@code WWW-Authenticate: Bearer realm="..."} and no error code;</li>
 *   <li>a token that fails verification: 401 {@code error="invalid_token"} with a description that
 *       never echoes the token;</li>
 *   <li>a missing scope: 403 {@code error="insufficient_scope"} with the {@code scope} needed;</li>
 *   <li>a malformed header, or a token sent two ways at once: 400 {@code error="invalid_request"}.</li>
 * </ul>
 * A request that passes is wrapped: {@code getUserPrincipal()} is a {@link TokenPrincipal},
 * {@code getRemoteUser()} its name, {@code isUserInRole(r)} is true for a role or scope {@code r}, and
 * the {@link VerifiedToken} is the request attribute {@link #TOKEN_ATTRIBUTE}.
 *
 * <p>In code:
 * <pre>{@code
 * FilterRegistration.Dynamic f = context.addFilter("bearer",
 *         new BearerTokenFilter(BearerFilterConfig.builder(tokenService::verify).build()));
 * f.addMappingForUrlPatterns(null, false, "/api/*");
 * }</pre>
 *
 * <p>In {@code web.xml}, with init parameters (each optional unless said):
 * <ul>
 *   <li>{@code header} (default {@code Authorization}), {@code scheme} ({@code Bearer}), {@code realm};</li>
 *   <li>{@code allow-query-parameter}: {@code true} to accept {@code ?access_token=};</li>
 *   <li>{@code optional-paths}: comma-separated patterns where a token is optional;</li>
 *   <li>{@code required-scopes}: {@code /admin/*=admin;/orders/*=orders:read orders:write}; patterns are
 *       matched against the path inside the context (servlet path plus path info), so with the filter
 *       mapped to {@code /api/*} a rule reads {@code /api/orders/*}; a rule that none of the filter's
 *       mappings can reach fails the filter's start;</li>
 *   <li>either {@code jwks-url} with {@code issuer} and {@code audience} (resource-server mode: verify
 *       against a remote Lanyard's keys), or nothing, and the app puts a {@link TokenService} or an
 *       {@link TokenVerifier} such as an {@link AccessTokenVerifier} into the servlet context attribute {@link #VERIFIER_ATTRIBUTE} (or
 *       the attribute named by {@code verifier-attribute}) before the filter starts.</li>
 * </ul>
 * A wrong parameter fails the filter's start with a message naming it.
 */
public final class BearerTokenFilter implements Filter {

    /** The request attribute holding the {@link VerifiedToken} of an authenticated request. */
    public static final String TOKEN_ATTRIBUTE = "dev.lanyard.auth.VerifiedToken";
    /** The servlet context attribute where a {@code web.xml}-configured filter finds its verifier. */
    public static final String VERIFIER_ATTRIBUTE = "dev.lanyard.auth.TokenVerifier";

    private BearerFilterConfig config;

    /** For {@code web.xml}: configured from init parameters in {@link #init}. */
    public BearerTokenFilter() {
    }

    /**
     * Configured in code.
     *
     * @param config the verifier, header and path rules; init parameters are then not read
     */
    public BearerTokenFilter(BearerFilterConfig config) {
        this.config = config;
    }

    @Override
    public void init(FilterConfig filterConfig) throws ServletException {
        if (config == null) {
            config = fromInitParameters(filterConfig);
        }
        List<PathPattern> mappings = mappings(filterConfig);
        if (!mappings.isEmpty()) {
            try {
                config.checkRulesReachable(mappings);
            } catch (IllegalStateException e) {
                throw new ServletException("BearerTokenFilter '" + filterConfig.getFilterName() + "': " + e.getMessage(), e);
            }
        }
    }

    /**
     * The URL patterns this filter sees requests of: its own, and those of the servlets it is mapped to by
     * name. Empty when the container cannot tell, or a pattern is not one Lanyard reads; then no rule is
     * refused.
     */
    private static List<PathPattern> mappings(FilterConfig fc) {
        try {
            jakarta.servlet.ServletContext context = fc.getServletContext();
            jakarta.servlet.FilterRegistration registration = context.getFilterRegistration(fc.getFilterName());
            if (registration == null) {
                return List.of();
            }
            List<String> patterns = new java.util.ArrayList<>(registration.getUrlPatternMappings());
            for (String servlet : registration.getServletNameMappings()) {
                jakarta.servlet.ServletRegistration s = context.getServletRegistration(servlet);
                if (s == null) {
                    return List.of();
                }
                patterns.addAll(s.getMappings());
            }
            List<PathPattern> out = new java.util.ArrayList<>();
            for (String p : patterns) {
                // "/" is the default servlet's mapping, which sees every path; "" is the context root only
                out.add(new PathPattern(p.equals("/") ? "/*" : p.isEmpty() ? "/" : p));
            }
            return out;
        } catch (RuntimeException e) {
            return List.of();
        }
    }

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain) throws IOException, ServletException {
        HttpServletRequest request = (HttpServletRequest) req;
        HttpServletResponse response = (HttpServletResponse) res;
        String path = path(request);
        BearerAuthentication bearer = config.bearer();
        Optional<String> token;
        boolean fromQuery;
        try {
            Optional<String> header = bearer.token(request);
            Optional<String> query = config.queryParameter() ? queryToken(request) : Optional.empty();
            if (header.isPresent() && query.isPresent()) {
                throw new InvalidRequestException("the token was sent in more than one way");
            }
            token = header.or(() -> query);
            fromQuery = query.isPresent();
        } catch (AuthException e) {
            bearer.malformed(request, response, e);
            return;
        }
        if (token.isEmpty()) {
            if (config.isOptional(path)) {
                chain.doFilter(request, response);
            } else {
                bearer.missing(request, response);
            }
            return;
        }
        Optional<VerifiedToken> checked;
        try {
            checked = bearer.verify(request, response, token.get(), config.verifier());
        } catch (RuntimeException e) {
            // a store outage (503 temporarily_unavailable), or an app's own TokenVerifier failing on a crafted
            // token: a generic answer with a correlation id, never the container's error page with a stack trace
            Responses.serverError(response, e);
            return;
        }
        if (checked.isEmpty()) {
            return;
        }
        VerifiedToken verified = checked.get();
        Set<String> needed = config.requiredScopes(path);
        if (!needed.isEmpty() && !needed.stream().allMatch(s -> grants(verified, s))) {
            bearer.insufficientScope(request, response, "this resource needs the scope " + Scopes.join(needed),
                    Scopes.join(needed));
            return;
        }
        if (fromQuery) {
            response.setHeader("Cache-Control", "private");
        }
        request.setAttribute(TOKEN_ATTRIBUTE, verified);
        chain.doFilter(new Authenticated(request, verified), response);
    }

    private static boolean grants(VerifiedToken token, String scopeOrRole) {
        return token.hasScope(scopeOrRole) || rolesOf(token).contains(scopeOrRole);
    }

    @SuppressWarnings("unchecked")
    private static List<Object> rolesOf(VerifiedToken token) {
        return token.claim("roles").filter(List.class::isInstance).map(r -> (List<Object>) r).orElse(List.of());
    }

    /** From the query string only: reading form parameters would consume the body before the servlet. */
    private static Optional<String> queryToken(HttpServletRequest request) {
        return Optional.ofNullable(Requests.query(request).get("access_token")).filter(v -> !v.isEmpty());
    }

    /**
     * The path the container routes by: decoded and normalised (servlet path plus path info). Never the
     * raw request URI, where {@code /public/../api}, {@code /%6Frders} or {@code /orders;x/1} would
     * slip past the path rules while reaching the very servlet they guard.
     */
    private static String path(HttpServletRequest request) {
        String servletPath = request.getServletPath();
        String pathInfo = request.getPathInfo();
        String path = (servletPath == null ? "" : servletPath) + (pathInfo == null ? "" : pathInfo);
        return path.isEmpty() ? "/" : path;
    }

    private static final Set<String> INIT_PARAMETERS = Set.of("header", "scheme", "realm", "allow-query-parameter",
            "optional-paths", "required-scopes", "jwks-url", "issuer", "audience", "verifier-attribute");

    private static BearerFilterConfig fromInitParameters(FilterConfig fc) throws ServletException {
        try {
            for (String name : java.util.Collections.list(fc.getInitParameterNames())) {
                if (!INIT_PARAMETERS.contains(name)) {
                    throw new IllegalArgumentException("unknown init parameter '" + name + "'; expected one of "
                            + new java.util.TreeSet<>(INIT_PARAMETERS));
                }
            }
            BearerFilterConfig.Builder b = BearerFilterConfig.builder(verifier(fc));
            param(fc, "header").ifPresent(b::header);
            param(fc, "scheme").ifPresent(b::scheme);
            param(fc, "realm").ifPresent(b::realm);
            Optional<String> query = param(fc, "allow-query-parameter");
            if (query.isPresent()) {
                if (!query.get().equals("true") && !query.get().equals("false")) {
                    throw new IllegalArgumentException("allow-query-parameter must be true or false");
                }
                if (query.get().equals("true")) {
                    b.allowQueryParameter();
                }
            }
            param(fc, "optional-paths").ifPresent(v -> {
                for (String p : v.split(",")) {
                    b.optional(p.trim());
                }
            });
            param(fc, "required-scopes").ifPresent(v -> {
                for (String rule : v.split(";")) {
                    int eq = rule.indexOf('=');
                    if (eq < 0) {
                        throw new IllegalArgumentException("required-scopes needs 'pattern=scope ...' rules separated "
                                + "by ';', got '" + rule.trim() + "'");
                    }
                    String scopes = rule.substring(eq + 1).trim();
                    if (scopes.isEmpty()) {
                        throw new IllegalArgumentException("required-scopes rule '" + rule.trim() + "' names no scope");
                    }
                    b.requireScopes(rule.substring(0, eq).trim(), scopes.split("\\s+"));
                }
            });
            return b.build();
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new ServletException("BearerTokenFilter '" + fc.getFilterName() + "': " + e.getMessage(), e);
        }
    }

    private static TokenVerifier verifier(FilterConfig fc) {
        Optional<String> jwks = param(fc, "jwks-url");
        if (jwks.isPresent()) {
            String issuer = param(fc, "issuer").orElseThrow(() -> new IllegalArgumentException(
                    "jwks-url needs the init parameter 'issuer'"));
            String audience = param(fc, "audience").orElseThrow(() -> new IllegalArgumentException(
                    "jwks-url needs the init parameter 'audience'"));
            URI uri;
            try {
                uri = new URI(jwks.get());
            } catch (URISyntaxException e) {
                throw new IllegalArgumentException("jwks-url is not a valid URL: " + e.getMessage(), e);
            }
            // checked here to name the init parameter; web.xml has no development opt-in
            dev.lanyard.auth.internal.SecureUrls.remote(uri, "jwks-url", false, null);
            try {
                return AccessTokenVerifier.builder().issuer(issuer).audience(audience)
                        .keys(RemoteJwks.builder(uri.toURL()).build()).build();
            } catch (MalformedURLException | IllegalArgumentException e) {
                throw new IllegalArgumentException("jwks-url is not a valid URL: " + e.getMessage(), e);
            }
        }
        String name = param(fc, "verifier-attribute").orElse(VERIFIER_ATTRIBUTE);
        Object found = fc.getServletContext().getAttribute(name);
        if (found instanceof TokenService service) {
            return service::verify;
        }
        if (found instanceof TokenVerifier v) {
            return v;
        }
        throw new IllegalArgumentException("no verifier: set the init parameters jwks-url, issuer and audience, or put a "
                + "TokenService or a TokenVerifier (such as an AccessTokenVerifier) into the servlet context attribute '"
                + name + "'");
    }

    private static Optional<String> param(FilterConfig fc, String name) {
        return Optional.ofNullable(fc.getInitParameter(name)).map(String::trim).filter(s -> !s.isEmpty());
    }

    /** The request as seen behind the filter: authenticated by its token. */
    private static final class Authenticated extends HttpServletRequestWrapper {
        private final TokenPrincipal principal;

        Authenticated(HttpServletRequest request, VerifiedToken token) {
            super(request);
            this.principal = new TokenPrincipal(token);
        }

        @Override
        public Principal getUserPrincipal() {
            return principal;
        }

        @Override
        public String getRemoteUser() {
            return principal.getName();
        }

        @Override
        public boolean isUserInRole(String role) {
            return role != null && grants(principal.token(), role);
        }

        @Override
        public String getAuthType() {
            return "Bearer";
        }
    }
}
