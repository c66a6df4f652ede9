package io.akscompute.deploy;

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
 * The Azure emulator as its own process on https://localhost:PORT/, its state (clusters, trust material) kept
 * under the suite's directory, so clusters survive a restart of the suite.
 */
final class AzureEmulatorProcess {
    static final String SUBSCRIPTION = "00000000-0000-0000-0000-000000000000";
    /** The cluster the tour attaches as production. */
    static final String PROD_RG = "ml-rg";
    static final String PROD_CLUSTER = "prod-aks";
    /** A cluster whose Kubernetes version is no longer supported: attach must refuse it. */
    static final String OLD_CLUSTER = "legacy-aks";

    /** The emulator's process name: its log file and its AOT cache are named after it. */
    static final String NAME = "azure-emulator";

    private final Path stateDir;
    private final Path repo;
    private final int port;
    /** The JDK's AOT cache the emulator starts with; null: none. */
    private final AotCache aot;
    private ManagedProcess process;
    private HttpClient http;

    AzureEmulatorProcess(Path stateDir, Path repo, int port, AotCache aot) {
        this.stateDir = stateDir;
        this.repo = repo;
        this.port = port;
        this.aot = aot;
    }

    /** The emulator's jar, from the build of deploy/azure-emulator (its libraries beside it in target/lib). */
    static Path jar(Path repo) {
        return repo.resolve("deploy/azure-emulator/target/akscompute-azure-emulator.jar");
    }

    String endpoint() {
        return "https://localhost:" + port + "/";
    }

    Path caPem() {
        return stateDir.resolve("ca.pem");
    }

    /** Settings a service needs to use this emulator as its Azure. */
    Map<String, String> serviceSettings() {
        return Map.of("akscompute.azure.endpoint", endpoint(), "akscompute.azure.trust-pem",
                caPem().toAbsolutePath().toString(), "akscompute.azure.subscription-id", SUBSCRIPTION);
    }

    ManagedProcess start(Path logDir) throws Exception {
        Path jar = jar(repo);
        Path lib = jar.resolveSibling("lib");
        if (!Files.isDirectory(lib) || !Files.exists(jar)) {
            throw new IllegalStateException("the Azure emulator is not built (" + jar + "); build first (mvn install)");
        }
        Files.createDirectories(stateDir);
        List<String> aotOptions = aot == null ? List.of() : aot.jvmOptions(NAME, jar);
        List<String> command = new java.util.ArrayList<>(List.of(Suite.javaBinary()));
        command.addAll(aotOptions);
        command.addAll(List.of("-Xmx256m", "-cp", jar.toAbsolutePath() + ":" + lib.toAbsolutePath() + "/*",
                "io.akscompute.emulator.AzureEmulatorMain", "--port", String.valueOf(port),
                "--state-dir", stateDir.toAbsolutePath().toString()));
        process = ManagedProcess.start(NAME, command, Map.of(), logDir, AotCache.stopGrace(aotOptions));
        awaitReady();
        seed();
        return process;
    }

    /** A client trusting the emulator's CA, made once the CA file exists (the emulator writes it at its first start). */
    private synchronized HttpClient http() throws Exception {
        if (http != null) {
            return http;
        }
        KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
        trust.load(null, null);
        try (InputStream pem = Files.newInputStream(caPem())) {
            trust.setCertificateEntry("azure-emulator", CertificateFactory.getInstance("X.509").generateCertificate(pem));
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext ssl = SSLContext.getInstance("TLS");
        ssl.init(null, tmf.getTrustManagers(), null);
        http = HttpClient.newBuilder().sslContext(ssl).connectTimeout(Duration.ofSeconds(2)).build();
        return http;
    }

    private void awaitReady() throws Exception {
        Instant deadline = Instant.now().plusSeconds(60);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the Azure emulator exited:\n" + process.tail(30));
            }
            if (Files.exists(caPem())) {
                try {
                    HttpResponse<String> r = http().send(HttpRequest.newBuilder(URI.create(endpoint() + "_emulator/health"))
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

    /** Calls the control API ({@code /_emulator/...}); answers the body, fails on a status other than 2xx. */
    String control(String method, String path, String json) throws Exception {
        HttpRequest.BodyPublisher body = json == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(json);
        HttpResponse<String> r = http().send(HttpRequest.newBuilder(URI.create(endpoint() + "_emulator/" + path))
                .header("Content-Type", "application/json").method(method, body).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() / 100 != 2) {
            throw new IllegalStateException(method + " /_emulator/" + path + " answered " + r.statusCode() + " "
                    + r.body());
        }
        return r.body();
    }

    /** Puts a cluster in place at once (no LRO), as if someone had created it in the portal. */
    void seedCluster(String resourceGroup, String name, String version, int agents, String vmSize) throws Exception {
        control("PUT", "subscriptions/" + SUBSCRIPTION + "/resourceGroups/" + resourceGroup + "/managedClusters/"
                + name, """
                {"location":"westus","properties":{"kubernetesVersion":"%s","dnsPrefix":"%s",
                 "agentPoolProfiles":[{"name":"nodepool1","count":%d,"vmSize":"%s","mode":"System"}],
                 "networkProfile":{"loadBalancerSku":"standard"}}}""".formatted(version, name, agents, vmSize));
    }

    /** The tour's clusters, created once: a restart keeps what the suite did to them. */
    private void seed() throws Exception {
        String existing = control("GET", "clusters", null);
        if (!existing.contains("/managedClusters/" + PROD_CLUSTER + "\"")) {
            seedCluster(PROD_RG, PROD_CLUSTER, "1.32.7", 3, "Standard_D4s_v3");
        }
        if (!existing.contains("/managedClusters/" + OLD_CLUSTER + "\"")) {
            seedCluster(PROD_RG, OLD_CLUSTER, "1.27.9", 3, "Standard_D3_v2");
        }
    }
}
