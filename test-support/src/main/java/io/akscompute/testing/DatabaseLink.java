package io.akscompute.testing;

import io.akscompute.emulator.EmulatorControl;
import io.akscompute.emulator.Fault;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.awaitility.Awaitility;

/**
 * A TCP link between a service and the shared PostgreSQL that a test can cut: {@link #cut()} closes every open
 * connection and stops listening, so the service meets what it meets when its database goes away (connections
 * reset, new ones refused); {@link #restore()} listens on the same port again. The shared server stays up for the
 * other tests.
 */
public final class DatabaseLink {
    private static DatabaseLink current;

    private final InetSocketAddress target;
    private final int port;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private volatile ServerSocket server;

    private DatabaseLink(InetSocketAddress target) throws IOException {
        this.target = target;
        this.server = listen(0);
        this.port = server.getLocalPort();
        accept(server);
    }

    /** The link of this JVM, to the shared PostgreSQL; started on first use. */
    public static synchronized DatabaseLink current() {
        if (current == null) {
            URI jdbc = URI.create(Postgres.jdbcUrl("postgres").substring("jdbc:".length()));
            try {
                current = new DatabaseLink(new InetSocketAddress(jdbc.getHost(), jdbc.getPort()));
            } catch (IOException e) {
                throw new IllegalStateException("could not open the database link", e);
            }
        }
        return current;
    }

    /**
     * Makes the next emulator request of {@code operation} (an ARM operation id, or {@code Kubernetes_<Method>} for a
     * cluster's API server) take {@code call}, starts the work, waits for that request to begin, and takes the
     * database away for {@code outage}: the request ends within the outage, so the result of the call it is part of
     * meets the database away.
     */
    public static void outageDuringTheNextCall(String operation, Duration call, Duration outage, Runnable start)
            throws Exception {
        EmulatorControl emulator = Azure.emulator().control();
        long before = emulator.requestCount(operation);
        emulator.injectFault(Fault.hang(operation, 1, call));
        DatabaseLink link = current();
        try {
            start.run();
            Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(20))
                    .until(() -> emulator.requestCount(operation) > before);
            link.cut();
            Thread.sleep(outage.toMillis()); // the outage's length, not a wait for something to happen
        } finally {
            link.restore();
            emulator.clearFaults();
        }
    }

    /** The JDBC URL of a database of the shared server, through this link. */
    public String jdbcUrl(String database) {
        return Postgres.jdbcUrl(database).replace(":" + target.getPort() + "/", ":" + port + "/");
    }

    /** The database goes away: open connections are reset, new ones refused. */
    public synchronized void cut() throws IOException {
        server.close();
        for (Socket s : open) {
            try {
                s.setSoLinger(true, 0); // a reset, as when the server's host goes
            } catch (SocketException closedMeanwhile) {
                // by its pump, as its other side went
            }
            close(s);
        }
        open.clear();
    }

    /** The database is back, on the same port. */
    public synchronized void restore() throws IOException {
        if (server.isClosed()) {
            server = listen(port);
            accept(server);
        }
    }

    private static ServerSocket listen(int port) throws IOException {
        ServerSocket s = new ServerSocket();
        s.setReuseAddress(true);
        s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        return s;
    }

    private void accept(ServerSocket listening) {
        Thread acceptor = new Thread(() -> {
            while (!listening.isClosed()) {
                try {
                    Socket client = listening.accept();
                    Socket db = new Socket(target.getHostString(), target.getPort());
                    open.add(client);
                    open.add(db);
                    pump(client, db);
                    pump(db, client);
                } catch (IOException e) {
                    // closed by cut(), or one connection failed: the service sees it as such
                }
            }
        }, "database-link-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    private void pump(Socket from, Socket to) {
        Thread t = new Thread(() -> {
            byte[] buffer = new byte[16384];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                for (int n; (n = in.read(buffer)) >= 0; ) {
                    out.write(buffer, 0, n);
                }
            } catch (SocketException e) {
                // cut, or the other side closed
            } catch (IOException e) {
                // the same
            } finally {
                close(from);
                close(to);
            }
        }, "database-link-pump");
        t.setDaemon(true);
        t.start();
    }

    private void close(Socket s) {
        open.remove(s);
        try {
            s.close();
        } catch (IOException e) {
            // already gone
        }
    }
}
