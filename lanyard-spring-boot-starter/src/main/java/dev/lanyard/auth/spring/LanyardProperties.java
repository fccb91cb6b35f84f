package dev.lanyard.auth.spring;

import dev.lanyard.auth.key.SigningAlgorithm;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.core.io.Resource;

/**
 * The {@code lanyard.*} properties of the Spring Boot starter. {@code lanyard.issuer} and
 * {@code lanyard.audience} are required; everything else has the library's defaults.
 *
 * <pre>{@code
 * # application.properties
 * lanyard.issuer=https://auth.example.com
 * lanyard.audience=https://api.example.com
 * lanyard.keys.file=/var/lib/app/keys.jwks.json
 * lanyard.clients-file=classpath:clients.yaml
 * lanyard.filter.protect=/legacy/*
 * }</pre>
 */
@ConfigurationProperties("lanyard")
public class LanyardProperties {

    /**
     * The issuer URL: the tokens' iss and the base of the published metadata. An https URL without query or
     * fragment; plain http only on localhost or a loopback address, unless allow-insecure-issuer is set.
     */
    private String issuer;

    /** The aud of the access tokens: the identifier of the resource servers that accept them. */
    private String audience;

    /** Accept a plain-http issuer on any host. For development only, never in production. */
    private boolean allowInsecureIssuer;

    /** Lifetime of JWT access tokens; at most one hour unless allow-long-access-tokens is set. */
    private Duration accessTokenLifetime = Duration.ofMinutes(15);

    /** Accept access-token lifetimes over one hour. */
    private boolean allowLongAccessTokens;

    /** Absolute lifetime of a refresh-token family, from the login; rotation never extends it. */
    private Duration refreshTokenLifetime = Duration.ofDays(30);

    /** How long a refresh token lives unused (capped at the absolute lifetime). */
    private Duration refreshTokenIdleLifetime = Duration.ofDays(7);

    /** Tolerance of the verifier for exp, nbf and iat; at most 5 minutes. */
    private Duration clockSkew = Duration.ofSeconds(60);

    /**
     * A clients file (YAML or JSON, the modules.yaml or clients format) imported at every start; clients
     * that already exist are kept as they are.
     */
    private Resource clientsFile;

    /** A users file (YAML or JSON) imported at every start; users that already exist are kept as they are. */
    private Resource usersFile;

    private final Keys keys = new Keys();
    private final Jdbc jdbc = new Jdbc();
    private final Endpoints endpoints = new Endpoints();
    private final Filter filter = new Filter();

    /** @return the issuer URL */
    public String getIssuer() {
        return issuer;
    }

    /** @param issuer the issuer URL */
    public void setIssuer(String issuer) {
        this.issuer = issuer;
    }

    /** @return the audience */
    public String getAudience() {
        return audience;
    }

    /** @param audience the audience */
    public void setAudience(String audience) {
        this.audience = audience;
    }

    /** @return whether a plain-http issuer is accepted on any host */
    public boolean isAllowInsecureIssuer() {
        return allowInsecureIssuer;
    }

    /** @param allowInsecureIssuer whether a plain-http issuer is accepted on any host */
    public void setAllowInsecureIssuer(boolean allowInsecureIssuer) {
        this.allowInsecureIssuer = allowInsecureIssuer;
    }

    /** @return the access-token lifetime */
    public Duration getAccessTokenLifetime() {
        return accessTokenLifetime;
    }

    /** @param accessTokenLifetime the access-token lifetime */
    public void setAccessTokenLifetime(Duration accessTokenLifetime) {
        this.accessTokenLifetime = accessTokenLifetime;
    }

    /** @return whether lifetimes over one hour are accepted */
    public boolean isAllowLongAccessTokens() {
        return allowLongAccessTokens;
    }

    /** @param allowLongAccessTokens whether lifetimes over one hour are accepted */
    public void setAllowLongAccessTokens(boolean allowLongAccessTokens) {
        this.allowLongAccessTokens = allowLongAccessTokens;
    }

