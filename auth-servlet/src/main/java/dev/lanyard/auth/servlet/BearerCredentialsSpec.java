package dev.lanyard.auth.servlet;

import dev.lanyard.auth.servlet.internal.HttpSyntax;

import java.util.Objects;
import java.util.Optional;

/**
 * Where a bearer token travels and how a refusal names its realm: the header ({@code Authorization} by
 * default), the scheme before the token ({@code Bearer}) and the realm of {@code WWW-Authenticate}
 * ({@code lanyard}). One value shared by the {@link BearerTokenFilter}, the {@link AdminEndpoint} and
 * the {@link LogoutEndpoint}; their builders' {@code header(..)}, {@code scheme(..)} and
 * {@code realm(..)} fill one of these.
 *
 * <pre>{@code
 * BearerCredentialsSpec simplicite = BearerCredentialsSpec.builder()
 *         .header("X-Simplicite-Authorization")
 *         .realm("simplicite")
 *         .build();
 * Optional<String> token = simplicite.token(request.getHeader(simplicite.header()));
 * }</pre>
 *
 * <p>Immutable; each setting may be made once on a builder and is checked when it is made.
 */
public final class BearerCredentialsSpec {

    private static final BearerCredentialsSpec STANDARD = builder().build();

    private final String header;
    private final String scheme;
    private final String realm;

    private BearerCredentialsSpec(Builder b) {
        this.header = b.header != null ? b.header : "Authorization";
        this.scheme = b.scheme != null ? b.scheme : "Bearer";
        this.realm = b.realm != null ? b.realm : "lanyard";
    }

    /**
     * {@code Authorization: Bearer <token>}, realm {@code lanyard}.
     *
     * @return the standard spec
     */
    public static BearerCredentialsSpec standard() {
        return STANDARD;
    }

    /**
     * Starts a spec with the standard values.
     *
     * @return a builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The header carrying the token.
     *
     * @return an HTTP header name
     */
    public String header() {
        return header;
    }

    /**
     * The scheme before the token, matched case-insensitively.
     *
     * @return an HTTP authentication scheme
     */
    public String scheme() {
        return scheme;
    }

    /**
     * The realm of {@code WWW-Authenticate}.
     *
     * @return printable ASCII without quotes or backslashes
     */
    public String realm() {
        return realm;
    }

    /**
     * The token in a value of {@link #header()}, as {@link BearerCredentials#parse} reads it.
     *
     * @param headerValue the raw header value; null when the header is absent
     * @return the token; empty when the header is absent or of another scheme
     * @throws dev.lanyard.auth.InvalidRequestException when the scheme matches but no well-formed token follows
     */
    public Optional<String> token(String headerValue) {
        return BearerCredentials.parse(headerValue, scheme);
    }

    /**
     * The {@code WWW-Authenticate} value of a 401 without an error code (RFC 6750 section 3).
     *
     * @return {@code Bearer realm="<realm>"}
     */
    public String challenge() {
        return "Bearer realm=\"" + realm + "\"";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BearerCredentialsSpec s && s.header.equalsIgnoreCase(header)
                && s.scheme.equalsIgnoreCase(scheme) && s.realm.equals(realm);
    }

    @Override
    public int hashCode() {
        return Objects.hash(header.toLowerCase(java.util.Locale.ROOT), scheme.toLowerCase(java.util.Locale.ROOT), realm);
    }

    @Override
    public String toString() {
        return header + ": " + scheme + " (realm " + realm + ")";
    }

    /** Builds a {@link BearerCredentialsSpec}; each setting may be made once and is checked at once. */
    public static final class Builder {
        private String header;
        private String scheme;
        private String realm;

        private Builder() {
        }

        /**
         * The header carrying the token; default {@code Authorization}.
         *
         * @param header an HTTP header name
         * @return this builder
         * @throws IllegalArgumentException when it is not a valid header name
         * @throws IllegalStateException    when it was already set
         */
        public Builder header(String header) {
            once(this.header, "header");
            this.header = HttpSyntax.token(header, "header");
            return this;
        }

        /**
         * The scheme before the token; default {@code Bearer}.
         *
         * @param scheme an HTTP authentication scheme
         * @return this builder
         * @throws IllegalArgumentException when it is not a valid HTTP token
         * @throws IllegalStateException    when it was already set
         */
        public Builder scheme(String scheme) {
            once(this.scheme, "scheme");
            this.scheme = HttpSyntax.token(scheme, "scheme");
            return this;
        }

        /**
         * The realm of {@code WWW-Authenticate}; default {@code lanyard}.
         *
         * @param realm the realm: printable ASCII without quotes or backslashes
         * @return this builder
         * @throws IllegalArgumentException when it is empty or not such a string
         * @throws IllegalStateException    when it was already set
         */
        public Builder realm(String realm) {
            once(this.realm, "realm");
            this.realm = HttpSyntax.realm(realm);
            return this;
        }

        /**
         * Builds the spec.
         *
         * @return the immutable spec
         */
        public BearerCredentialsSpec build() {
            return new BearerCredentialsSpec(this);
        }

        private static void once(Object current, String setting) {
            if (current != null) {
                throw new IllegalStateException(setting + " was already set on this builder");
            }
        }
    }
}
