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

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One Kubernetes API server per emulated cluster (fabric8's mock server in CRUD mode over HTTPS),
 * started the first time someone asks for the cluster's credentials. Objects live in memory only: they
 * are gone after the emulator restarts, the clusters themselves are not.
 */
final class KubernetesApis implements AutoCloseable {

    private final Map<String, KubernetesMockServer> servers = new ConcurrentHashMap<>();

    /**
     * A kubeconfig for the cluster's API server, starting it if needed.
     *
     * @param clusterKey     the cluster's identity inside the emulator
     * @param clusterName    the cluster's name (names the kubeconfig's cluster and context)
     * @param location       its region, for DNS labels of LoadBalancer Services
     * @param patchVersion   its Kubernetes version, reported by {@code /version}
     * @param userName       the kubeconfig user ({@code clusterAdmin_rg_name} or {@code clusterUser_rg_name})
     * @param token          the bearer token written into the kubeconfig
     */
    String kubeconfig(String clusterKey, String clusterName, String location, String patchVersion,
                      String userName, String token) {
        KubernetesMockServer server = servers.computeIfAbsent(clusterKey,
                key -> start(key, VersionCatalog.normalizeLocation(location), patchVersion));
        String context = userName.startsWith("clusterAdmin") ? clusterName + "-admin" : clusterName;
        Config config = new ConfigBuilder()
                .withApiVersion("v1")
                .withKind("Config")
                .addNewCluster()
                    .withName(clusterName)
                    .withNewCluster()
                        .withServer(server.url("/").toString().replaceAll("/$", ""))
                        .withCertificateAuthorityData(certificateAuthorityData(server))
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
                new ExpectationsThenCrud(expectations, new CloudController(clusterKey, location)), true,
                versionInfo(patchVersion));
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

    /** The mock server makes its own self-signed certificate; the kubeconfig tells the client to trust it. */
    private static String certificateAuthorityData(KubernetesMockServer server) {
        try {
            String pem = Files.readString(Path.of(server.getSelfSignedCertificate().certificatePath()),
                    StandardCharsets.US_ASCII);
            return Base64.getEncoder().encodeToString(pem.getBytes(StandardCharsets.US_ASCII));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the Kubernetes API's certificate", e);
        }
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
