package dev.lanyard.auth.servlet;

import dev.lanyard.auth.OAuthError;
import dev.lanyard.auth.TokenResponse;
import dev.lanyard.auth.servlet.internal.HttpSyntax;
import dev.lanyard.auth.servlet.internal.HttpException;
import dev.lanyard.auth.servlet.internal.RedirectAllowList;
import dev.lanyard.auth.servlet.internal.Requests;
import dev.lanyard.auth.user.User;
import jakarta.servlet.http.HttpServletRequest;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * How a {@link LoginEndpoint} reads credentials and writes its answer. Every setting is checked when it
 * is made and may be made once; contradictions are refused by {@link Builder#build()}.
 *
 * <p>A session-style login API ({@code GET|POST /api/login}, HTTP Basic or parameters, plain-text
 * token by default, JSON or an OAuth 2 body on request, redirects to known pages):
 * <pre>{@code
 * LoginEndpointConfig config = LoginEndpointConfig.builder("web-login")   // a first-party client with the password grant
 *         .methods("GET", "POST")
 *         .credentials(Channel.BASIC, Channel.QUERY, Channel.FORM)
 *         .outputSwitch("_json", "true", Output.JSON)
 *         .outputSwitch("_output", "json", Output.JSON)
 *         .outputSwitch("_oauth2", "true", Output.OAUTH2)
 *         .outputSwitch("_output", "oauth2", Output.OAUTH2)
 *         .jsonField("authtoken", Attribute.ACCESS_TOKEN)
 *         .jsonField("sessionid", Attribute.SESSION_ID)
 *         .jsonField("login", Attribute.USERNAME)
 *         .jsonField("firstname", Attribute.FIRST_NAME)
 *         .jsonField("lastname", Attribute.LAST_NAME)
 *         .jsonField("lang", Attribute.LANG)
 *         .tokenTypeValue("bearer")
 *         .allowRedirect("http://localhost:9999/callback")
 *         .build();
 * }</pre>
 *
 * <p>Defaults: POST only; credentials by HTTP Basic or a form body; fields {@code username} and
 * {@code password}; plain-text output; no output switches; the JSON fields {@code access_token},
 * {@code expires_in}, {@code session_id}, {@code sub}, {@code username}, {@code email},
 * {@code firstName}, {@code lastName}, {@code lang} when none are configured; {@code token_type}
 * {@code Bearer}; the OAuth 2 output only over HTTPS or from loopback; no redirect targets; realm
 * {@code lanyard}; bodies up to 64 KiB.
 */
public final class LoginEndpointConfig {

    /** Where credentials may come from. */
    public enum Channel {
        /** {@code Authorization: Basic} (RFC 7617: the password is taken as typed, not form-decoded). */
        BASIC,
        /**
         * The query string. Passwords in URLs end up in access logs, proxies and browser history; enable
         * it only for an API whose documentation requires it.
         */
        QUERY,
        /** An {@code application/x-www-form-urlencoded} POST body, or {@code multipart/form-data} ({@code curl --form}). */
        FORM,
        /** An {@code application/json} POST body (an object whose members are the fields). */
        JSON
    }

    /** The shape of a successful answer. */
    public enum Output {
        /** {@code text/plain}: the access token alone. */
        TEXT,
        /** A JSON object of the configured {@link Attribute}s under the configured names. */
        JSON,
        /** An RFC 6749 section 5.1 token response: {@code access_token token_type expires_in scope}. */
        OAUTH2
    }

    /** A value the JSON output can hold. Profile values are null when the user has none. */
    public enum Attribute {
        /** The access token itself. */
        ACCESS_TOKEN,
        /** The access token's {@code jti} (or reference id): names the session, safe to log. */
        SESSION_ID,
        /** Seconds until the access token expires. */
        EXPIRES_IN,
        /** The token's subject: the user's id. */
        USER_ID,
        /** The username as stored (the one typed when the user cannot be read back). */
        USERNAME,
        /** The user's email address. */
        EMAIL,
        /** The user's first name. */
        FIRST_NAME,
        /** The user's last name. */
        LAST_NAME,
        /** The user's language tag. */
        LANG,
        /** The app the user belongs to. */
        APP_ID,
        /** The user's roles, a list. */
        ROLES;

        /** Whether the value comes from the user store rather than the token. */
        boolean fromProfile() {
            return compareTo(USERNAME) >= 0;
        }
    }

    /** A query (or form) parameter value that selects an output. */
    record Switch(String parameter, String value, Output output) {
    }

    private static final Map<String, Attribute> DEFAULT_JSON = defaultJson();
    private static final int MAX_BODY_LIMIT = 1024 * 1024;

    private final String firstPartyClient;
    private final Set<String> methods;
    private final Set<Channel> channels;
    private final String usernameField;
    private final String passwordField;
    private final Output defaultOutput;
    private final List<Switch> switches;
    private final Map<String, Attribute> jsonFields;
    private final String tokenTypeValue;
    private final boolean oauth2NeedsHttps;
    private final String redirectParameter;
    private final RedirectAllowList redirects;
    private final String realm;
    private final int maxBodyBytes;
    private final ErrorWriter errors;

    private LoginEndpointConfig(Builder b) {
        this.firstPartyClient = b.firstPartyClient;
        this.methods = b.methods != null ? b.methods : Set.of("POST");
        this.channels = b.channels != null ? b.channels : Collections.unmodifiableSet(EnumSet.of(Channel.BASIC, Channel.FORM));
        this.usernameField = b.usernameField != null ? b.usernameField : "username";
        this.passwordField = b.passwordField != null ? b.passwordField : "password";
        this.defaultOutput = b.defaultOutput != null ? b.defaultOutput : Output.TEXT;
        this.switches = List.copyOf(b.switches);
        this.jsonFields = Collections.unmodifiableMap(new LinkedHashMap<>(b.jsonFields.isEmpty() ? DEFAULT_JSON
                : b.jsonFields));
        this.tokenTypeValue = b.tokenTypeValue != null ? b.tokenTypeValue : "Bearer";
        this.oauth2NeedsHttps = b.oauth2OverPlainHttp == null;
        this.redirectParameter = b.redirectParameter != null ? b.redirectParameter : "redirect_uri";
        this.redirects = new RedirectAllowList(b.exactRedirects, b.redirectPrefixes);
        this.realm = b.realm != null ? b.realm : "lanyard";
        this.maxBodyBytes = b.maxBodyBytes != null ? b.maxBodyBytes : 64 * 1024;
        this.errors = b.errors != null ? b.errors : ErrorWriter.json(ErrorStatuses.firstPartyLogin());
    }

    /** Refuses settings that contradict each other. */
    private LoginEndpointConfig checked() {
        if (usernameField.equals(passwordField)) {
            throw new IllegalStateException("usernameField and passwordField are both '" + usernameField + "'");
        }
        if (!methods.contains("POST") && (channels.contains(Channel.FORM) || channels.contains(Channel.JSON))) {
            throw new IllegalStateException("credentials(FORM or JSON) need a body: add POST to methods(..)");
        }
        if (redirectParameter.equals(usernameField) || redirectParameter.equals(passwordField)) {
            throw new IllegalStateException("redirectParameter '" + redirectParameter
                    + "' is also the username or password field");
        }
        Set<String> reserved = Set.of(usernameField, passwordField, redirectParameter);
        for (Switch s : switches) {
            if (reserved.contains(s.parameter())) {
                throw new IllegalStateException("the switch parameter '" + s.parameter()
                        + "' is also the username, password or redirect parameter");
            }
        }
        return this;
    }

    /**
     * @param firstPartyClientId the client every login acts for: it must exist, be enabled and allow the
     *                           {@code password} grant; its scopes and lifetimes shape the tokens. Give it only
     *                           the {@code password} grant unless you want refresh families for each login.
     * @return a builder with the defaults: POST, Basic and form credentials, text output
     * @throws IllegalArgumentException when the client id is not printable ASCII without spaces
     */
    public static Builder builder(String firstPartyClientId) {
        return new Builder(firstPartyClientId);
    }

    String firstPartyClient() {
        return firstPartyClient;
    }

    boolean allows(String method) {
        return methods.contains(method);
    }

    String allowHeader() {
        return String.join(", ", methods);
    }

    boolean accepts(Channel channel) {
        return channels.contains(channel);
    }

    String usernameField() {
        return usernameField;
    }

    String passwordField() {
        return passwordField;
    }

    String redirectParameter() {
        return redirectParameter;
    }

    RedirectAllowList redirects() {
        return redirects;
    }

    String realm() {
        return realm;
    }

    ErrorWriter errors() {
        return errors;
    }

    int maxBodyBytes() {
        return maxBodyBytes;
    }

    boolean needsUser() {
        return jsonFields.values().stream().anyMatch(Attribute::fromProfile);
    }

    /**
     * The output the parameters select.
     *
     * @throws HttpException 400 when switches contradict each other or a switch parameter has an unknown value
     */
    Output output(Map<String, String> params) {
        Output selected = null;
        for (Switch s : switches) {
            String value = params.get(s.parameter());
            if (value != null && value.equalsIgnoreCase(s.value())) {
                if (selected != null && selected != s.output()) {
                    throw new HttpException(400, OAuthError.INVALID_REQUEST, "the output switches ask for both "
                            + selected.name().toLowerCase(Locale.ROOT) + " and " + s.output().name().toLowerCase(Locale.ROOT));
                }
                selected = s.output();
            }
        }
        for (Switch s : switches) {
            String value = params.get(s.parameter());
            if (value != null && switches.stream().noneMatch(o -> o.parameter().equals(s.parameter())
                    && o.value().equalsIgnoreCase(value))) {
                Set<String> accepted = new TreeSet<>();
                switches.stream().filter(o -> o.parameter().equals(s.parameter())).forEach(o -> accepted.add(o.value()));
                throw new HttpException(400, OAuthError.INVALID_REQUEST, "the parameter '" + s.parameter()
                        + "' must be one of " + accepted);
            }
        }
        return selected == null ? defaultOutput : selected;
    }

    /**
     * Whether the OAuth 2 output may be sent on this request: always when so configured, otherwise only
     * over HTTPS ({@code isSecure()}, which a reverse proxy sets through the container's forwarded-header
     * support) or from a loopback address.
     */
    boolean oauth2Permitted(HttpServletRequest request) {
        return !oauth2NeedsHttps || Requests.secureOrLoopback(request);
    }

    /** The JSON output; {@code user} is empty when the user vanished between login and lookup. */
    Map<String, Object> json(TokenResponse response, Optional<User> user, String username) {
        Map<String, Object> out = new LinkedHashMap<>();
        jsonFields.forEach((name, attribute) -> out.put(name, value(attribute, response, user, username)));
        return out;
    }

    /** The RFC 6749 body, with {@code scope} always present (null when the token has none). */
    Map<String, Object> oauth2(TokenResponse response) {
        Map<String, Object> out = new LinkedHashMap<>(response.toJson());
        out.put("token_type", tokenTypeValue);
        out.putIfAbsent("scope", null);
        return out;
    }

    private static Object value(Attribute a, TokenResponse r, Optional<User> user, String username) {
        return switch (a) {
            case ACCESS_TOKEN -> r.accessToken();
            case SESSION_ID -> r.accessTokenId();
            case EXPIRES_IN -> r.expiresIn();
            case USER_ID -> r.subject();
            case USERNAME -> user.map(User::username).orElse(username);
            case EMAIL -> user.flatMap(User::email).orElse(null);
            case FIRST_NAME -> user.flatMap(User::firstName).orElse(null);
            case LAST_NAME -> user.flatMap(User::lastName).orElse(null);
            case LANG -> user.flatMap(User::lang).orElse(null);
            case APP_ID -> user.flatMap(User::appId).orElse(null);
            case ROLES -> user.map(u -> List.copyOf(u.roles())).orElse(List.of());
        };
    }

    private static Map<String, Attribute> defaultJson() {
        Map<String, Attribute> m = new LinkedHashMap<>();
        m.put("access_token", Attribute.ACCESS_TOKEN);
        m.put("expires_in", Attribute.EXPIRES_IN);
        m.put("session_id", Attribute.SESSION_ID);
        m.put("sub", Attribute.USER_ID);
        m.put("username", Attribute.USERNAME);
        m.put("email", Attribute.EMAIL);
        m.put("firstName", Attribute.FIRST_NAME);
        m.put("lastName", Attribute.LAST_NAME);
        m.put("lang", Attribute.LANG);
        return Collections.unmodifiableMap(m);
    }

    /** Builds a {@link LoginEndpointConfig}; each setting may be made once and is checked at once. */
    public static final class Builder {
        private final String firstPartyClient;
        private Set<String> methods;
        private Set<Channel> channels;
        private String usernameField;
        private String passwordField;
        private Output defaultOutput;
        private final List<Switch> switches = new ArrayList<>();
        private final Map<String, Attribute> jsonFields = new LinkedHashMap<>();
        private String tokenTypeValue;
        private Boolean oauth2OverPlainHttp;
        private String redirectParameter;
        private final List<String> exactRedirects = new ArrayList<>();
        private final List<String> redirectPrefixes = new ArrayList<>();
        private String realm;
        private Integer maxBodyBytes;
        private ErrorWriter errors;

        private Builder(String firstPartyClient) {
            this.firstPartyClient = name(firstPartyClient, "firstPartyClientId");
        }

        /**
         * The HTTP methods served, {@code GET} and/or {@code POST}; default POST.
         *
         * @param methods {@code GET}, {@code POST} or both
         * @return this builder
         * @throws IllegalArgumentException when none is given or one is neither GET nor POST
         * @throws IllegalStateException    when it was already set
         */
        public Builder methods(String... methods) {
            once(this.methods, "methods");
            if (methods.length == 0) {
                throw new IllegalArgumentException("methods needs GET, POST or both");
            }
            Set<String> out = new LinkedHashSet<>();
            for (String m : methods) {
                if (!"GET".equals(m) && !"POST".equals(m)) {
                    throw new IllegalArgumentException("methods may be GET or POST, got '" + m + "'");
                }
                out.add(m);
            }
            this.methods = Collections.unmodifiableSet(out);
            return this;
        }

        /**
         * Where credentials may come from; default {@link Channel#BASIC} and {@link Channel#FORM}.
         *
         * @param channels one or more channels
         * @return this builder
         * @throws IllegalArgumentException when none is given
         * @throws IllegalStateException    when it was already set
         */
        public Builder credentials(Channel... channels) {
            once(this.channels, "credentials");
            if (channels.length == 0) {
                throw new IllegalArgumentException("credentials needs at least one channel");
            }
            EnumSet<Channel> set = EnumSet.noneOf(Channel.class);
            for (Channel c : channels) {
                set.add(Objects.requireNonNull(c, "channel"));
            }
            this.channels = Collections.unmodifiableSet(set);
            return this;
        }

        /**
         * The username's parameter or JSON member name; default {@code username}.
         *
         * @param name the field name
         * @return this builder
         * @throws IllegalArgumentException when it is not printable ASCII without spaces
         * @throws IllegalStateException    when it was already set
         */
        public Builder usernameField(String name) {
            once(this.usernameField, "usernameField");
            this.usernameField = name(name, "usernameField");
            return this;
        }

        /**
         * The password's parameter or JSON member name; default {@code password}.
         *
         * @param name the field name
         * @return this builder
         * @throws IllegalArgumentException when it is not printable ASCII without spaces
         * @throws IllegalStateException    when it was already set
         */
        public Builder passwordField(String name) {
            once(this.passwordField, "passwordField");
            this.passwordField = name(name, "passwordField");
            return this;
        }

        /**
         * The output when no switch selects one; default {@link Output#TEXT}.
         *
         * @param output the output; not null
         * @return this builder
         * @throws IllegalStateException    when it was already set
         */
        public Builder defaultOutput(Output output) {
            once(this.defaultOutput, "defaultOutput");
            this.defaultOutput = Objects.requireNonNull(output, "output");
            return this;
        }

        /**
         * The query (or form) parameter {@code parameter} with the value {@code value} (compared
         * case-insensitively) selects {@code output}. A switch parameter with a value no switch names is a
         * 400, and so are two switches asking for different outputs.
         *
         * @param parameter the parameter name
         * @param value     the value that selects {@code output}
         * @param output    the output selected
         * @return this builder
         * @throws IllegalArgumentException when a name is not printable ASCII without spaces or this switch is already configured
         */
        public Builder outputSwitch(String parameter, String value, Output output) {
            name(parameter, "parameter");
            name(value, "value");
            Objects.requireNonNull(output, "output");
            for (Switch s : switches) {
                if (s.parameter().equals(parameter) && s.value().equalsIgnoreCase(value)) {
                    throw new IllegalArgumentException("the switch " + parameter + "=" + value + " is already configured");
                }
            }
            switches.add(new Switch(parameter, value, output));
            return this;
        }

        /**
         * Adds a member to the JSON output, in the order given; replaces the default members.
         *
         * @param name      the member name
         * @param attribute what the member holds
         * @return this builder
         * @throws IllegalArgumentException when the name is not printable ASCII without spaces or is already configured
         */
        public Builder jsonField(String name, Attribute attribute) {
            name(name, "name");
            Objects.requireNonNull(attribute, "attribute");
            if (jsonFields.putIfAbsent(name, attribute) != null) {
                throw new IllegalArgumentException("the JSON field '" + name + "' is already configured");
            }
            return this;
        }

        /**
         * The {@code token_type} of the OAuth 2 output; default {@code Bearer}.
         *
         * @param value the value written
         * @return this builder
         * @throws IllegalArgumentException when it is not printable ASCII without spaces
         * @throws IllegalStateException    when it was already set
         */
        public Builder tokenTypeValue(String value) {
            once(this.tokenTypeValue, "tokenTypeValue");
            this.tokenTypeValue = name(value, "tokenTypeValue");
            return this;
        }

        /**
         * Sends the OAuth 2 output over plain HTTP to any address. By default it is refused with 403 unless
         * the request is secure or comes from loopback.
         *
         * @return this builder
         * @throws IllegalStateException when it was already called
         */
        public Builder allowOAuth2OverPlainHttp() {
            once(this.oauth2OverPlainHttp, "allowOAuth2OverPlainHttp");
            this.oauth2OverPlainHttp = Boolean.TRUE;
            return this;
        }

        /**
         * The parameter naming a redirect target; default {@code redirect_uri}.
         *
         * @param name the parameter name
         * @return this builder
         * @throws IllegalArgumentException when it is not printable ASCII without spaces
         * @throws IllegalStateException    when it was already set
         */
        public Builder redirectParameter(String name) {
            once(this.redirectParameter, "redirectParameter");
            this.redirectParameter = name(name, "redirectParameter");
            return this;
        }

        /**
         * Allows a redirect to exactly this absolute http(s) URI (no fragment), which then gets
         * {@code access_token} added to its query. Targets not on the list get 400, never a redirect.
         *
         * @param uri the absolute http(s) URI; may be called again for more
         * @return this builder
         * @throws IllegalArgumentException when it is not an absolute http(s) URI without a fragment
         */
        public Builder allowRedirect(String uri) {
            exactRedirects.add(RedirectAllowList.checkEntry(uri, false));
            return this;
        }

        /**
         * Allows redirects to any URI that starts with this prefix, which must end with a path {@code /}
         * ({@code https://app.example/pages/}); the target must be normalised (no {@code ..}), so it stays
         * under the prefix's path on the prefix's host.
         *
         * @param prefix the absolute http(s) prefix, ending with {@code /}; may be called again for more
         * @return this builder
         * @throws IllegalArgumentException when it is not such a prefix
         */
        public Builder allowRedirectPrefix(String prefix) {
            redirectPrefixes.add(RedirectAllowList.checkEntry(prefix, true));
            return this;
        }

        /**
         * The realm of the {@code WWW-Authenticate: Basic} challenge; default {@code lanyard}.
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
         * The largest body read; default 64 KiB, at most 1 MiB.
         *
         * @param bytes the limit in bytes, 1 to 1 MiB
         * @return this builder
         * @throws IllegalArgumentException when {@code bytes} is outside 1 to 1 MiB
         * @throws IllegalStateException    when it was already set
         */
        public Builder maxBodyBytes(int bytes) {
            once(this.maxBodyBytes, "maxBodyBytes");
            if (bytes < 1 || bytes > MAX_BODY_LIMIT) {
                throw new IllegalArgumentException("maxBodyBytes must be between 1 and " + MAX_BODY_LIMIT + ", got " + bytes);
            }
            this.maxBodyBytes = bytes;
            return this;
        }

        /**
         * How failures are answered; default {@link ErrorWriter#json} over {@link ErrorStatuses#firstPartyLogin()}. To answer one
         * failure differently, pass a writer over that table with the entry replaced.
         *
         * @param errors the error writer
         * @return this builder
         * @throws IllegalStateException    when it was already set
         */
        public Builder errors(ErrorWriter errors) {
            once(this.errors, "errors");
            this.errors = Objects.requireNonNull(errors, "errors");
            return this;
        }

        /**
         * Checks the settings together and builds the configuration.
         *
         * @return the immutable configuration
         * @throws IllegalStateException naming the settings that contradict each other
         */
        public LoginEndpointConfig build() {
            return new LoginEndpointConfig(this).checked();
        }

        private static void once(Object current, String setting) {
            if (current != null) {
                throw new IllegalStateException(setting + " was already set on this builder");
            }
        }

        private static String name(String value, String setting) {
            if (value == null || value.isBlank() || !value.strip().equals(value) || !value.matches("[\\x21-\\x7e]+")) {
                throw new IllegalArgumentException(setting + " must be printable ASCII without spaces, got '" + value + "'");
            }
            return value;
        }
    }
}
