package io.akscompute.deploy;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;

/** Where each part of the suite listens: fixed for the local suite, free ones for the end-to-end tests. */
record SuitePorts(int kafka, int kafkaController, int postgres, int azure, int versionCatalog, int provisioner,
        int attacher, int tlsManager, int console, int signIn) {

    /** What README and CLI defaults assume. */
    static final SuitePorts LOCAL = new SuitePorts(9092, 9093, 15432, 8443, 8081, 8082, 8083, 8084, 8080, 8090);

    /**
     * Below the kernel's ephemeral range (32768 and up here), which the suite's own outgoing connections draw from:
     * a port picked from that range and bound only later by a starting service can be taken by one of them.
     */
    static final int FIRST = 20000;
    static final int LAST = 32000;

    /** Ports free right now, so a test suite can run beside a local suite. */
    static SuitePorts free() throws IOException {
        List<Integer> p = free(10);
        return new SuitePorts(p.get(0), p.get(1), p.get(2), p.get(3), p.get(4), p.get(5), p.get(6), p.get(7), p.get(8),
                p.get(9));
    }

    /** {@code count} ports no one listens on now, from a random point of the range on. */
    static List<Integer> free(int count) throws IOException {
        List<Integer> ports = new ArrayList<>();
        int span = LAST - FIRST;
        int start = java.util.concurrent.ThreadLocalRandom.current().nextInt(span);
        for (int i = 0; i < span && ports.size() < count; i++) {
            int port = FIRST + (start + i) % span;
            try (ServerSocket probe = new ServerSocket(port)) {
                ports.add(port);
            } catch (IOException inUse) {
                // taken: the next one
            }
        }
        if (ports.size() < count) {
            throw new IOException("fewer than " + count + " free ports between " + FIRST + " and " + LAST);
        }
        return ports;
    }

    List<Integer> all() {
        return List.of(kafka, kafkaController, postgres, azure, versionCatalog, provisioner, attacher, tlsManager,
                console, signIn);
    }

    String bootstrap() {
        return "localhost:" + kafka;
    }

    /** The web console: a user of the suite, not one of its services (no database, no topic of its own). */
    ServiceProcess consoleProcess() {
        return new ServiceProcess("console", null, console);
    }

    /** The four services, in start order. */
    List<ServiceProcess> services() {
        return List.of(
                new ServiceProcess("version-catalog", "version_catalog", versionCatalog),
                new ServiceProcess("provisioner", "provisioner", provisioner),
                new ServiceProcess("attacher", "attacher", attacher),
                new ServiceProcess("tls-manager", "tls_manager", tlsManager));
    }
}
