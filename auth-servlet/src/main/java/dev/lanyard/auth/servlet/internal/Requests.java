package dev.lanyard.auth.servlet.internal;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lanyard.auth.OAuthError;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Reads request bodies strictly: a size limit (413), the expected content type (415), well-formed
 * form or JSON (400), no parameter given twice (400 invalid_request). The servlet container's own
 * parameter parsing is never used for bodies: it would silently merge duplicates and ignore limits.
 */
public final class Requests {

    public static final String FORM = "application/x-www-form-urlencoded";
    public static final String JSON = "application/json";
    public static final String MULTIPART = Multipart.TYPE;

    static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    private Requests() {
    }

    /** The most of an unread body {@link #discardUnread} reads to keep the connection open. */
    static final int DISCARD_LIMIT = 64 * 1024;

    /**
     * Before an early answer (an error, say, before the body was read): reads and drops what is left of a
     * small request body, so that the connection stays usable for the client's next request. A larger
     * rest is left unread and the answer says {@code Connection: close}: reading it would let anyone keep
     * a thread busy, and a container that finds unread content may close the connection without saying
     * so, failing the client's next request on it.
     */
    public static void discardUnread(HttpServletRequest request, HttpServletResponse response) {
        if (response.isCommitted()) {
            return;
        }
        if (request.getAttribute(BodyReader.ABANDONED) != null) {
            response.setHeader("Connection", "close");
            return;
        }
        if (request.getAttribute(BodyReader.BODY) != null) {
            return;
        }
        boolean chunked = "chunked".equalsIgnoreCase(request.getHeader("Transfer-Encoding"));
        long declared = request.getContentLengthLong();
        if (!chunked && declared <= 0) {
            return;
        }
        if (declared > DISCARD_LIMIT) {
            response.setHeader("Connection", "close");
            return;
        }
        try {
            ServletInputStream in = request.getInputStream();
            if (in.isFinished()) {
                return;
            }
            byte[] buffer = new byte[8192];
            long read = 0;
            for (int n; read <= DISCARD_LIMIT && (n = in.read(buffer)) != -1; ) {
                read += n;
            }
            if (read > DISCARD_LIMIT) {
                response.setHeader("Connection", "close");
            }
        } catch (IOException | IllegalStateException e) {
            // the body was read as characters, or the stream broke: the connection cannot be trusted
            response.setHeader("Connection", "close");
        }
    }

    /**
     * The refusal of a body that is not form-encoded at an RFC 6749-style endpoint: a JSON body is a
     * request the endpoint cannot read, 400 {@code invalid_request} (RFC 6749 section 5.2); any other
     * type a 415.
     */
    public static HttpException notForm(HttpServletRequest request, String accepted) {
        return mediaType(request).equals(JSON)
                ? new HttpException(400, OAuthError.INVALID_REQUEST, "the body must be " + accepted + ", not JSON")
                : new HttpException(415, OAuthError.INVALID_REQUEST, "the body must be " + accepted);
    }

    /** The media type of the request, lower-cased, without parameters; empty when absent. */
    public static String mediaType(HttpServletRequest request) {
        String type = request.getContentType();
        if (type == null) {
            return "";
        }
        int semi = type.indexOf(';');
        return (semi < 0 ? type : type.substring(0, semi)).trim().toLowerCase(Locale.ROOT);
    }

    /**
     * The body, at most {@code limit} bytes, as UTF-8: the one {@link BodyReader} collected, or else read
     * here, blocking, with the request's deadline checked after every read (408 once it has passed).
     */
    public static String body(HttpServletRequest request, int limit) throws IOException {
        long declared = request.getContentLengthLong();
        if (declared > limit || request.getAttribute(BodyReader.TOO_LARGE) != null) {
            throw tooLarge(limit);
        }
        byte[] bytes = request.getAttribute(BodyReader.BODY) instanceof byte[] read ? read : readBlocking(request, limit);
        if (bytes.length > limit) {
            throw tooLarge(limit);
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new HttpException(400, OAuthError.INVALID_REQUEST, "the request body is not valid UTF-8");
        }
    }

    /**
     * A blocking read, for registrations without async support: the deadline is checked after every read,
     * so a slow client holds the thread until the deadline plus at most one read, which the container's
     * idle timeout bounds.
     */
    private static byte[] readBlocking(HttpServletRequest request, int limit) throws IOException {
        Deadline deadline = request.getAttribute(BodyReader.DEADLINE) instanceof Deadline d ? d
                : Deadline.after(EndpointServlet.DEFAULT_BODY_TIMEOUT);
        long declared = request.getContentLengthLong();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        try (InputStream in = request.getInputStream()) {
            for (int n; out.size() <= limit && (n = in.read(buffer)) != -1; ) {
                out.write(buffer, 0, n);
                if (deadline.passed() && (declared < 0 || out.size() < declared)) {
                    request.setAttribute(BodyReader.ABANDONED, Boolean.TRUE);
                    throw BodyReader.late(deadline.budget());
                }
            }
        }
        return out.toByteArray();
    }