    /** @return the absolute refresh-family lifetime */
    public Duration getRefreshTokenLifetime() {
        return refreshTokenLifetime;
    }

    /** @param refreshTokenLifetime the absolute refresh-family lifetime */
    public void setRefreshTokenLifetime(Duration refreshTokenLifetime) {
        this.refreshTokenLifetime = refreshTokenLifetime;
    }

    /** @return the refresh-token idle lifetime */
    public Duration getRefreshTokenIdleLifetime() {
        return refreshTokenIdleLifetime;
    }

    /** @param refreshTokenIdleLifetime the refresh-token idle lifetime */
    public void setRefreshTokenIdleLifetime(Duration refreshTokenIdleLifetime) {
        this.refreshTokenIdleLifetime = refreshTokenIdleLifetime;
    }

    /** @return the verifier's clock skew */
    public Duration getClockSkew() {
        return clockSkew;
    }

    /** @param clockSkew the verifier's clock skew */
    public void setClockSkew(Duration clockSkew) {
        this.clockSkew = clockSkew;
    }

    /** @return the clients file, or null */
    public Resource getClientsFile() {
        return clientsFile;
    }

    /** @param clientsFile the clients file imported at start */
    public void setClientsFile(Resource clientsFile) {
        this.clientsFile = clientsFile;
    }

    /** @return the users file, or null */
    public Resource getUsersFile() {
        return usersFile;
    }

    /** @param usersFile the users file imported at start */
    public void setUsersFile(Resource usersFile) {
        this.usersFile = usersFile;
    }

    /** @return the key settings */
    public Keys getKeys() {
        return keys;
    }

    /** @return the JDBC settings */
    public Jdbc getJdbc() {
        return jdbc;
    }

    /** @return the endpoint settings */
    public Endpoints getEndpoints() {
        return endpoints;
    }

    /** @return the Bearer filter settings */
    public Filter getFilter() {
        return filter;
    }

    /** {@code lanyard.keys.*}: the key ring. */
    public static class Keys {

        /**
         * The JWK-set file of the key ring: loaded when it exists, generated and written (owner-only) when not.
         * Without it, keys are generated in memory at every start, and tokens die with the process.
         */
        private Path file;

        /** The algorithm of generated keys. */
        private SigningAlgorithm algorithm = SigningAlgorithm.RS256;

        /** How long a retired key keeps verifying after a rotation; at least the access-token lifetime plus skew. */
        private Duration overlap = Duration.ofHours(1);

        /** @return the key file, or null */
        public Path getFile() {
            return file;
        }

        /** @param file the key file */
        public void setFile(Path file) {
            this.file = file;
        }

        /** @return the algorithm of generated keys */
        public SigningAlgorithm getAlgorithm() {
            return algorithm;
        }

        /** @param algorithm the algorithm of generated keys */
        public void setAlgorithm(SigningAlgorithm algorithm) {
            this.algorithm = algorithm;
        }

        /** @return the overlap of a retired key */
        public Duration getOverlap() {
            return overlap;
        }

        /** @param overlap the overlap of a retired key */
        public void setOverlap(Duration overlap) {
            this.overlap = overlap;
        }
    }

    /** {@code lanyard.jdbc.*}: the stores on the application's DataSource. */
    public static class Jdbc {

        /**
         * Keep the stores on the application's DataSource when there is one; false keeps them in memory (one
         * process only, lost at restart).
         */
        private boolean enabled = true;

        /** Create or upgrade the lanyard_ tables at start. */
        private boolean migrate = true;

        /** @return whether the stores use the DataSource */
        public boolean isEnabled() {
            return enabled;
        }

        /** @param enabled whether the stores use the DataSource */
        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        /** @return whether the schema is migrated at start */
        public boolean isMigrate() {
            return migrate;
        }

