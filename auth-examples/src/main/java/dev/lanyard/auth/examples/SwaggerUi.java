package dev.lanyard.auth.examples;

import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletRegistration;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Serves Swagger UI for the OpenAPI 3.1 document of one demo profile, with nothing fetched from
 * outside the server: the page, the Swagger UI assets of the {@code org.webjars:swagger-ui} webjar on
 * the classpath, and the document itself.
 *
 * <pre>{@code
 * ServletContextHandler handler = new ServletContextHandler();
 * SwaggerUi.register(handler.getServletContext(), "sermas", "/api/swagger");
 * // GET /api/swagger (or /api/swagger/)   the page
 * // GET /api/swagger/openapi.yaml         the sermas profile's OpenAPI document
 * // GET /api/swagger/swagger-ui-bundle.js Swagger UI itself, from the webjar
 * }</pre>
 *
 * <p>Only GET and HEAD of those few names are answered; any other path under the prefix (including
 * {@code ..} in any encoding that reaches the servlet) is a 404. Every answer carries
 * {@code X-Content-Type-Options: nosniff} and a Content-Security-Policy that allows scripts, styles
 * and requests to the same origin only ("Try it out" calls this server, as the documents'
 * {@code servers} is {@code /}); the page has no inline script.
 *
 * <p>Register before the context starts, and map the prefix outside any path a bearer-token filter
 * protects: the page is public.
 */
public final class SwaggerUi {

    private static final List<String> PROFILES =
            List.of("standard", "sermas", "nextome", "simacan", "simplicite", "flask");

    private static final String WEBJAR_POM_PROPERTIES = "META-INF/maven/org.webjars/swagger-ui/pom.properties";
    private static final String WEBJAR_ROOT = "META-INF/resources/webjars/swagger-ui/";
    private static final String OWN_ROOT = "dev/lanyard/auth/examples/";

    /** The webjar files the page uses; nothing else of the webjar is served. */
    private static final List<String> WEBJAR_ASSETS =
            List.of("swagger-ui-bundle.js", "swagger-ui.css", "index.css", "favicon-32x32.png", "favicon-16x16.png");

    private static final String INITIALIZER = "swagger-initializer.js";
    private static final String DOCUMENT = "openapi.yaml";

    /** Swagger UI's stylesheet draws its icons as {@code data:} SVG images; nothing else is relaxed. */
    static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data:; connect-src 'self'; font-src 'self'; base-uri 'none'; form-action 'self'; "
            + "frame-ancestors 'none'";

    /** Segments of unreserved characters that do not start with a dot: no ".", "..", "*" or "%". */
    private static final Pattern PATH = Pattern.compile("(/[A-Za-z0-9_~-][A-Za-z0-9._~-]*)+");

    /** Classpath resources read once: a bounded set (the allow-listed assets and six documents). */
    private static final Map<String, byte[]> RESOURCES = new ConcurrentHashMap<>();

    private SwaggerUi() {
    }

    /**
     * Registers a servlet that serves Swagger UI for {@code profile} at {@code path} and below.
     *
     * @param context the servlet context, not yet started
     * @param profile one of {@link #profiles()}
     * @param path    where the page is, such as {@code /api/swagger}: starts with {@code /}, does not end
     *                with one, letters, digits and {@code . _ ~ -} only, no {@code .} or {@code ..} segment
     * @return the servlet's registration, mapped to {@code path} and {@code path/*}
     * @throws IllegalArgumentException for an unknown profile or an unusable path
     * @throws IllegalStateException    when the swagger-ui webjar is not on the classpath, or a Swagger UI
     *                                  is already registered at this path
     */
    public static ServletRegistration.Dynamic register(ServletContext context, String profile, String path) {
        Objects.requireNonNull(context, "context");
        openApiDocument(profile);
        checkPath(path);
        String assetRoot = WEBJAR_ROOT + webjarVersion() + "/";
        String name = "lanyard-swagger-ui:" + path;
        ServletRegistration.Dynamic registration = context.addServlet(name, new Servlet(profile, path, assetRoot));
        if (registration == null) {
            throw new IllegalStateException("a servlet named " + name + " is already registered");
        }
        registration.addMapping(path, path + "/*");
        return registration;
    }

