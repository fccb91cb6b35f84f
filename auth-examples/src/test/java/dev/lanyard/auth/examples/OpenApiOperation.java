package dev.lanyard.auth.examples;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** One operation of an OpenAPI document: its method (lower case, as OpenAPI writes it), path and object. */
record OpenApiOperation(String method, String path, JsonNode operation) {

    /** The HTTP methods of an OpenAPI path item. */
    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "options", "head", "patch", "trace");

    /** Every operation of the document, path by path, in document order. */
    static List<OpenApiOperation> all(JsonNode document) {
        List<OpenApiOperation> out = new ArrayList<>();
        document.path("paths").properties().forEach(path -> path.getValue().properties().forEach(op -> {
            if (METHODS.contains(op.getKey())) {
                out.add(new OpenApiOperation(op.getKey(), path.getKey(), op.getValue()));
            }
        }));
        return out;
    }

    String summary() {
        return operation.path("summary").asText();
    }
}
