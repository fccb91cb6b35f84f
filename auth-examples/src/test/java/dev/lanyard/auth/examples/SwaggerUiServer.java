package dev.lanyard.auth.examples;

import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ContextHandlerCollection;

import java.net.URI;

/**
 * An embedded Jetty on an ephemeral loopback port with one servlet context per profile, at context
 * path {@code /<profile>}, each serving {@link SwaggerUi} at {@code /api/swagger}. The non-root context
 * paths check that the page builds its links from the context path.
 */
final class SwaggerUiServer implements AutoCloseable {

    static final String PATH = "/api/swagger";

    private final Server server = new Server();
    private final ServerConnector connector = new ServerConnector(server);

    SwaggerUiServer() throws Exception {
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        ContextHandlerCollection contexts = new ContextHandlerCollection();
        for (String profile : SwaggerUi.profiles()) {
            ServletContextHandler handler = new ServletContextHandler("/" + profile);
            SwaggerUi.register(handler.getServletContext(), profile, PATH);
            contexts.addHandler(handler);
        }
        server.setHandler(contexts);
        server.start();
    }

    /** The page of a profile, with the trailing slash, such as http://127.0.0.1:PORT/sermas/api/swagger/. */
    URI page(String profile) {
        return uri(profile, "/");
    }

    /** {@code rest} is appended to the Swagger UI path of a profile as is, without normalizing or encoding. */
    URI uri(String profile, String rest) {
        return URI.create("http://127.0.0.1:" + connector.getLocalPort() + "/" + profile + PATH + rest);
    }

    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception e) {
            throw new IllegalStateException("stopping Jetty", e);
        }
    }
}
