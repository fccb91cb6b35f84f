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
}
