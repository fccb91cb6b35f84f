package dev.lanyard.auth.servlet;

import jakarta.servlet.ServletContext;
import org.apache.catalina.Context;
import org.apache.catalina.LifecycleException;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.core.StandardContext;
import org.apache.catalina.startup.Tomcat;
import org.apache.catalina.util.ServerInfo;
import org.apache.tomcat.util.IntrospectionUtils;
import org.apache.tomcat.util.scan.StandardJarScanner;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.stream.Stream;

/**
 * An embedded Tomcat (10.1 with Servlet 6.0, or 11 with Servlet 6.1: whichever tomcat-embed-core is on
 * the test class path, see the surefire executions in the pom) on a free loopback port, with the same small API as the Jetty
 * {@link TestServer}: either set up in code ({@link #start}) or deployed from a directory holding a
 * {@code WEB-INF/web.xml} ({@link #webapp}). Its base directory is a fresh temporary directory, deleted
 * by {@link #close}.
 */
final class TomcatTestServer implements WebXmlServer {

    private static final String CATALINA_BASE = "catalina.base";
    private static final String CATALINA_HOME = "catalina.home";

    /** The Tomcat major version a surefire execution means to test ({@code 10} or {@code 11}); unset: any. */
    static final String EXPECTED_MAJOR = "lanyard.expectedTomcatMajor";

    private final Tomcat tomcat;
    private final Context context;
    private final Path baseDir;
    private final URI base;
    private final List<Throwable> startupErrors;
    private final String previousBase;
    private final String previousHome;

    private TomcatTestServer(Tomcat tomcat, Context context, Path baseDir, URI base, List<Throwable> startupErrors,
                             String previousBase, String previousHome) {
        this.tomcat = tomcat;
        this.context = context;
        this.baseDir = baseDir;
        this.base = base;
        this.startupErrors = startupErrors;
        this.previousBase = previousBase;
        this.previousHome = previousHome;
    }

    /** A root context set up in code, from a {@link jakarta.servlet.ServletContainerInitializer}. */
    static TomcatTestServer start(Consumer<ServletContext> setup) {
        return boot((tomcat, baseDir) -> {
            Context ctx = tomcat.addContext("", mkdir(baseDir.resolve("webroot")).toString());
            ctx.addServletContainerInitializer((classes, servletContext) -> setup.accept(servletContext), null);
            return ctx;
        });
    }

    /**
     * A root web application deployed from {@code docBase}, configured by its {@code WEB-INF/web.xml}
     * alone: no Tomcat default web.xml (no default or JSP servlet), and no scanning of the test class path
     * for web fragments or initializers.
     */
    static TomcatTestServer webapp(Path docBase) {
        return boot((tomcat, baseDir) -> {
            tomcat.setAddDefaultWebXmlToWebapp(false);
            Context ctx = tomcat.addWebapp("", docBase.toAbsolutePath().toString());
            StandardJarScanner scanner = new StandardJarScanner();
            scanner.setScanClassPath(false);
            scanner.setScanManifest(false);
            ctx.setJarScanner(scanner);
            return ctx;
        });
    }

    private interface Setup {
        Context configure(Tomcat tomcat, Path baseDir);
    }

    /**
     * The Tomcat on the class path, for example {@code 11.0.27.0}; if {@value #EXPECTED_MAJOR} is set, a
     * Tomcat of another major version is refused, so that a class path mistake never passes as a run on
     * the version it was meant to test.
     */
    static String serverNumber() {
        String number = ServerInfo.getServerNumber();
        String expected = System.getProperty(EXPECTED_MAJOR);
        if (expected != null && !expected.isBlank() && !number.startsWith(expected.trim() + ".")) {
            throw new IllegalStateException("expected Tomcat " + expected.trim() + ".x (" + EXPECTED_MAJOR
                    + "), but the class path holds " + ServerInfo.getServerInfo() + " " + number);
        }
        return number;
    }

    private static TomcatTestServer boot(Setup setup) {
        String number = serverNumber();
        Logger.getLogger(TomcatTestServer.class.getName()).info(() -> "Lanyard tests on " + ServerInfo.getServerInfo()
                + " (" + number + ")");
        String previousBase = System.getProperty(CATALINA_BASE);
        String previousHome = System.getProperty(CATALINA_HOME);
        Path baseDir;
        try {
            baseDir = Files.createTempDirectory("lanyard-tomcat");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Tomcat tomcat = new Tomcat();
        tomcat.setBaseDir(baseDir.toString());
        Connector connector = new Connector();
        connector.setPort(0);
        connector.setProperty("address", "127.0.0.1");
        tomcat.setConnector(connector);
        Context context = setup.configure(tomcat, baseDir);
        if (context instanceof StandardContext standard) {
            // Leak detection on stop needs --add-opens and only warns about the JVM, never about the test.
            // Tomcat 11 no longer has the ObjectStreamClass cache clearing (nor its setter): set by name,
            // which is a no-op where the property does not exist.
            IntrospectionUtils.setProperty(standard, "clearReferencesObjectStreamClassCaches", "false");
            standard.setClearReferencesRmiTargets(false);
            standard.setClearReferencesThreadLocals(false);
        }

        // What Tomcat reports while starting: a filter or listener that fails is logged, not thrown.
        Logger catalina = Logger.getLogger("org.apache.catalina");
        List<Throwable> errors = new ArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                if (record.getThrown() != null && record.getLevel().intValue() >= Level.WARNING.intValue()) {
                    synchronized (errors) {
                        errors.add(record.getThrown());
                    }
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        catalina.addHandler(capture);
        try {
            tomcat.start();
        } catch (LifecycleException e) {
            destroy(tomcat);
            deleteTree(baseDir);
            restoreCatalinaProperties(previousBase, previousHome);
            throw new IllegalStateException("Tomcat did not start", e);
        } finally {
            catalina.removeHandler(capture);
        }
        URI base = URI.create("http://127.0.0.1:" + connector.getLocalPort());
        return new TomcatTestServer(tomcat, context, baseDir, base, List.copyOf(errors), previousBase, previousHome);
    }

    Context context() {
        return context;
    }

    @Override
    public URI uri(String path) {
        return base.resolve(path);
    }

    @Override
    public boolean available() {
        return context.getState().isAvailable();
    }

    @Override
    public Optional<Throwable> startupFailure() {
        return startupErrors.stream().findFirst();
    }

    @Override
    public void close() {
        try {
            destroy(tomcat);
        } finally {
            deleteTree(baseDir);
            restoreCatalinaProperties(previousBase, previousHome);
        }
    }

    private static void destroy(Tomcat tomcat) {
        try {
            tomcat.stop();
            tomcat.destroy();
        } catch (LifecycleException e) {
            throw new IllegalStateException("Tomcat did not stop", e);
        }
    }

    private static void restoreCatalinaProperties(String previousBase, String previousHome) {
        restore(CATALINA_BASE, previousBase);
        restore(CATALINA_HOME, previousHome);
    }

    private static void restore(String property, String value) {
        if (value == null) {
            System.clearProperty(property);
        } else {
            System.setProperty(property, value);
        }
    }

    private static Path mkdir(Path dir) {
        try {
            return Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
