package io.akscompute.deploy;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;

/** Where each part of the suite listens: fixed for the local suite, free ones for the end-to-end tests. */
record SuitePorts(int kafka, int kafkaController, int postgres, int azure, int versionCatalog, int provisioner,
        int attacher, int tlsManager) {

    /** What README and CLI defaults assume. */
    static final SuitePorts LOCAL = new SuitePorts(9092, 9093, 15432, 8443, 8081, 8082, 8083, 8084);

    /** Ports free right now, so a test suite can run beside a local suite. */
    static SuitePorts free() throws IOException {
        int[] p = new int[8];
        List<ServerSocket> held = new ArrayList<>();
        try {
            for (int i = 0; i < p.length; i++) {
                ServerSocket s = new ServerSocket(0);
                held.add(s);
                p[i] = s.getLocalPort();
            }
        } finally {
            for (ServerSocket s : held) {
                s.close();
            }
        }
        return new SuitePorts(p[0], p[1], p[2], p[3], p[4], p[5], p[6], p[7]);
    }

    List<Integer> all() {
        return List.of(kafka, kafkaController, postgres, azure, versionCatalog, provisioner, attacher, tlsManager);
    }

    String bootstrap() {
        return "localhost:" + kafka;
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
