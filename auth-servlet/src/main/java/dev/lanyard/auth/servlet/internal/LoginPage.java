package dev.lanyard.auth.servlet.internal;

import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The HTML of the authorization endpoint: the login form and the error pages. Self-contained (inline
 * CSS, no scripts, no external assets), every reflected value escaped, served with a
 * Content-Security-Policy that allows no script and no framing.
 */
public final class LoginPage {

    private static final Pattern SOURCE =
            Pattern.compile("[a-z][a-z0-9+.-]*:(//([A-Za-z0-9.-]+|\\[[0-9A-Fa-f:.]+\\])(:[0-9]{1,5})?)?");
    private static final Set<String> HOST_SCHEMES = Set.of("http", "https", "ws", "wss");
    private static final Set<String> NEVER_SCHEMES = Set.of("javascript", "data", "vbscript", "blob", "file", "filesystem");

    private static final String STYLE = """
            *{box-sizing:border-box}
            body{margin:0;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1a1a1a;background:#f3f4f6}
            main{max-width:26rem;margin:3rem auto;padding:2rem;background:#fff;border-radius:8px;box-shadow:0 1px 4px rgba(0,0,0,.15)}
            h1{font-size:1.5rem;margin:0 0 1rem}
            label{display:block;font-weight:600;margin-top:1rem}
            input{display:block;width:100%;padding:.6rem;margin-top:.25rem;font:inherit;border:1px solid #6b7280;border-radius:4px}
            input:focus,button:focus{outline:3px solid #1d4ed8;outline-offset:2px}
            .actions{display:flex;gap:.75rem;margin-top:1.5rem}
            button{padding:.6rem 1.2rem;font:inherit;border-radius:4px;border:1px solid #1d4ed8;cursor:pointer}
            .primary{background:#1d4ed8;color:#fff}
            .secondary{background:#fff;color:#1d4ed8}
            .error{color:#991b1b;background:#fef2f2;border:1px solid #991b1b;border-radius:4px;padding:.6rem}
            code{background:#f3f4f6;padding:0 .25rem;border-radius:3px}
            """;

    private LoginPage() {
    }

    /** What the login form shows and carries. */
    public record Form(String action, String clientName, String clientId, Collection<String> scopes,
                       Map<String, String> hidden, String username, String message) {
    }

    /** The login form, with {@code message} (when not null) as an alert tied to the fields. */
    public static String form(Form f) {
        StringBuilder b = head("Sign in to " + f.clientName());
        b.append("<h1>Sign in</h1>\n<p><strong>").append(escape(f.clientName())).append("</strong>");
        if (!f.clientName().equals(f.clientId())) {
            b.append(" (<code>").append(escape(f.clientId())).append("</code>)");
        }
        b.append(" asks to access your account.</p>\n");
        if (!f.scopes().isEmpty()) {
            b.append("<p id=\"scopes-label\">It requests:</p>\n<ul aria-labelledby=\"scopes-label\">\n");
            f.scopes().forEach(s -> b.append("<li><code>").append(escape(s)).append("</code></li>\n"));
            b.append("</ul>\n");
        }
        String invalid = "";
        if (f.message() != null) {
            b.append("<p id=\"login-error\" class=\"error\" role=\"alert\">").append(escape(f.message())).append("</p>\n");
            invalid = " aria-invalid=\"true\" aria-describedby=\"login-error\"";
        }
        b.append("<form method=\"post\" action=\"").append(escape(f.action())).append("\">\n");
        f.hidden().forEach((name, value) -> b.append("<input type=\"hidden\" name=\"").append(escape(name))
                .append("\" value=\"").append(escape(value)).append("\">\n"));
        b.append("<label for=\"username\">Username</label>\n")
                .append("<input id=\"username\" name=\"username\" type=\"text\" autocomplete=\"username\"")
                .append(" autocapitalize=\"none\" spellcheck=\"false\" required")
                .append(f.username() == null ? " autofocus" : " value=\"" + escape(f.username()) + "\"")
                .append(invalid).append(">\n")
                .append("<label for=\"password\">Password</label>\n")
                .append("<input id=\"password\" name=\"password\" type=\"password\" autocomplete=\"current-password\"")
                .append(" required").append(f.username() == null ? "" : " autofocus").append(invalid).append(">\n")
                .append("<div class=\"actions\">\n")
                .append("<button type=\"submit\" class=\"primary\">Sign in</button>\n")
                .append("<button type=\"submit\" class=\"secondary\" name=\"deny\" value=\"1\" formnovalidate>Cancel</button>\n")
                .append("</div>\n</form>\n");
        return tail(b);
    }

