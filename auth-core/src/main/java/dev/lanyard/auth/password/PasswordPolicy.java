package dev.lanyard.auth.password;

import java.util.Objects;

/**
 * The length rule every password and person-chosen client secret must meet when it is set, whichever
 * way it is set: an admin call, an import file, the CLI, open client registration. Lengths count Unicode
 * code points, so an emoji is one character. Existing hashes are not re-checked: the rule applies when a
 * value is chosen, not when it is used to log in. Immutable and thread-safe.
 *
 * <pre>{@code
 * PasswordPolicy policy = PasswordPolicy.builder().minLength(12).maxLength(128).build();
 * UserAdmin users = new UserAdmin(userStore, hasher, policy, AuthEvents.none(), Clock.systemUTC());
 * ClientAdmin clients = new ClientAdmin(clientStore, hasher, policy, AuthEvents.none(), Clock.systemUTC());
 * policy.check("hunter2".toCharArray(), "the password");   // PasswordPolicyException: at least 12 characters
 * }</pre>
 *
 * <p>The default, {@link #defaults()}, is 8 to 256 characters: 8 is NIST SP 800-63B's minimum for a
 * chosen secret, and 256 leaves room for pass phrases while bounding the work of hashing one.
 */
public final class PasswordPolicy {

    /** The longest maximum a builder accepts; longer values only cost hashing time. */
    static final int MAX_LENGTH_LIMIT = 4096;

    private static final PasswordPolicy DEFAULTS = new PasswordPolicy(8, 256);

    private final int minLength;
    private final int maxLength;

    private PasswordPolicy(int minLength, int maxLength) {
        this.minLength = minLength;
        this.maxLength = maxLength;
    }

    /**
     * 8 to 256 characters.
     *
     * @return the default policy
     */
    public static PasswordPolicy defaults() {
        return DEFAULTS;
    }

    /**
     * Starts a policy that differs from the defaults.
     *
     * @return a builder with 8 to 256 characters
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The fewest characters, counted as code points.
     *
     * @return the minimum length
     */
    public int minLength() {
        return minLength;
    }

    /**
     * The most characters, counted as code points.
     *
     * @return the maximum length
     */
    public int maxLength() {
        return maxLength;
    }

    /**
     * Checks a new password or secret against the policy.
     *
     * @param value the password or secret
     * @param what how the message names the value, e.g. {@code "the password"} or {@code "'client_password'"}
     * @throws PasswordPolicyException when the value is too short or too long; the message never holds it
     */
    public void check(char[] value, String what) {
        Objects.requireNonNull(value, "value");
        check(Character.codePointCount(value, 0, value.length), what);
    }

    /**
     * As {@link #check(char[], String)}.
     *
     * @param value the password or secret
     * @param what  how the message names the value
     * @throws PasswordPolicyException when the value is too short or too long; the message never holds it
     */
    public void check(String value, String what) {
        Objects.requireNonNull(value, "value");
        check(value.codePointCount(0, value.length()), what);
    }

    private void check(int length, String what) {
        Objects.requireNonNull(what, "what");
        if (length < minLength) {
            throw new PasswordPolicyException(what + " must be at least " + minLength + " characters long");
        }
        if (length > maxLength) {
            throw new PasswordPolicyException(what + " must be at most " + maxLength + " characters long");
        }
    }

    @Override
    public String toString() {
        return "PasswordPolicy[" + minLength + " to " + maxLength + " characters]";
    }

    /** Builds a {@link PasswordPolicy}; each value is checked when given, the pair at {@link #build()}. */
    public static final class Builder {
        private int minLength = DEFAULTS.minLength;
        private int maxLength = DEFAULTS.maxLength;

        private Builder() {
        }

        /**
         * The fewest characters; 1 to 4096, default 8.
         *
         * @param length the minimum, in code points
         * @return this builder
         * @throws IllegalArgumentException when it is outside 1 to 4096
         */
        public Builder minLength(int length) {
            this.minLength = range(length, "minLength");
            return this;
        }

        /**
         * The most characters; 1 to 4096, default 256.
         *
         * @param length the maximum, in code points
         * @return this builder
         * @throws IllegalArgumentException when it is outside 1 to 4096
         */
        public Builder maxLength(int length) {
            this.maxLength = range(length, "maxLength");
            return this;
        }

        /**
         * Builds the policy.
         *
         * @return the immutable policy
         * @throws IllegalStateException when the minimum is above the maximum
         */
        public PasswordPolicy build() {
            if (minLength > maxLength) {
                throw new IllegalStateException("minLength (" + minLength + ") is above maxLength (" + maxLength + ")");
            }
            return new PasswordPolicy(minLength, maxLength);
        }

        private static int range(int length, String name) {
            if (length < 1 || length > MAX_LENGTH_LIMIT) {
                throw new IllegalArgumentException(name + " must be between 1 and " + MAX_LENGTH_LIMIT + ", got " + length);
            }
            return length;
        }
    }
}
