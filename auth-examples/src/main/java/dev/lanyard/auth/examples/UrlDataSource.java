package dev.lanyard.auth.examples;

import javax.sql.DataSource;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Properties;
import java.util.logging.Logger;

/**
 * A {@link DataSource} that opens a new connection per call from a JDBC URL. Enough for the demo (H2
 * keeps its database open between connections; PostgreSQL connects in a few milliseconds); an app
 * serving real traffic puts a connection pool here instead.
 */
final class UrlDataSource implements DataSource {

    private final String url;
    private final Driver driver;
    private final Properties properties = new Properties();

    UrlDataSource(String url) {
        if (!url.startsWith("jdbc:")) {
            throw new IllegalArgumentException("a JDBC URL starts with 'jdbc:', e.g. jdbc:postgresql://127.0.0.1:5432/test?user=postgres");
        }
        this.url = url;
        try {
            this.driver = DriverManager.getDriver(url);
        } catch (SQLException e) {
            throw new IllegalArgumentException("no JDBC driver for " + scheme(url)
                    + " (the demo bundles H2 and PostgreSQL)", e);
        }
    }

    private static String scheme(String url) {
        int colon = url.indexOf(':', 5);
        return colon < 0 ? url : url.substring(0, colon);
    }

    @Override
    public Connection getConnection() throws SQLException {
        Connection c = driver.connect(url, properties);
        if (c == null) {
            throw new SQLException("the driver refused the URL " + scheme(url) + ":...");
        }
        return c;
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", username);
        p.setProperty("password", password);
        return driver.connect(url, p);
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
        // driver default
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
    public <T> T unwrap(Class<T> type) throws SQLException {
        if (type.isInstance(this)) {
            return type.cast(this);
        }
        throw new SQLException("not a wrapper of " + type.getName());
    }

    @Override
    public boolean isWrapperFor(Class<?> type) {
        return type.isInstance(this);
    }
}
