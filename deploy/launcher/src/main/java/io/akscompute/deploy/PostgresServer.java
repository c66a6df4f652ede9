package io.akscompute.deploy;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/** A real PostgreSQL from Maven artifacts (zonky), data kept under the suite's directory, one database per service. */
final class PostgresServer implements AutoCloseable {
    private final EmbeddedPostgres pg;

    private PostgresServer(EmbeddedPostgres pg) {
        this.pg = pg;
    }

    static PostgresServer start(Path dataDir, int port, List<String> databases) throws IOException, SQLException {
        Files.createDirectories(dataDir);
        EmbeddedPostgres pg = EmbeddedPostgres.builder()
                .setDataDirectory(dataDir.toFile())
                .setCleanDataDirectory(false)
                .setPort(port)
                .start();
        try (Connection c = pg.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("alter user postgres password 'postgres'");
            for (String db : databases) {
                var rs = s.executeQuery("select 1 from pg_database where datname = '" + db + "'");
                if (!rs.next()) {
                    s.execute("create database \"" + db + "\"");
                }
            }
        }
        return new PostgresServer(pg);
    }

    /** A connection to one of its databases, for tests that look at what the services stored. */
    Connection connect(String database) throws SQLException {
        return pg.getDatabase("postgres", database).getConnection();
    }

    @Override
    public void close() throws IOException {
        pg.close();
    }
}
