package io.akscompute.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.akscompute.common.azure.KubernetesClients;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How akscompute's clients reach a cluster's API server ({@code KubernetesClients}): trusted through the certificate
 * authority its kubeconfig carries and through no other, kubectl's rule (the JDK's trust store is pointed at another
 * CA, as a public CA would be in it, and a server with a certificate from that CA must be refused); and a failing
 * server is tried once more, not ten times, so that the saga's step, which reports each try, does the retrying.
 */
class KubernetesClientsTest {
    private static final String NAMESPACES = "{\"kind\":\"NamespaceList\",\"apiVersion\":\"v1\",\"metadata\":{},\"items\":[]}";

    @TempDir
    Path dir;

    private HttpsServer server;
    private final AtomicInteger requests = new AtomicInteger();
    private volatile int status = 200;
    private TlsMaterial trustedByTheJdk;
    private String previousTrustStore;
    private String previousPassword;

    @BeforeEach
    void start() throws Exception {
        trustedByTheJdk = TlsMaterial.loadOrCreate(dir.resolve("jdk"), "a CA in the JDK's trust store");
        server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(trustedByTheJdk.serverSslContext()));
        server.createContext("/", exchange -> {
            requests.incrementAndGet();
            byte[] body = (status == 200 ? NAMESPACES : "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":"
                    + "\"Failure\",\"code\":" + status + "}").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        previousTrustStore = System.getProperty("javax.net.ssl.trustStore");
        previousPassword = System.getProperty("javax.net.ssl.trustStorePassword");
        System.setProperty("javax.net.ssl.trustStore", trustedByTheJdk.truststore().toString());
        System.setProperty("javax.net.ssl.trustStorePassword", TlsMaterial.TRUSTSTORE_PASSWORD);
    }

    @AfterEach
    void stop() {
        restore("javax.net.ssl.trustStore", previousTrustStore);
        restore("javax.net.ssl.trustStorePassword", previousPassword);
        if (server != null) {
            server.stop(0);
        }
    }

    @Test
    void aServerVouchedForByAnotherCaThanTheClustersIsRefused() throws Exception {
        TlsMaterial clusterCa = TlsMaterial.loadOrCreate(dir.resolve("cluster"), "the cluster's CA");
        try (KubernetesClient client = KubernetesClients.fromKubeconfig(kubeconfig(clusterCa.caPem()))) {
            Throwable refused = assertThrows(RuntimeException.class, () -> client.namespaces().list(),
                    "a certificate the cluster's CA did not issue");
            assertTrue(handshakeFailure(refused), "the failure is the TLS handshake: " + refused);
        }
    }

    @Test
    void theCaTheKubeconfigCarriesIsTrusted() throws Exception {
        try (KubernetesClient client = KubernetesClients.fromKubeconfig(kubeconfig(trustedByTheJdk.caPem()))) {
            assertTrue(client.namespaces().list().getItems().isEmpty());
        }
    }

    @Test
    void anUnavailableServerIsTriedOnceMoreAndTheFailureGoesToTheStep() throws Exception {
        status = 503;
        try (KubernetesClient client = KubernetesClients.fromKubeconfig(kubeconfig(trustedByTheJdk.caPem()))) {
            KubernetesClientException failed = assertThrows(KubernetesClientException.class,
                    () -> client.namespaces().list());
            assertEquals(503, failed.getCode(), failed.toString());
        }
        assertEquals(2, requests.get(), "the request and one try again");
    }

    private String kubeconfig(Path ca) throws Exception {
        String caData = Base64.getEncoder().encodeToString(Files.readAllBytes(ca));
        return """
                apiVersion: v1
                kind: Config
                clusters:
                - name: aks
                  cluster:
                    server: https://127.0.0.1:%d
                    certificate-authority-data: %s
                users:
                - name: admin
                  user:
                    token: a-token
                contexts:
                - name: aks
                  context:
                    cluster: aks
                    user: admin
                current-context: aks
                """.formatted(server.getAddress().getPort(), caData);
    }

    private static boolean handshakeFailure(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof SSLHandshakeException) {
                return true;
            }
        }
        return false;
    }

    private static void restore(String property, String value) {
        if (value == null) {
            System.clearProperty(property);
        } else {
            System.setProperty(property, value);
        }
    }
}
