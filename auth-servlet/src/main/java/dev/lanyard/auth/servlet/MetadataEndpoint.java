package dev.lanyard.auth.servlet;

import dev.lanyard.auth.servlet.internal.EndpointServlet;
import dev.lanyard.auth.servlet.internal.Responses;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * RFC 8414 authorization server metadata, served at {@code /.well-known/oauth-authorization-server}.
 *
 * <pre>{@code
 * context.addServlet("metadata", new MetadataEndpoint(LanyardEndpoints.metadata(issuer, paths)))
 *        .addMapping("/.well-known/oauth-authorization-server");
 * }</pre>
 */
public final class MetadataEndpoint extends EndpointServlet {

    private static final long serialVersionUID = 1L;

    private final transient Map<String, Object> metadata;

    /**
     * Serves this metadata document as JSON.
     *
     * @param metadata the members of the document, in the order to write them; copied, so later changes are not seen
     */
    public MetadataEndpoint(Map<String, Object> metadata) {
        this.metadata = new LinkedHashMap<>(metadata);
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setHeader("Cache-Control", "public, max-age=3600");
        Responses.json(response, 200, metadata);
    }
}