    /** The profiles that have an OpenAPI document, in the order DESIGN.md lists them. */
    public static List<String> profiles() {
        return PROFILES;
    }

    /**
     * The OpenAPI 3.1 document (YAML) of a profile, as served at {@code <path>/openapi.yaml}.
     *
     * @throws IllegalArgumentException for an unknown profile, naming the known ones
     */
    public static String openApiDocument(String profile) {
        Objects.requireNonNull(profile, "profile");
        if (!PROFILES.contains(profile)) {
            throw new IllegalArgumentException(
                    "unknown profile '" + profile + "'; known profiles: " + String.join(", ", PROFILES));
        }
        return new String(resource(documentResource(profile))
                .orElseThrow(() -> new IllegalStateException("missing resource " + documentResource(profile))),
                StandardCharsets.UTF_8);
    }

    /** The webjar's version, from its pom.properties: the one place it is written down. */
    static String webjarVersion() {
        byte[] bytes = resource(WEBJAR_POM_PROPERTIES).orElseThrow(() -> new IllegalStateException(
                "org.webjars:swagger-ui is not on the classpath (no " + WEBJAR_POM_PROPERTIES + ")"));
        Properties properties = new Properties();
        try {
            properties.load(new ByteArrayInputStream(bytes));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String version = properties.getProperty("version", "");
        if (!version.matches("[0-9A-Za-z.+-]+") || resource(WEBJAR_ROOT + version + "/" + WEBJAR_ASSETS.get(0)).isEmpty()) {
            throw new IllegalStateException("the swagger-ui webjar on the classpath has no assets for version '"
                    + version + "'");
        }
        return version;
    }

    private static void checkPath(String path) {
        Objects.requireNonNull(path, "path");
        if (!PATH.matcher(path).matches()) {
            throw new IllegalArgumentException("path must look like /api/swagger (no trailing slash, no wildcard, "
                    + "no . or .. segment): " + path);
        }
    }

    private static String documentResource(String profile) {
        return OWN_ROOT + "openapi/" + profile + ".yaml";
    }

    private static Optional<byte[]> resource(String name) {
        byte[] cached = RESOURCES.get(name);
        if (cached != null) {
            return Optional.of(cached);
        }
        try (InputStream in = SwaggerUi.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                return Optional.empty();
            }
            byte[] bytes = in.readAllBytes();
            RESOURCES.putIfAbsent(name, bytes);
            return Optional.of(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Answers the page, the document, the initializer and the allow-listed webjar assets. */
    private static final class Servlet extends HttpServlet {

        private static final long serialVersionUID = 1L;

        private final String profile;
        private final String path;
        private final String assetRoot;
        /** For conditional GETs: every answer changes at most when the server restarts. */
        private final long lastModified = System.currentTimeMillis() / 1000 * 1000;

        Servlet(String profile, String path, String assetRoot) {
            this.profile = profile;
            this.path = path;
            this.assetRoot = assetRoot;
        }

        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
            response.setHeader("X-Content-Type-Options", "nosniff");
            response.setHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY);
            response.setHeader("Referrer-Policy", "no-referrer");
            response.setHeader("Cache-Control", "no-cache");
            String name = name(request);
            if (name == null) {
                notFound(response);
            } else if (name.isEmpty() || name.equals("index.html")) {
                send(response, "text/html;charset=UTF-8", page(request).getBytes(StandardCharsets.UTF_8));
            } else if (name.equals(DOCUMENT)) {
                send(response, "application/yaml;charset=UTF-8", resource(documentResource(profile)).orElseThrow());
            } else if (name.equals(INITIALIZER)) {
                send(response, "text/javascript;charset=UTF-8", resource(OWN_ROOT + "swagger/" + INITIALIZER).orElseThrow());
            } else if (WEBJAR_ASSETS.contains(name)) {
                send(response, contentType(name), resource(assetRoot + name).orElseThrow());
            } else {
                notFound(response);
            }
        }

        private static void notFound(HttpServletResponse response) throws IOException {
            response.setHeader("Cache-Control", "no-store");
            send(response, 404, "text/plain;charset=UTF-8", "Not found\n".getBytes(StandardCharsets.UTF_8));
        }

        @Override
        protected long getLastModified(HttpServletRequest request) {
            String name = name(request);
            boolean known = name != null && (name.isEmpty() || name.equals("index.html") || name.equals(DOCUMENT)
                    || name.equals(INITIALIZER) || WEBJAR_ASSETS.contains(name));
            return known ? lastModified : -1;
        }

        /** The file name after the prefix: "" for the page, null for anything that is not one plain name. */
        private static String name(HttpServletRequest request) {
            String info = request.getPathInfo();
            if (info == null || info.equals("/")) {
                return "";
            }
            // A name is one segment of safe characters; anything else (a slash, %, \, ..) is not served.
            String name = info.substring(1);
            return name.matches("[A-Za-z0-9][A-Za-z0-9_.-]*") && !name.contains("..") ? name : null;
        }

        private String page(HttpServletRequest request) {
            String base = escape(request.getContextPath() + path);
            String title = escape("Lanyard demo API (" + profile + ") - Swagger UI");
            return "<!DOCTYPE html>\n"
                    + "<html lang=\"en\">\n"
                    + "<head>\n"
                    + "  <meta charset=\"utf-8\">\n"
                    + "  <title>" + title + "</title>\n"
                    + "  <link rel=\"stylesheet\" href=\"" + base + "/swagger-ui.css\">\n"
                    + "  <link rel=\"stylesheet\" href=\"" + base + "/index.css\">\n"
                    + "  <link rel=\"icon\" type=\"image/png\" href=\"" + base + "/favicon-32x32.png\" sizes=\"32x32\">\n"
                    + "  <link rel=\"icon\" type=\"image/png\" href=\"" + base + "/favicon-16x16.png\" sizes=\"16x16\">\n"
                    + "</head>\n"
                    + "<body>\n"
                    + "  <div id=\"swagger-ui\" data-spec-url=\"" + base + "/" + DOCUMENT + "\">\n"
                    + "    <noscript>Swagger UI needs JavaScript. The OpenAPI document is at <a href=\"" + base + "/"
                    + DOCUMENT + "\">" + DOCUMENT + "</a>.</noscript>\n"
                    + "  </div>\n"
                    + "  <script src=\"" + base + "/swagger-ui-bundle.js\"></script>\n"
                    + "  <script src=\"" + base + "/" + INITIALIZER + "\"></script>\n"
                    + "</body>\n"
                    + "</html>\n";
        }

        private static String contentType(String name) {
            if (name.endsWith(".js")) {
                return "text/javascript;charset=UTF-8";
            }
            if (name.endsWith(".css")) {
                return "text/css;charset=UTF-8";
            }
            if (name.endsWith(".png")) {
                return "image/png";
            }
            throw new IllegalStateException("no content type for " + name);
        }

        private static void send(HttpServletResponse response, String contentType, byte[] body) throws IOException {
            send(response, 200, contentType, body);
        }

        private static void send(HttpServletResponse response, int status, String contentType, byte[] body)
                throws IOException {
            response.setStatus(status);
            response.setContentType(contentType);
            response.setContentLength(body.length);
            response.getOutputStream().write(body);
        }

        private static String escape(String text) {
            return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;")
                    .replace("'", "&#39;");
        }
    }
}
