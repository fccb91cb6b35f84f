package dev.lanyard.auth.jdbc;

import java.lang.reflect.Proxy;
import java.sql.SQLTransientConnectionException;
import javax.sql.DataSource;

/** A data source whose database is down: every connection is refused, as a pool reports it (transient). */
final class DownDataSource {

    private DownDataSource() {
    }

    static DataSource create() {
        return (DataSource) Proxy.newProxyInstance(DownDataSource.class.getClassLoader(), new Class<?>[] {DataSource.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("getConnection")) {
                        throw new SQLTransientConnectionException("Connection to 127.0.0.1:5432 refused", "08001");
                    }
                    if (method.getName().equals("toString")) {
                        return "a database that is down";
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }
}
