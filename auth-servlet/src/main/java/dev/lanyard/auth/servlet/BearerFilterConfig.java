package dev.lanyard.auth.servlet;

import dev.lanyard.auth.servlet.internal.BearerAuthentication;
import dev.lanyard.auth.servlet.internal.BearerSettings;
import dev.lanyard.auth.servlet.internal.PathPattern;
import dev.lanyard.auth.token.AccessTokenVerifier;
import dev.lanyard.auth.token.TokenVerifier;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * How a {@link BearerTokenFilter} finds, verifies and checks tokens. Built in code, or from
 * {@code web.xml} init parameters (see {@link BearerTokenFilter}).
 *
 * <pre>{@code
 * BearerFilterConfig config = BearerFilterConfig.builder(tokenService::verify)
 *         .header("X-Simplicite-Authorization")       // default Authorization
 *         .optional("/public/*")                     // a token is used when present
 *         .requireScopes("/admin/*", "admin")        // 403 insufficient_scope otherwise
 *         .build();
 * }</pre>
 */
public final class BearerFilterConfig {

    private final TokenVerifier verifier;
    private final BearerCredentialsSpec credentials;
    private final BearerAuthentication bearer;
    private final boolean queryParameter;
    private final List<PathPattern> optional;
    private final List<ScopeRule> scopeRules;

    /** Paths matching {@code pattern} need every one of {@code scopes}. */
    record ScopeRule(PathPattern pattern, Set<String> scopes) {
    }

    private BearerFilterConfig(Builder b) {
        this.verifier = b.verifier;
        this.credentials = b.bearer.build();
        this.bearer = new BearerAuthentication(credentials);
        this.queryParameter = b.queryParameter;
        this.optional = List.copyOf(b.optional);
        this.scopeRules = List.copyOf(b.scopeRules);
    }

    /**
     * @param verifier checks a token and returns it verified, or throws an
     *                 {@link dev.lanyard.auth.token.InvalidTokenException}: an {@link AccessTokenVerifier},
     *                 or {@code tokenService::verify}
     * @return a builder with the defaults: {@code Authorization: Bearer}, realm {@code lanyard}, every path
     *         requiring a token
     */
    public static Builder builder(TokenVerifier verifier) {
        return new Builder(verifier);
    }

    TokenVerifier verifier() {
        return verifier;
    }

    BearerCredentialsSpec credentials() {
        return credentials;
    }

    /** Reading, verifying and refusing tokens with this configuration's header, scheme and realm. */
    BearerAuthentication bearer() {
        return bearer;
    }

    boolean queryParameter() {
        return queryParameter;
    }

    boolean isOptional(String path) {
        return optional.stream().anyMatch(p -> p.matches(path));
    }

    /** The scopes a path needs (the union of every matching rule). */
    Set<String> requiredScopes(String path) {
        Set<String> out = new LinkedHashSet<>();
        for (ScopeRule rule : scopeRules) {
            if (rule.pattern().matches(path)) {
                out.addAll(rule.scopes());
            }
        }
        return out;
    }

    /**
     * Refuses a required-scopes rule that no request through these filter mappings can match: rules are
     * matched against the path inside the context, so with the filter on {@code /api/*} the rule
     * {@code /orders/*} would protect nothing while looking as if it did.
     *
     * @param mappings the filter's URL patterns (servlet patterns of the servlets it is mapped to included)
     * @throws IllegalStateException naming the rule and the pattern to write instead
     */
    void checkRulesReachable(List<PathPattern> mappings) {
        for (ScopeRule rule : scopeRules) {
            if (mappings.stream().noneMatch(m -> m.overlaps(rule.pattern()))) {
                List<String> mapped = mappings.stream().map(PathPattern::pattern).toList();
                String hint = mappings.size() == 1 && mapped.get(0).endsWith("/*") && rule.pattern().pattern().startsWith("/")
                        ? "; did you mean '" + mapped.get(0).substring(0, mapped.get(0).length() - 2)
                                + rule.pattern().pattern() + "'?"
                        : "";
                throw new IllegalStateException("the required-scopes rule '" + rule.pattern().pattern() + "' can never "
                        + "match: the filter is mapped to " + mapped + " and rules are matched against the path inside "
                        + "the context (servlet path plus path info, the filter's mapping included)" + hint);
            }
        }
    }

