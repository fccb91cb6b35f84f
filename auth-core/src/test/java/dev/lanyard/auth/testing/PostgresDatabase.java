package dev.lanyard.auth.testing;

import java.sql.SQLException;
import javax.sql.DataSource;

import org.postgresql.ds.PGSimpleDataSource;

/** A schema of its own in the PostgreSQL server, set as the connections' current schema. */
final class PostgresDatabase extends TestDatabase {

    private static final String URL = env("LANYARD_TEST_POSTGRES_URL", "jdbc:postgresql://127.0.0.1:5432/test");
    private static final String USER = env("LANYARD_TEST_POSTGRES_USER", "postgres");
    private static final String PASSWORD = env("LANYARD_TEST_POSTGRES_PASSWORD", "");

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
        return "Tried " + URL + " as " + USER + ". Start PostgreSQL with a database 'test' that '" + USER
                + "' may use without password, e.g. `docker run -d -p 5432:5432 -e POSTGRES_DB=test"
                + " -e POSTGRES_HOST_AUTH_METHOD=trust postgres:17` or `apt-get install postgresql` then"
                + " `createdb test` as postgres; or point LANYARD_TEST_POSTGRES_URL, _USER and _PASSWORD at yours.";
    }

    private static PGSimpleDataSource server() {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setURL(URL);
        ds.setUser(USER);
        if (!PASSWORD.isEmpty()) {
            ds.setPassword(PASSWORD);
        }
        ds.setConnectTimeout(5);
        return ds;
    }
}
