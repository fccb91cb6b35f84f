package dev.lanyard.auth.servlet.internal;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A context-relative path with named segments, such as {@code /platform/app/{appId}/client}: each
 * {@code {name}} matches exactly one non-empty segment, everything else matches literally.
 */
public final class RouteTemplate {

    private final String template;
    private final List<String> segments;
    private final Set<String> variables;

    private RouteTemplate(String template, List<String> segments, Set<String> variables) {
        this.template = template;
        this.segments = segments;
        this.variables = variables;
    }

    /**
     * @param allowed the variable names this route may use
     * @throws IllegalArgumentException naming what is wrong with the template
     */
    public static RouteTemplate parse(String template, Set<String> allowed) {
        if (template == null || !template.startsWith("/") || template.length() < 2 || template.endsWith("/")) {
            throw new IllegalArgumentException("a route starts with '/' and does not end with one, got '" + template + "'");
        }
        List<String> segments = List.of(template.substring(1).split("/", -1));
        Set<String> variables = new LinkedHashSet<>();
        for (String s : segments) {
            if (s.isEmpty()) {
                throw new IllegalArgumentException("route '" + template + "' has an empty segment");
            }
            if (isVariable(s)) {
                String name = s.substring(1, s.length() - 1);
                if (!allowed.contains(name)) {
                    throw new IllegalArgumentException("route '" + template + "' may only use the variables " + allowed
                            + ", not {" + name + "}");
                }
                if (!variables.add(name)) {
                    throw new IllegalArgumentException("route '" + template + "' uses {" + name + "} twice");
                }
            } else if (s.indexOf('{') >= 0 || s.indexOf('}') >= 0 || s.indexOf('*') >= 0) {
                throw new IllegalArgumentException("route '" + template + "': a variable is a whole segment, like "
                        + "'/{appId}/', and '*' is not allowed");
            }
        }
        return new RouteTemplate(template, segments, Collections.unmodifiableSet(variables));
    }

    /** The variables of a matching path, or empty when it does not match. */
    public Optional<Map<String, String>> match(String path) {
        if (path == null || !path.startsWith("/")) {
            return Optional.empty();
        }
        String[] parts = path.substring(1).split("/", -1);
        if (parts.length != segments.size()) {
            return Optional.empty();
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (int i = 0; i < parts.length; i++) {
            String s = segments.get(i);
            if (isVariable(s)) {
                if (parts[i].isEmpty()) {
                    return Optional.empty();
                }
                values.put(s.substring(1, s.length() - 1), parts[i]);
            } else if (!s.equals(parts[i])) {
                return Optional.empty();
            }
        }
        return Optional.of(values);
    }

    /** Whether some path matches both templates. */
    public boolean overlaps(RouteTemplate other) {
        if (segments.size() != other.segments.size()) {
            return false;
        }
        for (int i = 0; i < segments.size(); i++) {
            String a = segments.get(i);
            String b = other.segments.get(i);
            if (!isVariable(a) && !isVariable(b) && !a.equals(b)) {
                return false;
            }
        }
        return true;
    }

    /** The servlet URL pattern that covers this route: the path itself, or its literal prefix and {@code /*}. */
    public String urlPattern() {
        if (variables.isEmpty()) {
            return template;
        }
        List<String> prefix = new ArrayList<>();
        for (String s : segments) {
            if (isVariable(s)) {
                break;
            }
            prefix.add(s);
        }
        return prefix.isEmpty() ? "/*" : "/" + String.join("/", prefix) + "/*";
    }

    public Set<String> variables() {
        return variables;
    }

    public boolean has(String variable) {
        return variables.contains(variable);
    }

    @Override
    public String toString() {
        return template;
    }

    private static boolean isVariable(String segment) {
        return segment.length() > 2 && segment.startsWith("{") && segment.endsWith("}");
    }
}
