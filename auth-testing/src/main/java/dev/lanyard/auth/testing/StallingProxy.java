package dev.lanyard.auth.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TCP proxy in the test JVM between a client and a database server, to play a slow or stalled
 * database: it passes traffic through, delays every chunk it forwards ({@link #delay}), or stalls
 * ({@link #stall}): new connections are accepted and nothing is forwarded either way, as with a
 * database host that stopped answering without closing anything; {@link #release} lets the held bytes
 * through again.
 *
 * <pre>{@code
 * try (StallingProxy proxy = StallingProxy.to("127.0.0.1", 5432)) {
 *     String url = "jdbc:postgresql://127.0.0.1:" + proxy.port() + "/test?user=postgres";
 *     proxy.stall();      // statements now wait for their socket timeout
 *     proxy.release();
 * }
 * }</pre>
 */
public final class StallingProxy implements AutoCloseable {

    private final String host;
    private final int targetPort;
    private final ServerSocket listener;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private final Object gate = new Object();
    private volatile boolean stalled;
    private volatile long delayMillis;
    private volatile boolean closed;

    private StallingProxy(String host, int targetPort) throws IOException {
        this.host = host;
        this.targetPort = targetPort;
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::accept, "stalling-proxy-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /**
     * A proxy on a free loopback port, passing everything through to {@code host:port}.
     *
     * @param host the host of the real server, e.g. a database
     * @param port the real server's port
     * @return the running proxy; connect to {@link #port()} instead of the real server
     * @throws UncheckedIOException when no port can be opened
     */
    public static StallingProxy to(String host, int port) {
        try {
            return new StallingProxy(host, port);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The loopback port clients connect to.
     *
     * @return the port the proxy listens on
     */
    public int port() {
        return listener.getLocalPort();
    }

    /**
     * Forwards each chunk only after {@code delay} (zero: at once).
     *
     * @param delay how long to hold each chunk before passing it on
     */
    public void delay(Duration delay) {
        this.delayMillis = delay.toMillis();
    }

    /** From now on nothing is forwarded, on open connections and on new ones, until {@link #release}. */
    public void stall() {
        stalled = true;
    }

    /** Forwards again, what was held first. */
    public void release() {
        synchronized (gate) {
            stalled = false;
            gate.notifyAll();
        }
    }

    /** Closes every connection, as a database restart would; the proxy keeps accepting new ones. */
    public void dropConnections() {
        for (Socket s : sockets) {
            closeQuietly(s);
        }
        sockets.clear();
    }

    @Override
    public void close() {
        closed = true;
        release();
        closeQuietly(listener);
        dropConnections();
    }

    private void accept() {
        while (!closed) {
            Socket client;
            try {
                client = listener.accept();
            } catch (IOException e) {
                return; // closed
            }
            Socket server = new Socket();
            try {
                server.connect(new InetSocketAddress(host, targetPort), 5_000);
            } catch (IOException e) {
                closeQuietly(client);
                closeQuietly(server);
                continue;
            }
            sockets.add(client);
            sockets.add(server);
            pump(client, server, "up");
            pump(server, client, "down");
        }
    }

    private void pump(Socket from, Socket to, String direction) {
        Thread t = new Thread(() -> {
            byte[] buffer = new byte[16 * 1024];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    awaitPassage();
                    out.write(buffer, 0, n);
                    out.flush();
                }
            } catch (IOException | InterruptedException e) {
                // one side closed or the proxy was closed: close both
            } finally {
                closeQuietly(from);
                closeQuietly(to);
            }
        }, "stalling-proxy-" + direction);
        t.setDaemon(true);
        t.start();
    }

    private void awaitPassage() throws InterruptedException {
        long delay = delayMillis;
        if (delay > 0) {
            Thread.sleep(delay);
        }
        synchronized (gate) {
            while (stalled && !closed) {
                gate.wait();
            }
        }
    }

    private static void closeQuietly(java.io.Closeable c) {
        try {
            c.close();
        } catch (IOException e) {
            // closing anyway
        }
    }
}
