package dev.lanyard.auth.servlet;

import org.eclipse.jetty.ee10.webapp.WebAppContext;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;

/**
 * An embedded Jetty 12 (ee10) deploying a directory with a {@code WEB-INF/web.xml} through
 * {@link WebAppContext}, on a free loopback port. A web application that fails to start leaves Jetty
 * running and answering 503, with the failure kept by the context.
 */
final class WebXmlJettyServer implements WebXmlServer {

    private final Server server;
    private final WebAppContext webapp;
    private final URI base;

    private WebXmlJettyServer(Server server, WebAppContext webapp, URI base) {
        this.server = server;
        this.webapp = webapp;
        this.base = base;
    }

    static WebXmlJettyServer webapp(Path docBase) {
        Server server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        WebAppContext webapp = new WebAppContext();
        webapp.setContextPath("/");
        webapp.setBaseResourceAsPath(docBase.toAbsolutePath());
        webapp.setThrowUnavailableOnStartupException(false);
        server.setHandler(webapp);
        try {
            server.start();
        } catch (Exception e) {
            try {
                server.stop();
            } catch (Exception suppressed) {
                e.addSuppressed(suppressed);
            }
            throw new IllegalStateException("Jetty did not start", e);
        }
        return new WebXmlJettyServer(server, webapp, URI.create("http://127.0.0.1:" + connector.getLocalPort()));
    }

    @Override
    public URI uri(String path) {
        return base.resolve(path);
    }

    @Override
    public boolean available() {
        return webapp.isAvailable() && webapp.getUnavailableException() == null;
    }

    @Override
    public Optional<Throwable> startupFailure() {
        return Optional.ofNullable(webapp.getUnavailableException());
    }

    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
