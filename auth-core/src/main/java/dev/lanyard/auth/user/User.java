package dev.lanyard.auth.user;

import dev.lanyard.auth.internal.Checks;
import dev.lanyard.auth.internal.Identifiers;
import rocks.xmpp.precis.InvalidCodePointException;
import rocks.xmpp.precis.InvalidDirectionalityException;
import rocks.xmpp.precis.PrecisProfiles;

import java.util.Collection;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * A person who logs in with a username and password. Immutable; change one with {@link #toBuilder()}.
 *
 * <p>Usernames follow RFC 8265's <b>UsernameCaseMapped</b> profile (PRECIS): they are unique
 * case-insensitively ({@code Alice} and {@code alice} are the same account), compared after the
 * profile's width mapping, lower-casing and NFC (see {@link #usernameKey}), and a username the profile
 * disallows (a space, a control or invisible character such as U+200B, a symbol, a compatibility
 * character) is refused with an {@link InvalidUsernameException}. The username is kept as it was
 * given, for display.
 *
 * <pre>{@code
 * User alice = User.builder("alice")
 *         .passwordHash(hasher.hash("wonderland".toCharArray()))
 *         .roles(Set.of("user"))
 *         .email("alice@example.com")
 *         .build();
 * User disabled = alice.toBuilder().enabled(false).build();
 * }</pre>
 */
public final class User {

    private final String id;
    private final String username;
    private final String passwordHash;
    private final boolean enabled;
    private final Set<String> roles;
    private final Set<String> scopes;
    private final String email;
    private final String firstName;
    private final String lastName;
    private final String lang;
    private final String appId;

    private User(Builder b) {
        this.id = Checks.name(b.id, "user id", 64);
        this.username = Checks.name(b.username, "username", 128);
        usernameKey(username); // refuses what RFC 8265 disallows
        this.passwordHash = Checks.optional(b.passwordHash, "password hash", 512);
        this.enabled = b.enabled;
        this.roles = Checks.names(b.roles, "role", 64);
        this.scopes = Checks.scopes(b.scopes, "scope");
        this.email = Checks.optional(b.email, "email", 254);
        this.firstName = Checks.optional(b.firstName, "firstName", 128);
        this.lastName = Checks.optional(b.lastName, "lastName", 128);
        this.lang = Checks.optional(b.lang, "lang", 16);
        this.appId = Checks.optional(b.appId, "appId", 128);
    }

    /**
     * A new user with a random id, enabled, without password, roles or scopes.
     *
     * @param username the login name; checked by {@link Builder#build()}
     * @return a builder
     */
    public static Builder builder(String username) {
        return new Builder(UUID.randomUUID().toString(), username);
    }

    /**
     * The key under which usernames are unique: the username enforced by RFC 8265's
     * UsernameCaseMapped profile (full-width to half-width, lower case, NFC, then the IdentifierClass
     * and bidi rules). Every store and the login throttle compare usernames by this key.
     *
     * <pre>{@code
     * User.usernameKey("Alice");      // "alice"
     * User.usernameKey("ＡＬＩＣＥ");   // "alice" (full-width letters)
     * User.usernameKey("ALİCE");      // "ali" + U+0307 + "ce": İ lower-cases to i and a combining dot, not "alice"
     * User.usernameKey("alıce");      // "alıce": dotless ı is a letter of its own
     * User.usernameKey("root" + zeroWidthSpace); // InvalidUsernameException (U+200B)
     * }</pre>
     *
     * @param username the username as typed or stored
     * @return the comparison key
     * @throws InvalidUsernameException when the profile disallows the username; the message names
     *                                  the code point, never the username
     */
    public static String usernameKey(String username) {
        Objects.requireNonNull(username, "username");
        if (!Identifiers.isClean(username)) {
            throw new InvalidUsernameException("username must not contain control or invisible characters");
        }
        try {
            return PrecisProfiles.USERNAME_CASE_MAPPED.enforce(username);
        } catch (IllegalArgumentException e) {
            throw new InvalidUsernameException("username is not allowed by RFC 8265 (PRECIS UsernameCaseMapped): "
                    + reason(e));
        }
    }

    /** The library's reason, which names positions and code points only (never the string). */
    private static String reason(IllegalArgumentException e) {
        String m = e.getMessage() == null ? "" : e.getMessage();
        if (e instanceof InvalidCodePointException) {
            int hex = m.lastIndexOf("0x");
            if (hex >= 0) {
                int cp = Integer.parseInt(m.substring(hex + 2).trim(), 16);
                return "it may not contain U+" + String.format("%04X", cp) + " ("
                        + (Character.isWhitespace(cp) || Character.isSpaceChar(cp) ? "a space"
                        : Character.getName(cp) == null ? "an unassigned code point"
                        : Character.getName(cp).toLowerCase(Locale.ROOT)) + ")";
            }
        }
        if (e instanceof InvalidDirectionalityException) {
            return "it mixes right-to-left and left-to-right characters against the bidi rule (RFC 5893)";
        }
        return Identifiers.isClean(m) && m.length() < 200 ? m : "it is not a valid username";
    }

    /**
     * A builder holding this user's values, id included, to change some of them.
     *
     * @return a new builder; this user is unchanged
     */
    public Builder toBuilder() {
        Builder b = new Builder(id, username);
        b.passwordHash = passwordHash;
        b.enabled = enabled;
        b.roles = roles;
        b.scopes = scopes;
        b.email = email;
        b.firstName = firstName;
        b.lastName = lastName;
        b.lang = lang;
        b.appId = appId;
        return b;
    }

    /**
     * A stable id, used as the {@code sub} of the user's tokens.
     *
     * @return the id, never blank
     */
    public String id() {
        return id;
    }

    /**
     * The login name, as stored; compare names with {@link #usernameKey}.
     *
     * @return the username
     */
    public String username() {
        return username;
    }

    /**
     * The PHC-format password hash; empty for a user who cannot log in with a password.
     *
     * @return the hash
     */
    public Optional<String> passwordHash() {
        return Optional.ofNullable(passwordHash);
    }

    /**
     * Whether the user may log in; a disabled one is refused like a wrong password.
     *
     * @return true when enabled
     */
    public boolean enabled() {
        return enabled;
    }

    /**
     * The user's roles, written to the {@code roles} claim of its tokens.
     *
     * @return an unmodifiable set; empty for none
     */
    public Set<String> roles() {
        return roles;
    }

    /**
     * Whether the user holds this role.
     *
     * @param role the role name, compared exactly
     * @return true when it is among {@link #roles()}
     */
    public boolean hasRole(String role) {
        return roles.contains(role);
    }

    /**
     * The scopes this user may be granted; empty means no restriction beyond the client's.
     *
     * @return an unmodifiable set
     */
    public Set<String> scopes() {
        return scopes;
    }

    /**
     * The user's email address.
     *
     * @return the address; empty when none is stored
     */
    public Optional<String> email() {
        return Optional.ofNullable(email);
    }

    /**
     * The user's first name.
     *
     * @return the name; empty when none is stored
     */
    public Optional<String> firstName() {
        return Optional.ofNullable(firstName);
    }

    /**
     * The user's last name.
     *
     * @return the name; empty when none is stored
     */
    public Optional<String> lastName() {
        return Optional.ofNullable(lastName);
    }

    /**
     * The user's language tag.
     *
     * @return the tag; empty when none is stored
     */
    public Optional<String> lang() {
        return Optional.ofNullable(lang);
    }

    /**
     * The app the user belongs to, for tenant-scoped administration.
     *
     * @return the app id; empty for a user of no app
     */
    public Optional<String> appId() {
        return Optional.ofNullable(appId);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof User u && enabled == u.enabled && id.equals(u.id) && username.equals(u.username)
                && Objects.equals(passwordHash, u.passwordHash) && roles.equals(u.roles) && scopes.equals(u.scopes)
                && Objects.equals(email, u.email) && Objects.equals(firstName, u.firstName)
                && Objects.equals(lastName, u.lastName) && Objects.equals(lang, u.lang) && Objects.equals(appId, u.appId);
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, username);
    }

    @Override
    public String toString() {
        return "User[id=" + id + ", username=" + username + ", enabled=" + enabled + ", roles=" + roles + "]";
    }

    /** Builds a {@link User}; every value is checked by {@link #build()}. */
    public static final class Builder {
        private final String id;
        private final String username;
        private String passwordHash;
        private boolean enabled = true;
        private Collection<String> roles = Set.of();
        private Collection<String> scopes = Set.of();
        private String email;
        private String firstName;
        private String lastName;
        private String lang;
        private String appId;

        private Builder(String id, String username) {
            this.id = id;
            this.username = username;
        }

        /**
         * A builder for a user with a given id (stores that load existing rows use this).
         *
         * @param id       the stored id
         * @param username the stored username
         * @return a builder
         */
        public static Builder withId(String id, String username) {
            return new Builder(id, username);
        }

        /**
         * The password hash, as a {@link dev.lanyard.auth.password.PasswordHasher} wrote it.
         *
         * @param hash a PHC-format hash; null for a user without password
         * @return this builder
         */
        public Builder passwordHash(String hash) {
            this.passwordHash = hash;
            return this;
        }

        /**
         * Whether the user may log in; default true.
         *
         * @param enabled false to refuse every login
         * @return this builder
         */
        public Builder enabled(boolean enabled) {
            this.enabled = enabled;
            return this;
        }

        /**
         * The user's roles; default none.
         *
         * @param roles role names of at most 64 characters
         * @return this builder
         */
        public Builder roles(Collection<String> roles) {
            this.roles = roles;
            return this;
        }

        /**
         * The scopes this user may be granted; default none, meaning no restriction beyond the client's.
         *
         * @param scopes valid scope tokens
         * @return this builder
         */
        public Builder scopes(Collection<String> scopes) {
            this.scopes = scopes;
            return this;
        }

        /**
         * The user's email address; not checked for form.
         *
         * @param email at most 254 characters; null for none
         * @return this builder
         */
        public Builder email(String email) {
            this.email = email;
            return this;
        }

        /**
         * The user's first name.
         *
         * @param firstName at most 128 characters; null for none
         * @return this builder
         */
        public Builder firstName(String firstName) {
            this.firstName = firstName;
            return this;
        }

        /**
         * The user's last name.
         *
         * @param lastName at most 128 characters; null for none
         * @return this builder
         */
        public Builder lastName(String lastName) {
            this.lastName = lastName;
            return this;
        }

        /**
         * The user's language tag, such as {@code en}.
         *
         * @param lang at most 16 characters; null for none
         * @return this builder
         */
        public Builder lang(String lang) {
            this.lang = lang;
            return this;
        }

        /**
         * The app the user belongs to.
         *
         * @param appId at most 128 characters; null for a user of no app
         * @return this builder
         */
        public Builder appId(String appId) {
            this.appId = appId;
            return this;
        }

        /**
         * Checks every value and builds the user.
         *
         * @return the immutable user
         * @throws IllegalArgumentException naming the first invalid field ({@link InvalidUsernameException}
         *                                  for a username RFC 8265 disallows)
         */
        public User build() {
            return new User(this);
        }
    }
}