        /** @param migrate whether the schema is migrated at start */
        public void setMigrate(boolean migrate) {
            this.migrate = migrate;
        }
    }

    /** {@code lanyard.endpoints.*}: the OAuth 2.0 endpoints of auth-servlet. */
    public static class Endpoints {

        /** Serve the endpoints (token, revoke, introspect, JWKS, RFC 8414 metadata, whoami). */
        private boolean enabled = true;

        /** Path of the token endpoint. */
        private String tokenPath = "/oauth2/token";

        /** Path of the revocation endpoint (RFC 7009). */
        private String revokePath = "/oauth2/revoke";

        /** Path of the introspection endpoint (RFC 7662). */
        private String introspectPath = "/oauth2/introspect";

        /** Path of the public key set. */
        private String jwksPath = "/oauth2/jwks";

        /** Path of the whoami endpoint, behind the Bearer filter. */
        private String whoamiPath = "/api/whoami";

        /** @return whether the endpoints are served */
        public boolean isEnabled() {
            return enabled;
        }

        /** @param enabled whether the endpoints are served */
        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        /** @return the token path */
        public String getTokenPath() {
            return tokenPath;
        }

        /** @param tokenPath the token path */
        public void setTokenPath(String tokenPath) {
            this.tokenPath = tokenPath;
        }

        /** @return the revocation path */
        public String getRevokePath() {
            return revokePath;
        }

        /** @param revokePath the revocation path */
        public void setRevokePath(String revokePath) {
            this.revokePath = revokePath;
        }

        /** @return the introspection path */
        public String getIntrospectPath() {
            return introspectPath;
        }

        /** @param introspectPath the introspection path */
        public void setIntrospectPath(String introspectPath) {
            this.introspectPath = introspectPath;
        }

        /** @return the JWKS path */
        public String getJwksPath() {
            return jwksPath;
        }

        /** @param jwksPath the JWKS path */
        public void setJwksPath(String jwksPath) {
            this.jwksPath = jwksPath;
        }

        /** @return the whoami path */
        public String getWhoamiPath() {
            return whoamiPath;
        }

        /** @param whoamiPath the whoami path */
        public void setWhoamiPath(String whoamiPath) {
            this.whoamiPath = whoamiPath;
        }
    }

    /** {@code lanyard.filter.*}: Lanyard's own Bearer filter (apps on Spring Security use its JwtDecoder instead). */
    public static class Filter {

        /**
         * Servlet URL patterns (/exact, /prefix/*) put behind Lanyard's Bearer filter, beside whoami. Empty by
         * default: an app with Spring Security protects its endpoints in its SecurityFilterChain.
         */
        private List<String> protect = new ArrayList<>();

        /**
         * Scopes required per path pattern behind the filter, as pattern=scope (several scopes space-separated),
         * for example {@code lanyard.filter.required-scopes[/legacy/orders/*]=orders:write}.
         */
        private Map<String, String> requiredScopes = new LinkedHashMap<>();

        /** The header the token is read from. */
        private String header = "Authorization";

        /** The realm of the WWW-Authenticate challenge. */
        private String realm = "lanyard";

        /** @return the protected patterns */
        public List<String> getProtect() {
            return protect;
        }

        /** @param protect the protected patterns */
        public void setProtect(List<String> protect) {
            this.protect = protect;
        }

        /** @return the scopes per pattern */
        public Map<String, String> getRequiredScopes() {
            return requiredScopes;
        }

        /** @param requiredScopes the scopes per pattern */
        public void setRequiredScopes(Map<String, String> requiredScopes) {
            this.requiredScopes = requiredScopes;
        }

        /** @return the header */
        public String getHeader() {
            return header;
        }

        /** @param header the header */
        public void setHeader(String header) {
            this.header = header;
        }

        /** @return the realm */
        public String getRealm() {
            return realm;
        }

        /** @param realm the realm */
        public void setRealm(String realm) {
            this.realm = realm;
        }
    }
}