    /** Builds a {@link BearerFilterConfig}. */
    public static final class Builder {
        private final TokenVerifier verifier;
        private final BearerSettings bearer = new BearerSettings();
        private boolean queryParameter;
        private final List<PathPattern> optional = new ArrayList<>();
        private final List<ScopeRule> scopeRules = new ArrayList<>();

        private Builder(TokenVerifier verifier) {
            this.verifier = Objects.requireNonNull(verifier, "verifier");
        }

        /**
         * The header carrying the token; default {@code Authorization}.
         *
         * @param header an HTTP header name
         * @return this builder
         * @throws IllegalArgumentException when it is not a valid header name
         * @throws IllegalStateException    when it or {@link #credentials} was already set
         */
        public Builder header(String header) {
            bearer.header(header);
            return this;
        }

        /**
         * The scheme before the token; default {@code Bearer}.
         *
         * @param scheme an HTTP authentication scheme
         * @return this builder
         * @throws IllegalArgumentException when it is not a valid HTTP token
         * @throws IllegalStateException    when it or {@link #credentials} was already set
         */
        public Builder scheme(String scheme) {
            bearer.scheme(scheme);
            return this;
        }

        /**
         * The realm of {@code WWW-Authenticate}; default {@code lanyard}.
         *
         * @param realm the realm: printable ASCII without quotes or backslashes
         * @return this builder
         * @throws IllegalArgumentException when it is empty or not such a string
         * @throws IllegalStateException    when it or {@link #credentials} was already set
         */
        public Builder realm(String realm) {
            bearer.realm(realm);
            return this;
        }

        /**
         * Header, scheme and realm at once, for example the spec an admin or logout endpoint shares.
         *
         * @param credentials where the token travels and the realm of refusals
         * @return this builder
         * @throws IllegalStateException when it, {@link #header}, {@link #scheme} or {@link #realm} was already set
         */
        public Builder credentials(BearerCredentialsSpec credentials) {
            bearer.spec(credentials);
            return this;
        }

        /**
         * Also accept the token in an {@code access_token} query parameter (RFC 6750 section 2.3). Off by
         * default: URLs are logged and cached. Successful responses then get {@code Cache-Control: private}.
         *
         * @return this builder
         */
        public Builder allowQueryParameter() {
            this.queryParameter = true;
            return this;
        }

        /**
         * On these paths a token is verified when present, and the request goes on anonymously otherwise.
         *
         * @param pattern a servlet-style pattern: {@code /exact}, {@code /prefix/*}, {@code *.ext} or {@code /*}; may be called again for more
         * @return this builder
         * @throws IllegalArgumentException when the pattern is not of these forms
         */
        public Builder optional(String pattern) {
            optional.add(new PathPattern(pattern));
            return this;
        }

        /**
         * Paths matching {@code pattern} need all of {@code scopes} (a role claim of the same name also counts).
         * The pattern is matched against the path inside the context, the filter's mapping included: with
         * the filter on {@code /api/*}, write {@code /api/orders/*}. A rule no mapping of the filter can
         * reach fails the filter's {@code init}.
         *
         * @param pattern a servlet-style pattern: {@code /exact}, {@code /prefix/*}, {@code *.ext} or {@code /*}
         * @param scopes  one or more scopes, all of which a token must carry
         * @return this builder
         * @throws IllegalArgumentException when no scope is given, a scope is blank or holds spaces, quotes or
         *                                  non-ASCII characters, or the pattern is not of these forms
         */
        public Builder requireScopes(String pattern, String... scopes) {
            if (scopes.length == 0) {
                throw new IllegalArgumentException("requireScopes needs at least one scope");
            }
            for (String scope : scopes) {
                if (scope == null || scope.isBlank() || scope.chars().anyMatch(c -> c <= 0x20 || c > 0x7e || c == '"')) {
                    throw new IllegalArgumentException("'" + scope + "' is not a valid scope for " + pattern);
                }
            }
            scopeRules.add(new ScopeRule(new PathPattern(pattern), Set.of(scopes)));
            return this;
        }

        /**
         * Builds the configuration.
         *
         * @return the immutable configuration for a {@link BearerTokenFilter}
         */
        public BearerFilterConfig build() {
            return new BearerFilterConfig(this);
        }
    }
}
