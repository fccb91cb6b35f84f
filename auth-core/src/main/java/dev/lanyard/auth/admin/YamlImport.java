package dev.lanyard.auth.admin;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.events.AliasEvent;
import org.yaml.snakeyaml.events.Event;
import org.yaml.snakeyaml.events.NodeEvent;

import java.io.StringReader;

/**
 * The YAML half of {@link ImportFile}, in a class of its own so that nothing loads the YAML parser,
 * an optional dependency, where it is not on the class path.
 */
final class YamlImport {

    private YamlImport() {
    }

    static ObjectMapper mapper() {
        return new ObjectMapper(YAMLFactory.builder().build());
    }

    /**
     * Refuses YAML anchors ({@code &name}) and aliases ({@code *name}): the parser does not expand an alias,
     * it hands over the anchor's name as a plain string, so {@code password: *p} would become the password
     * "p". Import files have no use for them; a clear refusal is better than a silent wrong value.
     */
    static void refuseAnchorsAndAliases(String content, String source) {
        if (content.indexOf('&') < 0 && content.indexOf('*') < 0) {
            return; // neither can occur: skip the second pass
        }
        try {
            for (Event event : new Yaml().parse(new StringReader(content))) {
                boolean alias = event instanceof AliasEvent;
                if (alias || event instanceof NodeEvent node && node.getAnchor() != null) {
                    throw new ImportException(source + ": line " + (event.getStartMark().getLine() + 1) + ": YAML "
                            + (alias ? "aliases (*name)" : "anchors (&name)") + " are not supported in import files; "
                            + "write each value out in full");
                }
            }
        } catch (YAMLException e) {
            // Not well-formed: the main pass reports it, with its line.
        }
    }

    /** The YAML parser's own problem behind {@code e}, or null when the failure is not the parser's. */
    static String problem(JsonProcessingException e) {
        return e.getCause() instanceof MarkedYAMLException yaml ? String.valueOf(yaml.getProblem()) : null;
    }
}
