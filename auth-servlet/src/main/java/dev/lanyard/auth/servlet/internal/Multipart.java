package dev.lanyard.auth.servlet.internal;

import dev.lanyard.auth.OAuthError;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The text fields of a {@code multipart/form-data} body (RFC 7578), what {@code curl --form} sends:
 * read from the already size-limited body, at most {@value #MAX_PARTS} parts, each a
 * {@code Content-Disposition: form-data; name=".."} field. A file part or a name given twice is refused
 * (400 {@code invalid_request}), as in a form-encoded body. The container's own multipart parsing is not
 * used: it needs a multipart configuration on the servlet registration, and writes large parts to disk.
 */
final class Multipart {

    static final String TYPE = "multipart/form-data";
    static final int MAX_PARTS = 32;

    private Multipart() {
    }

    static Map<String, String> fields(String contentType, String body) {
        String boundary = boundary(contentType);
        String delimiter = "--" + boundary;
        if (!body.startsWith(delimiter)) {
            throw malformed("the body does not start with the boundary");
        }
        Map<String, String> fields = new HashMap<>();
        int at = delimiter.length();
        while (true) {
            if (body.startsWith("--", at)) {
                return fields; // the close delimiter; anything after it is an epilogue, ignored by RFC 2046
            }
            if (!body.startsWith("\r\n", at)) {
                throw malformed("a boundary is not followed by a line break");
            }
            int next = body.indexOf("\r\n" + delimiter, at + 2);
            if (next < 0) {
                throw malformed("the closing boundary is missing");
            }
            if (fields.size() == MAX_PARTS) {
                throw new HttpException(400, OAuthError.INVALID_REQUEST, "the body has more than " + MAX_PARTS + " parts");
            }
            part(body.substring(at + 2, next), fields);
            at = next + 2 + delimiter.length();
        }
    }

    private static void part(String part, Map<String, String> fields) {
        int end = part.indexOf("\r\n\r\n");
        if (end < 0) {
            throw malformed("a part has no blank line after its headers");
        }
        String name = null;
        for (String header : part.substring(0, end).split("\r\n", -1)) {
            int colon = header.indexOf(':');
            if (colon > 0 && header.substring(0, colon).trim().equalsIgnoreCase("Content-Disposition")) {
                name = name(header.substring(colon + 1));
            }
        }
        if (name == null) {
            throw malformed("a part has no Content-Disposition: form-data with a name");
        }
        if (fields.putIfAbsent(name, part.substring(end + 4)) != null) {
            throw new HttpException(400, OAuthError.INVALID_REQUEST, "the parameter '" + Requests.printable(name)
                    + "' is given more than once");
        }
    }

    /** The name of {@code form-data; name="x"}; a file part (with a filename) is refused. */
    private static String name(String disposition) {
        String[] params = disposition.split(";");
        if (!params[0].trim().equalsIgnoreCase("form-data")) {
            return null;
        }
        String name = null;
        for (int i = 1; i < params.length; i++) {
            String p = params[i].trim();
            int eq = p.indexOf('=');
            String key = (eq < 0 ? p : p.substring(0, eq)).trim().toLowerCase(Locale.ROOT);
            if (key.equals("filename") || key.equals("filename*")) {
                throw new HttpException(400, OAuthError.INVALID_REQUEST, "file parts are not accepted");
            }
            if (key.equals("name") && eq > 0) {
                name = unquote(p.substring(eq + 1).trim());
            }
        }
        return name;
    }

    private static String boundary(String contentType) {
        for (String p : contentType.split(";")) {
            String t = p.trim();
            if (t.regionMatches(true, 0, "boundary=", 0, 9)) {
                String b = unquote(t.substring(9).trim());
                // RFC 2046 section 5.1.1: 1 to 70 characters
                if (!b.isEmpty() && b.length() <= 70) {
                    return b;
                }
            }
        }
        throw malformed("the Content-Type has no valid boundary parameter");
    }

    private static String unquote(String s) {
        return s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"") ? s.substring(1, s.length() - 1) : s;
    }

    private static HttpException malformed(String why) {
        return new HttpException(400, OAuthError.INVALID_REQUEST, "the multipart/form-data body is malformed: " + why);
    }
}
