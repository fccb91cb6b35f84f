package dev.lanyard.auth.testing;

import java.sql.SQLException;
import javax.sql.DataSource;

import org.postgresql.ds.PGSimpleDataSource;

/** A schema of its own in the PostgreSQL server, set as the connections' current schema. */
final class PostgresDatabase extends TestDatabase {

    @Override
    public String product() {
        return "PostgreSQL";
    }

    @Override
    DataSource create() throws SQLException {
        execute(server(), "CREATE SCHEMA " + name());
        PGSimpleDataSource ds = server();
        ds.setCurrentSchema(name());
        return ds;
    }

    @Override
    void drop() throws SQLException {
        execute(server(), "DROP SCHEMA IF EXISTS " + name() + " CASCADE");
    }

    @Override
    boolean needsServer() {
        return true;
    }

    @Override
    String howToStart() {
        LocalServers.Address server = LocalServers.postgres();
        return "Tried " + server.url() + " as " + server.user() + ". Start PostgreSQL with a database 'test' that '" + server.user()
                + "' may use without password, e.g. `docker run -d -p 5432:5432 -e POSTGRES_DB=test"
                + " -e POSTGRES_HOST_AUTH_METHOD=trust postgres:17` or `apt-get install postgresql` then"
                + " `createdb test` as postgres; or point LANYARD_TEST_POSTGRES_URL, _USER and _PASSWORD at yours"
                + " (with none of them set and nothing on 127.0.0.1:5432, the tests start an embedded PostgreSQL).";
    }

    private static PGSimpleDataSource server() {
        LocalServers.Address server = LocalServers.postgres();
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setURL(server.url());
        ds.setUser(server.user());
        if (!server.password().isEmpty()) {
            ds.setPassword(server.password());
        }
        ds.setConnectTimeout(5);
        return ds;
    }
}