    /** A page that explains why the request stops here. */
    public static String error(String title, String message) {
        StringBuilder b = head(title);
        b.append("<h1>").append(escape(title)).append("</h1>\n<p role=\"alert\">").append(escape(message))
                .append("</p>\n");
        return tail(b);
    }

    /**
     * Writes a page with the security headers. {@code formTarget} is the validated redirect URI the
     * form's submission will be redirected to: browsers apply {@code form-action} to that redirect too,
     * so its origin is allowed beside {@code 'self'}; null for a page without a form.
     */
    public static void write(HttpServletResponse response, int status, String html, String formTarget)
            throws IOException {
        String formAction = formTarget == null ? "'none'"
                : "'self'" + source(formTarget).map(s -> " " + s).orElse("");
        securityHeaders(response);
        response.setHeader("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; "
                + "form-action " + formAction + "; frame-ancestors 'none'");
        byte[] bytes = html.getBytes(StandardCharsets.UTF_8);
        response.setStatus(status);
        response.setContentType("text/html;charset=UTF-8");
        response.setContentLength(bytes.length);
        response.getOutputStream().write(bytes);
    }

    /** The headers of every response of the endpoint, redirects included. */
    public static void securityHeaders(HttpServletResponse response) {
        response.setHeader("Cache-Control", "no-store");
        response.setHeader("Pragma", "no-cache");
        response.setHeader("X-Frame-Options", "DENY");
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("Referrer-Policy", "no-referrer");
    }

    /** Escapes text for HTML content and double- or single-quoted attribute values. */
    public static String escape(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c < 0x20 && c != '\n' && c != '\t' ? '\uFFFD' : c);
            }
        }
        return b.toString();
    }

    /**
     * A CSP source for the URI's origin ({@code https://app.example:8443}) or, for a private-use
     * scheme of a native app, the scheme ({@code com.example.app:}); empty when it cannot be expressed
     * safely. A bare {@code https:} would allow every site, so a web scheme without a host gives nothing.
     */
    static Optional<String> source(String uri) {
        URI u;
        try {
            u = new URI(uri);
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
        if (u.getScheme() == null) {
            return Optional.empty();
        }
        String scheme = u.getScheme().toLowerCase(Locale.ROOT);
        if (NEVER_SCHEMES.contains(scheme)) {
            return Optional.empty();
        }
        String source;
        if (u.getHost() != null) {
            source = scheme + "://" + u.getHost() + (u.getPort() >= 0 ? ":" + u.getPort() : "");
        } else if (HOST_SCHEMES.contains(scheme)) {
            return Optional.empty();
        } else {
            source = scheme + ":";
        }
        return SOURCE.matcher(source).matches() ? Optional.of(source) : Optional.empty();
    }

    private static StringBuilder head(String title) {
        return new StringBuilder(4096).append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<meta name=\"referrer\" content=\"no-referrer\">\n")
                .append("<meta name=\"robots\" content=\"noindex\">\n")
                .append("<title>").append(escape(title)).append("</title>\n<style>\n").append(STYLE)
                .append("</style>\n</head>\n<body>\n<main>\n");
    }

    private static String tail(StringBuilder b) {
        return b.append("</main>\n</body>\n</html>\n").toString();
    }
}
