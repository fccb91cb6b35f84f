package dev.lanyard.auth.servlet.internal;

/** A servlet-style URL pattern: {@code /exact}, {@code /prefix/*}, {@code *.ext} or {@code /*}. */
public record PathPattern(String pattern) {

    public PathPattern {
        if (pattern == null || !(pattern.startsWith("/") || pattern.startsWith("*."))) {
            throw new IllegalArgumentException("a path pattern starts with '/' or '*.', got '" + pattern + "'");
        }
        if (pattern.indexOf('*') >= 0 && !pattern.endsWith("/*") && !pattern.startsWith("*.")) {
            throw new IllegalArgumentException("'*' may only end a pattern ('/api/*') or start it ('*.json'): '"
                    + pattern + "'");
        }
    }

    public boolean matches(String path) {
        if (pattern.equals("/*")) {
            return true;
        }
        if (pattern.endsWith("/*")) {
            String prefix = pattern.substring(0, pattern.length() - 2);
            return path.equals(prefix) || path.startsWith(prefix + "/");
        }
        if (pattern.startsWith("*.")) {
            return path.endsWith(pattern.substring(1));
        }
        return path.equals(pattern);
    }

    /**
     * Whether some path matches both this pattern and {@code other}: a rule whose pattern overlaps none
     * of a filter's mappings can never apply to a request the filter sees.
     */
    public boolean overlaps(PathPattern other) {
        if (isPrefix() && other.isPrefix()) {
            return matches(other.prefix()) || other.matches(prefix());
        }
        if (isPrefix() || other.isPrefix()) {
            PathPattern prefix = isPrefix() ? this : other;
            PathPattern rest = isPrefix() ? other : this;
            // /api/* holds /api/x.json for any extension, and an exact path when it matches it
            return rest.isExtension() || prefix.matches(rest.pattern());
        }
        if (isExtension() && other.isExtension()) {
            return pattern.substring(1).endsWith(other.pattern.substring(1))
                    || other.pattern.substring(1).endsWith(pattern.substring(1));
        }
        if (isExtension() || other.isExtension()) {
            PathPattern extension = isExtension() ? this : other;
            return extension.matches(isExtension() ? other.pattern() : pattern);
        }
        return pattern.equals(other.pattern);
    }

    private boolean isPrefix() {
        return pattern.endsWith("/*");
    }

    private boolean isExtension() {
        return pattern.startsWith("*.");
    }

    /** {@code /api} of {@code /api/*}, and {@code ""} of {@code /*}. */
    private String prefix() {
        return pattern.substring(0, pattern.length() - 2);
    }
}
