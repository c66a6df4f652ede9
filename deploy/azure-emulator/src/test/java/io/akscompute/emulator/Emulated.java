package io.akscompute.emulator;

import com.azure.resourcemanager.containerservice.fluent.models.ManagedClusterInner;
import com.azure.resourcemanager.containerservice.models.AgentPoolMode;
import com.azure.resourcemanager.containerservice.models.AgentPoolType;
import com.azure.resourcemanager.containerservice.models.ContainerServiceNetworkProfile;
import com.azure.resourcemanager.containerservice.models.LoadBalancerSku;
import com.azure.resourcemanager.containerservice.models.ManagedClusterAgentPoolProfile;
import com.azure.resourcemanager.containerservice.models.ManagedClusterApiServerAccessProfile;
import com.azure.resourcemanager.containerservice.models.NetworkPlugin;
import com.azure.resourcemanager.containerservice.models.OSType;
import io.akscompute.common.azure.AzureClients;
import io.akscompute.common.azure.AzureSettings;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** Test helpers: an emulator with short delays, the real SDK clients for it, a plain HTTPS client. */
final class Emulated {

    /** Bound for every blocking SDK call, so a bug fails a test instead of hanging the build. */
    static final Duration TIMEOUT = Duration.ofSeconds(20);

    private Emulated() {
    }

    static AzureEmulator start(Path stateDir) throws IOException {
        return AzureEmulator.start(EmulatorOptions.defaults()
                .withStateDir(stateDir)
                .withSettings(EmulatorSettings.defaults().withProvisioningDelay(Duration.ofMillis(300))));
    }

    /** The factory every service uses, pointed at the emulator. */
    static AzureClients clients(AzureEmulator emulator) {
        return new AzureClients(AzureSettings.emulator(emulator.armUrl(), emulator.caPem()));
    }

    /** A cluster body with every field attach looks at set. */
    static ManagedClusterInner clusterBody(String location) {
        return new ManagedClusterInner()
                .withLocation(location)
                .withTags(Map.of("purpose", "test"))
                .withKubernetesVersion("1.31")
                .withDnsPrefix("aks1")
                .withAgentPoolProfiles(List.of(new ManagedClusterAgentPoolProfile()
                        .withName("agentpool")
                        .withCount(3)
                        .withVmSize("Standard_D3_v2")
                        .withMode(AgentPoolMode.SYSTEM)
                        .withType(AgentPoolType.VIRTUAL_MACHINE_SCALE_SETS)
                        .withOsType(OSType.LINUX)))
                .withNetworkProfile(new ContainerServiceNetworkProfile()
                        .withNetworkPlugin(NetworkPlugin.KUBENET)
                        .withLoadBalancerSku(LoadBalancerSku.STANDARD)
                        .withServiceCidr("10.1.0.0/16")
                        .withDnsServiceIp("10.1.0.10"))
                .withApiServerAccessProfile(new ManagedClusterApiServerAccessProfile()
                        .withEnablePrivateCluster(false)
                        .withAuthorizedIpRanges(List.of("203.0.113.0/24")));
    }

    /** A JDK HTTP client trusting the emulator through its PKCS12 truststore (the other trust file). */
    static HttpClient https(AzureEmulator emulator) throws Exception {
        KeyStore trustStore = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(emulator.truststore())) {
            trustStore.load(in, emulator.truststorePassword().toCharArray());
        }
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(trustStore);
        SSLContext ssl = SSLContext.getInstance("TLS");
        ssl.init(null, trust.getTrustManagers(), null);
        return HttpClient.newBuilder().sslContext(ssl).connectTimeout(TIMEOUT).build();
    }

    static HttpResponse<String> send(HttpClient http, String method, URI uri, String body, String... headers)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(TIMEOUT)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        for (int i = 0; i + 1 < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
