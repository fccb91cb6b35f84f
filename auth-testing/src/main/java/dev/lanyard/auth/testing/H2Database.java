package dev.lanyard.auth.testing;

import java.sql.SQLException;
import javax.sql.DataSource;

import org.h2.jdbcx.JdbcDataSource;

/** An in-memory H2 database that lives until it is dropped. */
final class H2Database extends TestDatabase {

    private DataSource open;

    @Override
    public String product() {
        return "H2";
    }

    @Override
    DataSource create() {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:mem:" + name() + ";DB_CLOSE_DELAY=-1");
        ds.setUser("sa");
        open = ds;
        return ds;
    }

    @Override
    void drop() throws SQLException {
        execute(open, "SHUTDOWN");
    }

    @Override
    boolean needsServer() {
        return false;
    }

    @Override
    String howToStart() {
        return "H2 runs in memory: check that com.h2database:h2 is on the test classpath.";
    }
}
