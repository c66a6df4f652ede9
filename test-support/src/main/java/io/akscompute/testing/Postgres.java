package io.akscompute.testing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/** A real PostgreSQL server from Maven artifacts (zonky), started once per JVM; one database per name. */
public final class Postgres {
    private static EmbeddedPostgres server;

    private Postgres() {
    }

    private static synchronized EmbeddedPostgres server() {
        if (server == null) {
            try {
                server = EmbeddedPostgres.builder().start();
            } catch (IOException e) {
                throw new IllegalStateException("could not start the embedded PostgreSQL", e);
            }
            EmbeddedPostgres started = server;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    started.close();
                } catch (IOException ignored) {
                    // the JVM is going away anyway
                }
            }, "postgres-test-stop"));
        }
        return server;
    }

    /** JDBC URL of a database of that name, created on first use. */
    public static synchronized String jdbcUrl(String database) {
        EmbeddedPostgres pg = server();
        try (Connection c = pg.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            var rs = s.executeQuery("select 1 from pg_database where datname = '" + database + "'");
            if (!rs.next()) {
                s.execute("create database \"" + database + "\"");
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not create database " + database, e);
        }
        return pg.getJdbcUrl("postgres", database);
    }

    /**
     * The transactions on a database begun before that instant and still open, each as its state, start and last
     * statement: a transaction held across a slow call outside shows here.
     */
    public static List<String> transactionsOpenSince(String database, Instant before) {
        try (Connection c = server().getPostgresDatabase().getConnection(); PreparedStatement s = c.prepareStatement("""
                select state || ' since ' || cast(xact_start as text) || ': ' || query from pg_stat_activity
                where datname = ? and xact_start < ?""")) {
            s.setString(1, database);
            s.setObject(2, OffsetDateTime.ofInstant(before, ZoneOffset.UTC));
            List<String> open = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    open.add(rs.getString(1));
                }
            }
            return open;
        } catch (SQLException e) {
            throw new IllegalStateException("could not read the open transactions of " + database, e);
        }
    }

    /** Ends one server process as a fast shutdown ends each (its client then meets SQLSTATE 57P01). */
    public static void terminate(int backendPid) {
        try (Connection c = server().getPostgresDatabase().getConnection();
                PreparedStatement s = c.prepareStatement("select pg_terminate_backend(?)")) {
            s.setInt(1, backendPid);
            s.execute();
        } catch (SQLException e) {
            throw new IllegalStateException("could not terminate server process " + backendPid, e);
        }
    }
}
