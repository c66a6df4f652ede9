package io.akscompute.emulator;

import io.fabric8.kubernetes.api.model.Config;
import io.fabric8.kubernetes.api.model.ConfigBuilder;
import io.fabric8.kubernetes.client.VersionInfo;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.ServerRequest;
import io.fabric8.mockwebserver.ServerResponse;
import io.fabric8.mockwebserver.http.Dispatcher;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.fabric8.mockwebserver.internal.MockDispatcher;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One Kubernetes API store per emulated cluster (fabric8's mock server in CRUD mode, plain HTTP on loopback),
 * started the first time the cluster's API is used. Clients never reach it directly: {@link KubernetesFront}
 * serves every cluster's API over the emulator's HTTPS port, under {@code /kubernetes/<sub>/<rg>/<name>}, checks
 * the kubeconfig's token and answers discovery. Objects live in memory only: they are gone after the emulator
 * restarts, the clusters themselves are not.
 */
final class KubernetesApis implements AutoCloseable {

    private final Map<String, KubernetesMockServer> servers = new ConcurrentHashMap<>();
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

    /** The base URL of the cluster's store (plain HTTP on loopback), starting it if needed. */
    String backend(String clusterKey, String location, String patchVersion) {
        KubernetesMockServer server = servers.computeIfAbsent(clusterKey,
                key -> start(key, VersionCatalog.normalizeLocation(location), patchVersion));
        return server.url("/").toString().replaceAll("/$", "");
    }

    /**
     * A kubeconfig for the cluster's API server, starting it if needed.
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

    /** Stops the cluster's API server (its objects are gone). */
    void remove(String clusterKey) {
        KubernetesMockServer server = servers.remove(clusterKey);
        if (server != null) {
            server.destroy();
        }
    }

    @Override
    public void close() {
        servers.keySet().forEach(this::remove);
    }

    private static KubernetesMockServer start(String clusterKey, String location, String patchVersion) {
        Map<ServerRequest, Queue<ServerResponse>> expectations = new HashMap<>();
        KubernetesMockServer server = new KubernetesMockServer(new Context(Serialization.jsonMapper()),
                new MockWebServer(), expectations,
                new ExpectationsThenCrud(expectations, new CloudController(clusterKey, location)), false,
                versionInfo(patchVersion));
        // Plain HTTP on loopback: TLS, authentication and discovery are the front's.
        server.init(InetAddress.getLoopbackAddress(), 0);
        return server;
    }

    private static VersionInfo versionInfo(String patchVersion) {
        String[] parts = patchVersion.split("\\.");
        return new VersionInfo.Builder()
                .withMajor(parts[0])
                .withMinor(parts.length > 1 ? parts[1] : "0")
                .withGitVersion("v" + patchVersion)
                .withPlatform("linux/amd64")
                .build();
    }

    /**
     * Serves the mock server's own expectations ({@code /} and {@code /version}) first, everything else
     * from the CRUD store: what fabric8's mixed dispatcher does, with our {@link CloudController} as store.
     */
    private static final class ExpectationsThenCrud extends Dispatcher {
        private final MockDispatcher expectations;
        private final Map<ServerRequest, Queue<ServerResponse>> responses;
        private final CloudController crud;

        ExpectationsThenCrud(Map<ServerRequest, Queue<ServerResponse>> responses, CloudController crud) {
            this.responses = responses;
            this.expectations = new MockDispatcher(responses);
            this.crud = crud;
        }

        @Override
        public MockResponse dispatch(RecordedRequest request) {
            Queue<ServerResponse> queued = responses.get(new io.fabric8.mockwebserver.internal.SimpleRequest(
                    io.fabric8.mockwebserver.dsl.HttpMethod.valueOf(request.getMethod()), request.getPath()));
            if (queued != null && !queued.isEmpty()) {
                return expectations.dispatch(request);
            }
            return crud.dispatch(request);
        }
    }
}
