package dev.lanyard.auth.internal;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Set;

/** Argument checks shared by the model classes; each message names the field. */
public final class Checks {

    private Checks() {
    }

    /** A non-blank string of at most {@code max} characters, without control characters or outer spaces. */
    public static String name(String value, String field, int max) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(field + " must not be blank");
        }
        if (value.length() > max) {
            throw new IllegalArgumentException(field + " must be at most " + max + " characters, got " + value.length());
        }
        if (!value.strip().equals(value)) {
            throw new IllegalArgumentException(field + " must not start or end with whitespace");
        }
        noControl(value, field);
        return value;
    }

    /** Null, or a string of at most {@code max} characters without control characters. */
    public static String optional(String value, String field, int max) {
        if (value == null) {
            return null;
        }
        if (value.length() > max) {
            throw new IllegalArgumentException(field + " must be at most " + max + " characters, got " + value.length());
        }
        noControl(value, field);
        return value;
    }

    /** An unmodifiable, insertion-ordered copy whose members each pass {@link #name}. */
    public static Set<String> names(Collection<String> values, String field, int max) {
        if (values == null) {
            return Set.of();
        }
        Set<String> out = new LinkedHashSet<>();
        for (String v : values) {
            out.add(name(v, field, max));
        }
        return Collections.unmodifiableSet(out);
    }

    /** An RFC 6749 section 3.3 scope token. */
    public static String scope(String value, String field) {
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException(field + " must not be empty");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x21 || c > 0x7e || c == '"' || c == '\\') {
                throw new IllegalArgumentException(field + " " + Identifiers.quote(value)
                        + " has a character RFC 6749 does not allow in a scope");
            }
        }
        return value;
    }

    /** An unmodifiable, insertion-ordered copy of valid scope tokens. */
    public static Set<String> scopes(Collection<String> values, String field) {
        if (values == null) {
            return Set.of();
        }
        Set<String> out = new LinkedHashSet<>();
        for (String v : values) {
            out.add(scope(v, field));
        }
        return Collections.unmodifiableSet(out);
    }

    private static void noControl(String value, String field) {
        for (int i = 0; i < value.length(); i++) {
            if (Character.isISOControl(value.charAt(i))) {
                throw new IllegalArgumentException(field + " must not contain control characters");
            }
        }
    }
}
