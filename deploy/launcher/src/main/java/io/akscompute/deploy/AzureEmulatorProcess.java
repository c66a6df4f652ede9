package io.akscompute.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import io.akscompute.common.contract.Json;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * The Azure emulator as its own process on https://localhost:8443/, its state (clusters, trust material) kept
 * under the suite's directory, so clusters survive a restart of the suite.
 */
final class AzureEmulatorProcess {
    static final int PORT = 8443;
    static final String ENDPOINT = "https://localhost:" + PORT + "/";
    static final String SUBSCRIPTION = "00000000-0000-0000-0000-000000000000";
    /** The cluster the demo attaches as production. */
    static final String PROD_RG = "ml-rg";
    static final String PROD_CLUSTER = "prod-aks";
    /** A cluster whose Kubernetes version is no longer supported: attach must refuse it. */
    static final String OLD_CLUSTER = "legacy-aks";

    private final Path stateDir;
    private final Path moduleDir;
    private ManagedProcess process;

    AzureEmulatorProcess(Path stateDir, Path moduleDir) {
        this.stateDir = stateDir;
        this.moduleDir = moduleDir;
    }

    Path caPem() {
        return stateDir.resolve("ca.pem");
    }

    /** Settings a service needs to use this emulator as its Azure. */
    Map<String, String> serviceSettings() {
        return Map.of("akscompute.azure.endpoint", ENDPOINT, "akscompute.azure.trust-pem",
                caPem().toAbsolutePath().toString(), "akscompute.azure.subscription-id", SUBSCRIPTION);
    }

    ManagedProcess start(Path logDir) throws Exception {
        Path lib = moduleDir.resolve("target/lib");
        Path classes = moduleDir.resolve("target/classes");
        if (!Files.isDirectory(lib) || !Files.isDirectory(classes)) {
            throw new IllegalStateException("the Azure emulator is not built (" + lib + "); build first (mvn install)");
        }
        Files.createDirectories(stateDir);
        process = ManagedProcess.start("azure-emulator", List.of(LocalSuite.javaBinary(), "-Xmx256m",
                "-cp", classes.toAbsolutePath() + ":" + lib.toAbsolutePath() + "/*",
                "io.akscompute.emulator.AzureEmulatorMain", "--port", String.valueOf(PORT),
                "--state-dir", stateDir.toAbsolutePath().toString()), Map.of(), logDir);
        awaitReady();
        seed();
        return process;
    }

    private HttpClient http() throws Exception {
        KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
        trust.load(null, null);
        try (InputStream pem = Files.newInputStream(caPem())) {
            trust.setCertificateEntry("azure-emulator", CertificateFactory.getInstance("X.509").generateCertificate(pem));
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext ssl = SSLContext.getInstance("TLS");
        ssl.init(null, tmf.getTrustManagers(), null);
        return HttpClient.newBuilder().sslContext(ssl).connectTimeout(Duration.ofSeconds(2)).build();
    }

    private void awaitReady() throws Exception {
        Instant deadline = Instant.now().plusSeconds(60);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the Azure emulator exited:\n" + process.tail(30));
            }
            if (Files.exists(caPem())) {
                try {
                    HttpResponse<String> r = http().send(HttpRequest.newBuilder(URI.create(ENDPOINT + "_emulator/health"))
                            .build(), HttpResponse.BodyHandlers.ofString());
                    if (r.statusCode() == 200) {
                        return;
                    }
                } catch (IOException notYet) {
                    // still starting
                }
            }
            Thread.sleep(300); // polling a process that is starting: nothing to wait on but time
        }
        throw new IllegalStateException("the Azure emulator was not ready after 60 s:\n" + process.tail(30));
    }

    /** The demo's clusters, created once: a restart keeps what the suite did to them. */
    private void seed() throws Exception {
        HttpClient http = http();
        HttpResponse<String> clusters = http.send(HttpRequest.newBuilder(URI.create(ENDPOINT + "_emulator/clusters"))
                .build(), HttpResponse.BodyHandlers.ofString());
        JsonNode existing = Json.MAPPER.readTree(clusters.body());
        seed(http, existing, PROD_CLUSTER, "1.32.7", 3, "Standard_D4s_v3");
        seed(http, existing, OLD_CLUSTER, "1.27.9", 3, "Standard_D3_v2");
    }

    private static void seed(HttpClient http, JsonNode existing, String name, String version, int agents, String vmSize)
            throws Exception {
        if (existing.toString().contains("/managedClusters/" + name + "\"")) {
            return;
        }
        String body = """
                {"location":"westus","properties":{"kubernetesVersion":"%s","dnsPrefix":"%s",
                 "agentPoolProfiles":[{"name":"nodepool1","count":%d,"vmSize":"%s","mode":"System"}],
                 "networkProfile":{"loadBalancerSku":"standard"}}}""".formatted(version, name, agents, vmSize);
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(ENDPOINT + "_emulator/subscriptions/"
                + SUBSCRIPTION + "/resourceGroups/" + PROD_RG + "/managedClusters/" + name))
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() / 100 != 2) {
            throw new IllegalStateException("seeding cluster " + name + " failed: " + r.statusCode() + " " + r.body());
        }
    }
}
