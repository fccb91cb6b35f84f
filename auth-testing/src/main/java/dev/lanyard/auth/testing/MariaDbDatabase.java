package dev.lanyard.auth.testing;

import java.sql.SQLException;
import javax.sql.DataSource;

import org.mariadb.jdbc.MariaDbDataSource;

/**
 * A database of its own in the MariaDB server, with the server's default character set and collation,
 * so that the schema has to bring its own.
 */
final class MariaDbDatabase extends TestDatabase {

    @Override
    public String product() {
        return "MariaDB";
    }

    @Override
    DataSource create() throws SQLException {
        String url = LocalServers.mariaDb().url();
        execute(dataSource(url), "CREATE DATABASE " + name());
        return dataSource(withDatabase(url, name()));
    }

    @Override
    void drop() throws SQLException {
        execute(dataSource(LocalServers.mariaDb().url()), "DROP DATABASE IF EXISTS " + name());
    }

    @Override
    boolean needsServer() {
        return true;
    }

    @Override
    String howToStart() {
        LocalServers.Address server = LocalServers.mariaDb();
        return "Tried " + server.url() + " as " + server.user() + ". Start MariaDB with a database 'test' where '"
                + server.user()
                + "' may create databases, e.g. `docker run -d -p 3306:3306 -e MARIADB_DATABASE=test"
                + " -e MARIADB_ALLOW_EMPTY_ROOT_PASSWORD=1 mariadb:11` or `apt-get install mariadb-server`;"
                + " or point LANYARD_TEST_MARIADB_URL, _USER and _PASSWORD at yours (with none of them set and"
                + " nothing on 127.0.0.1:3306, the tests start an embedded MariaDB).";
    }

    /** The URL with its database path replaced: {@code jdbc:mariadb://host:port/db?options}. */
    static String withDatabase(String url, String database) {
        int hosts = url.indexOf("//");
        int query = url.indexOf('?', hosts < 0 ? 0 : hosts + 2);
        String base = query < 0 ? url : url.substring(0, query);
        String options = query < 0 ? "" : url.substring(query);
        int slash = base.indexOf('/', hosts < 0 ? 0 : hosts + 2);
        return (slash < 0 ? base : base.substring(0, slash)) + "/" + database + options;
    }

    private static MariaDbDataSource dataSource(String url) throws SQLException {
        LocalServers.Address server = LocalServers.mariaDb();
        MariaDbDataSource ds = new MariaDbDataSource(url);
        ds.setUser(server.user());
        if (!server.password().isEmpty()) {
            ds.setPassword(server.password());
        }
        ds.setLoginTimeout(5);
        return ds;
    }
}
