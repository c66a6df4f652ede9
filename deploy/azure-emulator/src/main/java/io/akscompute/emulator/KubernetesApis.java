package io.akscompute.emulator;

import io.fabric8.kubernetes.api.model.Config;
import io.fabric8.kubernetes.api.model.ConfigBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.VersionInfo;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.dsl.HttpMethod;
import io.fabric8.mockwebserver.http.Buffer;
import io.fabric8.mockwebserver.http.Headers;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One Kubernetes object store per emulated cluster (fabric8's CRUD dispatcher, see {@link CloudController}),
 * created the first time the cluster's API is used. There is no server per cluster: {@link KubernetesFront} serves
 * every cluster's API over the emulator's HTTPS port, under {@code /kubernetes/<sub>/<rg>/<name>}, and hands each
 * request to the cluster's store in-process, so a cluster costs only its objects. Objects live in memory only: they
 * are gone after the emulator restarts, the clusters themselves are not.
 */
final class KubernetesApis implements AutoCloseable {

    /** One cluster's API: its object store and the {@code /version} document of the version it first ran. */
    record ClusterApi(CloudController store, String version) {
        /** A request of the emulator's own to the store, in-process: a read before a patch, a seed, a cascade. */
        MockResponse call(HttpMethod method, String path, byte[] json) {
            Headers headers = json.length == 0 ? Headers.builder().build()
                    : Headers.builder().add("Content-Type", "application/json").build();
            return store.dispatch(new RecordedRequest("HTTP/1.1", method, path, headers, new Buffer(json)));
        }
    }

    private final Map<String, ClusterApi> apis = new ConcurrentHashMap<>();
    private volatile String frontUrl;
    private volatile String caData;

    /** Where {@link KubernetesFront} serves, and the CA (PEM) that issued its certificate. */
    void servedAt(String frontUrl, String caPem) {
        this.frontUrl = frontUrl.endsWith("/") ? frontUrl.substring(0, frontUrl.length() - 1) : frontUrl;
        this.caData = Base64.getEncoder().encodeToString(caPem.getBytes(StandardCharsets.US_ASCII));
    }

    /** The cluster's API path under the front: stable across emulator restarts, as a cluster's FQDN is. */
    static String path(String sub, String rg, String name) {
        return "/kubernetes/" + sub + "/" + rg + "/" + name;
    }

    /** The namespaces every AKS cluster starts with. */
    static final List<String> INITIAL_NAMESPACES = List.of("default", "kube-node-lease", "kube-public", "kube-system");

    /** The cluster's API, created if needed, with the namespaces a new cluster has. */
    ClusterApi api(String clusterKey, String location, String patchVersion) {
        return apis.computeIfAbsent(clusterKey, key -> {
            ClusterApi api = new ClusterApi(new CloudController(key, VersionCatalog.normalizeLocation(location)),
                    version(patchVersion));
            for (String namespace : INITIAL_NAMESPACES) {
                api.call(HttpMethod.POST, "/api/v1/namespaces", Serialization.asJson(new NamespaceBuilder()
                        .withNewMetadata().withName(namespace).endMetadata().build()).getBytes(StandardCharsets.UTF_8));
            }
            return api;
        });
    }

    /**
     * A kubeconfig for the cluster's API server.
     *
     * @param clusterPath    the cluster's path under the front ({@link #path})
     * @param clusterName    the cluster's name (names the kubeconfig's cluster and context)
     * @param userName       the kubeconfig user ({@code clusterAdmin_rg_name} or {@code clusterUser_rg_name})
     * @param token          the bearer token written into the kubeconfig
     */
    String kubeconfig(String clusterPath, String clusterName, String userName, String token) {
        String context = userName.startsWith("clusterAdmin") ? clusterName + "-admin" : clusterName;
        Config config = new ConfigBuilder()
                .withApiVersion("v1")
                .withKind("Config")
                .addNewCluster()
                    .withName(clusterName)
                    .withNewCluster()
                        .withServer(frontUrl + clusterPath)
                        .withCertificateAuthorityData(caData)
                    .endCluster()
                .endCluster()
                .addNewContext()
                    .withName(context)
                    .withNewContext().withCluster(clusterName).withUser(userName).endContext()
                .endContext()
                .withCurrentContext(context)
                .addNewUser()
                    .withName(userName)
                    .withNewUser().withToken(token).endUser()
                .endUser()
                .build();
        return Serialization.asYaml(config);
    }

    /** Forgets the cluster's API (its objects are gone). */
    void remove(String clusterKey) {
        apis.remove(clusterKey);
    }

    @Override
    public void close() {
        apis.clear();
    }

    private static String version(String patchVersion) {
        String[] parts = patchVersion.split("\\.");
        return Serialization.asJson(new VersionInfo.Builder()
                .withMajor(parts[0])
                .withMinor(parts.length > 1 ? parts[1] : "0")
                .withGitVersion("v" + patchVersion)
                .withPlatform("linux/amd64")
                .build());
    }
}
