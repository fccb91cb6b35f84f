package dev.lanyard.auth.admin;

import dev.lanyard.auth.internal.Identifiers;
import dev.lanyard.auth.internal.OptionalDependency;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lanyard.auth.password.PasswordHasher;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads an import file, YAML or JSON (JSON is read as the YAML subset it is), as a list of entries,
 * each with its number and line, and offers typed field readers whose errors name the entry. Without
 * the optional YAML parser ({@link YamlImport}) on the class path, JSON files are read as JSON and a
 * YAML file is refused, naming the dependency to add.
 */
final class ImportFile {

    private static final boolean YAML = OptionalDependency.JACKSON_YAML.present();
    private static final ObjectMapper MAPPER = (YAML ? YamlImport.mapper() : new ObjectMapper())
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    private ImportFile() {
    }

    /** One entry of the list. */
    record Entry(String source, int number, int line, ObjectNode node) {

        ImportException error(String problem) {
            return new ImportException(source + ": entry " + number + " (line " + line + "): " + problem);
        }

        void allowOnly(Set<String> fields) {
            for (var it = node.fieldNames(); it.hasNext(); ) {
                String name = it.next();
                if (!fields.contains(name)) {
                    throw error("unknown field " + Identifiers.quote(name) + "; expected one of " + fields);
                }
            }
        }

        String text(String field, boolean required) {
            JsonNode value = node.get(field);
            if (value == null || value.isNull()) {
                if (required) {
                    throw error("'" + field + "' is required");
                }
                return null;
            }
            if (!value.isTextual() && !value.isNumber()) {
                throw error("'" + field + "' must be a string");
            }
            return value.asText();
        }

        List<String> strings(String field) {
            JsonNode value = node.get(field);
            if (value == null || value.isNull()) {
                return null;
            }
            if (!value.isArray()) {
                throw error("'" + field + "' must be a list of strings");
            }
            Set<String> out = new LinkedHashSet<>();
            for (JsonNode v : value) {
                if (!v.isTextual()) {
                    throw error("'" + field + "' must hold only strings");
                }
                out.add(v.asText());
            }
            return List.copyOf(out);
        }

        /**
         * Whether a password or secret value is a hash to keep as it is (true) or plain text to hash (false).
         * A value shaped like a PHC or crypt hash ({@code $scheme$...}) that the hasher does not accept is
         * refused, naming why (an unknown scheme, a malformed hash, a cost above the caps): hashing it as a
         * plain-text password would lock its user out for good.
         */
        boolean isKeptHash(String field, String value, PasswordHasher hasher) {
            if (hasher.isSupportedHash(value)) {
                return true;
            }
            if (!value.matches("\\$[A-Za-z0-9-]{1,32}\\$.*")) {
                return false;
            }
            if (value.startsWith("$argon2id$") || value.startsWith("$pbkdf2-sha256$") || value.startsWith("$2")) {
                try {
                    hasher.checkHash(value);
                } catch (IllegalArgumentException e) {
                    throw error("'" + field + "' is not an accepted hash: " + e.getMessage());
                }
                return true; // not reached: isSupportedHash said no
            }
            String scheme = value.substring(1, value.indexOf('$', 1));
            throw error("'" + field + "' looks like a '" + scheme + "' hash, which Lanyard cannot verify; "
                    + "give the plain text or an argon2id, bcrypt or pbkdf2-sha256 hash");
        }

        /** A JSON object value (such as a JWK set) as plain maps and lists; null when absent. */
        @SuppressWarnings("unchecked")
        Map<String, Object> object(String field) {
            JsonNode value = node.get(field);
            if (value == null || value.isNull()) {
                return null;
            }
            if (!value.isObject()) {
                throw error("'" + field + "' must be an object");
            }
            return MAPPER.convertValue(value, Map.class);
        }

        Boolean bool(String field) {
            JsonNode value = node.get(field);
            if (value == null || value.isNull()) {
                return null;
            }
            if (!value.isBoolean()) {
                throw error("'" + field + "' must be true or false");
            }
            return value.booleanValue();
        }
    }

