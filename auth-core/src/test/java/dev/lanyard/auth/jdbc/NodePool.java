package dev.lanyard.auth.jdbc;

import java.io.PrintWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * The connection pool of one simulated app node: a few physical connections of its own, opened at
 * once and handed out in turn, so that two nodes never share a connection and a race is not slowed
 * down by connecting. Closing a handed-out connection rolls back what it left open and returns it.
 */
final class NodePool implements DataSource, AutoCloseable {

    private final List<Connection> all = new ArrayList<>();
    private final BlockingQueue<Connection> idle;

    /**
     * @param sessionSetup statements run once on each physical connection, for example to change
     *                     the isolation level of the session
     */
    NodePool(DataSource server, int size, String... sessionSetup) throws SQLException {
        idle = new ArrayBlockingQueue<>(size);
        for (int i = 0; i < size; i++) {
            Connection c = server.getConnection();
            try (Statement s = c.createStatement()) {
                for (String sql : sessionSetup) {
                    s.execute(sql);
                }
            }
            all.add(c);
            idle.add(c);
        }
    }

    @Override
    public Connection getConnection() throws SQLException {
        Connection physical;
        try {
            physical = idle.poll(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SQLException("interrupted while waiting for a connection", "08001", e);
        }
        if (physical == null) {
            throw new SQLException("no connection free for 30 s", "08001");
        }
        return handOut(physical);
    }

    private Connection handOut(Connection physical) {
        boolean[] returned = {false};
        return (Connection) Proxy.newProxyInstance(NodePool.class.getClassLoader(), new Class<?>[] {Connection.class},
                (proxy, method, args) -> {
                    switch (method.getName()) {
                        case "close" -> {
                            if (!returned[0]) {
                                returned[0] = true;
                                release(physical);
                            }
                            return null;
                        }
                        case "isClosed" -> {
                            return returned[0];
                        }
                        default -> {
                            if (returned[0]) {
                                throw new SQLException("connection already returned to the pool", "08003");
                            }
                            try {
                                return method.invoke(physical, args);
                            } catch (InvocationTargetException e) {
                                throw e.getCause();
                            }
                        }
                    }
                });
    }

    private void release(Connection physical) throws SQLException {
        if (!physical.getAutoCommit()) {
            physical.rollback();
            physical.setAutoCommit(true);
        }
        idle.add(physical);
    }

    @Override
    public void close() {
        for (Connection c : all) {
            try {
                c.close();
            } catch (SQLException e) {
                // the test is over; the server drops the session with its schema
            }
        }
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        throw new SQLFeatureNotSupportedException("a node pool has one user");
    }

    @Override
    public PrintWriter getLogWriter() {
        return null;
    }

    @Override
    public void setLogWriter(PrintWriter out) {
        // no logging
    }

    @Override
    public void setLoginTimeout(int seconds) {
        // connections are opened up front
    }

    @Override
    public int getLoginTimeout() {
        return 0;
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        throw new SQLFeatureNotSupportedException();
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        throw new SQLException("not a wrapper");
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) {
        return false;
    }
}
