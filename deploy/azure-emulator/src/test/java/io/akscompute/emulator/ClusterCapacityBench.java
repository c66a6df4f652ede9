package io.akscompute.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.azure.resourcemanager.containerservice.fluent.ManagedClustersClient;

import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * How many clusters the emulator holds: seeds N clusters and gives each what an attach leaves in it (a namespace,
 * a secret, a LoadBalancer Service, a Deployment) through its Kubernetes API, then reports the heap in use after a
 * full GC, per cluster, and the emulator's threads. Run by deploy/bench/emulator-capacity.sh with the heap the
 * launcher gives the emulator.
 */
public final class ClusterCapacityBench {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    public static void main(String[] args) throws Exception {
        int clusters = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        Path state = Files.createTempDirectory("emulator-capacity");
        try (AzureEmulator emulator = AzureEmulator.start(EmulatorOptions.defaults().withStateDir(state))) {
            HttpClient http = Emulated.https(emulator);
            ManagedClustersClient arm = Emulated.clients(emulator).containerServiceManager().serviceClient()
                    .getManagedClusters();
            long before = usedAfterGc();
            long start = System.nanoTime();
            for (int i = 0; i < clusters; i++) {
                String name = "cap-" + i;
                emulator.control().seedCluster(ClusterSeed.of("capacity-rg", name));
                JsonNode kubeconfig = YAML.readTree(arm.listClusterAdminCredentials("capacity-rg", name)
                        .kubeconfigs().get(0).value());
                String server = kubeconfig.at("/clusters/0/cluster/server").asText();
                String token = kubeconfig.at("/users/0/user/token").asText();
                create(http, server + "/api/v1/namespaces", token,
                        "{\"apiVersion\":\"v1\",\"kind\":\"Namespace\",\"metadata\":{\"name\":\"azureml\"}}");
                create(http, server + "/api/v1/namespaces/azureml/secrets", token,
                        "{\"apiVersion\":\"v1\",\"kind\":\"Secret\",\"metadata\":{\"name\":\"scoring-tls\"},"
                                + "\"stringData\":{\"tls.crt\":\"" + "c".repeat(1500) + "\",\"tls.key\":\""
                                + "k".repeat(1700) + "\"}}");
                create(http, server + "/api/v1/namespaces/azureml/services", token,
                        "{\"apiVersion\":\"v1\",\"kind\":\"Service\",\"metadata\":{\"name\":\"azureml-fe\"},"
                                + "\"spec\":{\"type\":\"LoadBalancer\",\"ports\":[{\"port\":443}],"
                                + "\"selector\":{\"app\":\"azureml-fe\"}}}");
                create(http, server + "/apis/apps/v1/namespaces/azureml/deployments", token,
                        "{\"apiVersion\":\"apps/v1\",\"kind\":\"Deployment\",\"metadata\":{\"name\":\"azureml-fe\"},"
                                + "\"spec\":{\"replicas\":3,\"selector\":{\"matchLabels\":{\"app\":\"azureml-fe\"}},"
                                + "\"template\":{\"metadata\":{\"labels\":{\"app\":\"azureml-fe\"}},\"spec\":"
                                + "{\"containers\":[{\"name\":\"fe\",\"image\":\"azureml-fe:1\"}]}}}}");
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            long used = usedAfterGc() - before;
            System.out.printf("| %d | %d MB | %.0f MB | %.1f kB | %d | %.1f ms |%n", clusters,
                    Runtime.getRuntime().maxMemory() >> 20, used / 1048576.0, used / 1024.0 / clusters,
                    ManagementFactory.getThreadMXBean().getThreadCount(), seconds * 1000 / clusters);
        }
    }

    private static void create(HttpClient http, String url, String token, String body) throws Exception {
        HttpResponse<String> response = Emulated.send(http, "POST", URI.create(url), body,
                "Authorization", "Bearer " + token);
        if (response.statusCode() != 201 && response.statusCode() != 200) {
            throw new IllegalStateException("POST " + url + " answered " + response.statusCode() + ": "
                    + response.body());
        }
    }

    private static long usedAfterGc() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(100);
        }
        List<java.lang.management.MemoryPoolMXBean> pools = ManagementFactory.getMemoryPoolMXBeans();
        return pools.stream().filter(p -> p.getType() == java.lang.management.MemoryType.HEAP)
                .mapToLong(p -> p.getUsage().getUsed()).sum();
    }
}