    private static HttpException tooLarge(int limit) {
        return new HttpException(413, OAuthError.INVALID_REQUEST, "the request body is larger than " + limit + " bytes");
    }

    /**
     * The parameters of an {@code application/x-www-form-urlencoded} string; a name given twice is
     * refused (RFC 6749 section 3.2: parameters must not be included more than once).
     */
    public static Map<String, String> form(String body) {
        Map<String, String> params = new HashMap<>();
        if (body.isEmpty()) {
            return params;
        }
        for (String pair : body.split("&", -1)) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            if (params.putIfAbsent(name, value) != null) {
                throw new HttpException(400, OAuthError.INVALID_REQUEST, "the parameter '" + printable(name)
                        + "' is given more than once");
            }
        }
        return params;
    }

    /**
     * The text fields of a {@code multipart/form-data} body (what {@code curl --form} sends), refused as
     * a form is: a name given twice, and also a file part or more than 32 parts.
     */
    public static Map<String, String> multipart(HttpServletRequest request, String body) {
        return Multipart.fields(request.getContentType(), body);
    }

    /** The query string's parameters, duplicates refused as for forms. */
    public static Map<String, String> query(HttpServletRequest request) {
        String q = request.getQueryString();
        return q == null ? new HashMap<>() : form(q);
    }

    /**
     * A JSON object body as a tree; anything else is a 400, content after the object included (Jackson
     * would stop at the end of the first value and silently drop the rest).
     */
    public static JsonNode json(String body) {
        try (JsonParser parser = MAPPER.createParser(body)) {
            JsonNode node = MAPPER.readTree(parser);
            if (node == null || !node.isObject()) {
                throw new HttpException(400, OAuthError.INVALID_REQUEST, "the body must be a JSON object");
            }
            var end = parser.currentLocation();
            boolean trailing;
            try {
                trailing = parser.nextToken() != null;
            } catch (JsonProcessingException e) {
                trailing = true;
            }
            if (trailing) {
                throw new HttpException(400, OAuthError.INVALID_REQUEST, "the body has content after the JSON object"
                        + " (line " + end.getLineNr() + ", column " + end.getColumnNr() + ")");
            }
            return node;
        } catch (JsonProcessingException e) {
            // Jackson's stream limits (nesting depth, number length) come without a location.
            var at = e.getLocation();
            throw new HttpException(400, OAuthError.INVALID_REQUEST, "the body is not valid JSON"
                    + (at == null ? " or exceeds the nesting and size limits" : " (line " + at.getLineNr() + ", column "
                    + at.getColumnNr() + ")"));
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a String source does not fail to read
        }
    }

    /** A JSON member as text; numbers and booleans are accepted as their text, objects and arrays are not. */
    public static Optional<String> text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return Optional.empty();
        }
        if (v.isContainerNode()) {
            throw new HttpException(400, OAuthError.INVALID_REQUEST, "'" + printable(field) + "' must be a string");
        }
        return Optional.of(v.asText());
    }

    /** The id and secret of an HTTP Basic header (RFC 6749 2.3.1: each form-urlencoded), if there is one. */
    public static Optional<String[]> basic(HttpServletRequest request) {
        String header = request.getHeader("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
            return Optional.empty();
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new HttpException(400, OAuthError.INVALID_REQUEST, "the Basic credentials are not valid base64");
        }
        int colon = decoded.indexOf(':');
        if (colon < 0) {
            throw new HttpException(400, OAuthError.INVALID_REQUEST, "the Basic credentials have no ':'");
        }
        return Optional.of(new String[] {decode(decoded.substring(0, colon)), decode(decoded.substring(colon + 1))});
    }

    /** Whether the request came over HTTPS or from this machine. */
    public static boolean secureOrLoopback(HttpServletRequest request) {
        if (request.isSecure()) {
            return true;
        }
        String addr = request.getRemoteAddr();
        if (addr == null) {
            return false;
        }
        // Jetty reports IPv6 addresses in brackets.
        String a = addr.startsWith("[") && addr.endsWith("]") ? addr.substring(1, addr.length() - 1) : addr;
        return a.startsWith("127.") || a.equals("::1") || a.equals("0:0:0:0:0:0:0:1") || a.startsWith("::ffff:127.");
    }

    private static String decode(String s) {
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new HttpException(400, OAuthError.INVALID_REQUEST, "the form encoding is malformed");
        }
    }

    /** A name safe to put in a message: printable ASCII, at most 40 characters. */
    public static String printable(String s) {
        String cut = s.length() > 40 ? s.substring(0, 40) + "..." : s;
        return cut.replaceAll("[^\\x20-\\x7e]", "?").replace('"', '\'');
    }
}