    /**
     * The entries of {@code content}, which must be a list of objects.
     *
     * @throws ImportException naming the line and the problem when the text is not such a list
     */
    static List<Entry> read(String content, String source) {
        if (YAML) {
            YamlImport.refuseAnchorsAndAliases(content, source);
        } else if (!looksLikeJson(content)) {
            throw new ImportException(source + ": " + OptionalDependency.JACKSON_YAML.missing("Reading a YAML file")
                    + "; or give the file as JSON");
        }
        List<Entry> entries = new ArrayList<>();
        try (JsonParser parser = MAPPER.createParser(content)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                throw new ImportException(source + ": the file is empty; expected a list of entries");
            }
            if (first != JsonToken.START_ARRAY) {
                throw new ImportException(source + ": line " + line(parser.currentTokenLocation())
                        + ": expected a list of entries at the top level");
            }
            JsonToken token;
            while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
                int number = entries.size() + 1;
                int line = line(parser.currentTokenLocation());
                if (token != JsonToken.START_OBJECT) {
                    throw new ImportException(source + ": entry " + number + " (line " + line
                            + "): expected an object with named fields");
                }
                entries.add(new Entry(source, number, line, MAPPER.readTree(parser)));
            }
            if (parser.nextToken() != null) {
                throw new ImportException(source + ": line " + line(parser.currentTokenLocation())
                        + ": unexpected content after the list");
            }
        } catch (JsonProcessingException e) {
            throw new ImportException(source + ": line " + line(e.getLocation()) + ": " + problem(e), e);
        } catch (IOException e) {
            throw new ImportException(source + ": cannot be read", e);
        }
        return entries;
    }

    /** Whether the content opens like JSON: a list or an object, after white space and a byte order mark. */
    private static boolean looksLikeJson(String content) {
        for (int i = 0; i < content.length(); i++) {
            char c = content.charAt(i);
            if (c != '\uFEFF' && !Character.isWhitespace(c)) {
                return c == '[' || c == '{';
            }
        }
        return true; // empty: the reader says so
    }

    /**
     * The parser's complaint in plain words: without the echo of the offending text, which may hold a
     * password, and without the parser's own class names, which mean nothing to the person fixing the file.
     */
    private static String problem(JsonProcessingException e) {
        if (YAML) {
            String yaml = YamlImport.problem(e);
            if (yaml != null) {
                return "not valid YAML: " + withoutClassNames(yaml);
            }
        }
        String message = String.valueOf(e.getOriginalMessage());
        int detail = message.indexOf('\n');
        return withoutClassNames(detail < 0 ? message : message.substring(0, detail));
    }

    /** SnakeYAML's event names as words. */
    private static final Pattern EVENT = Pattern.compile("<?org\\.yaml\\.snakeyaml\\.events\\.(\\w+)Event(\\([^)]*\\))?>?");
    /** {@code `StreamReadConstraints.getMaxNestingDepth()`} and the like. */
    private static final Pattern CODE = Pattern.compile(",? ?(from )?`[^`]*`");
    /** Any other fully qualified class name. */
    private static final Pattern CLASS = Pattern.compile("\\b([a-z][a-z0-9_]*\\.){2,}([A-Z][A-Za-z0-9_$]*)");

    static String withoutClassNames(String message) {
        Matcher m = EVENT.matcher(message);
        StringBuilder b = new StringBuilder();
        while (m.find()) {
            String word = switch (m.group(1)) {
                case "SequenceStart" -> "a list";
                case "MappingStart" -> "a map";
                case "Scalar" -> "a value";
                case "Alias" -> "an alias";
                default -> "something else";
            };
            m.appendReplacement(b, word);
        }
        m.appendTail(b);
        String out = CODE.matcher(b.toString()).replaceAll("");
        return CLASS.matcher(out).replaceAll("a value").replace("(Scalar value in YAML)", "(a plain value)");
    }

    private static int line(JsonLocation location) {
        return location == null ? 0 : location.getLineNr();
    }
}
