package io.akscompute.common.azure;

import com.azure.resourcemanager.containerservice.ContainerServiceManager;
import com.azure.resourcemanager.containerservice.fluent.models.CredentialResultsInner;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.akscompute.common.contract.TrustedCa;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.http.HttpClient;
import io.fabric8.kubernetes.client.internal.CertUtils;
import io.fabric8.kubernetes.client.internal.SSLUtils;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.fabric8.kubernetes.client.utils.Utils;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import javax.net.ssl.KeyManager;
import javax.net.ssl.TrustManager;

/** Turns the kubeconfig AKS hands out into a fabric8 client for that cluster's Kubernetes API. */
public final class KubernetesClients {

    /**
     * One JSON mapping for every client: each builds its own otherwise, and learns the model's classes again for each
     * new cluster (in a burst of attaches a tenth of the attacher's CPU).
     */
    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();
    private static final PatchContext MERGE = PatchContext.of(PatchType.JSON_MERGE);

    private KubernetesClients() {
    }

    /**
     * Sends a create, for what is usually absent: one request. False when it exists already (409), for the caller to
     * leave or update; any other failure is thrown.
     */
    public static boolean createUnlessPresent(Runnable create) {
        try {
            create.run();
            return true;
        } catch (RuntimeException e) {
            if (AzureFailures.isConflict(e)) {
                return false;
            }
            throw e;
        }
    }

    /**
     * Brings an object to what is wanted in one request when the guess is right: probably present, a JSON merge
     * patch first (404: created); probably absent, a create first (409: patched). {@code patch} is the merge patch
     * (RFC 7386) that makes the object what is wanted, nulls for what must go ({@link #mergePatchOf} to start it).
     * {@code wanted} is the client's {@code resource(object)}: holding the object, fabric8 patches without reading
     * it first.
     */
    public static <T extends HasMetadata> void createOrPatch(Resource<T> wanted, ObjectNode patch,
            boolean probablyPresent) {
        if (probablyPresent && patchUnlessAbsent(wanted, patch)) {
            return;
        }
        if (!createUnlessPresent(() -> wanted.create())) {
            wanted.patch(MERGE, patch.toString());
        }
    }

    /** The object as a merge patch: every field it sets, for the caller to add the nulls of fields that must go. */
    public static ObjectNode mergePatchOf(HasMetadata wanted) {
        return SERIALIZATION.convertValue(wanted, ObjectNode.class);
    }

    private static <T> boolean patchUnlessAbsent(Resource<T> resource, ObjectNode patch) {
        try {
            resource.patch(MERGE, patch.toString());
            return true;
        } catch (RuntimeException e) {
            if (AzureFailures.isNotFound(e)) {
                return false;
            }
            throw e;
        }
    }

    /** A client for the cluster a kubeconfig (YAML) points at, using its current context. */
    public static KubernetesClient fromKubeconfig(String kubeconfig) {
        return builder(kubeconfig).build();
    }

    /** The same on a shared HTTP client factory (one Vert.x for every cluster), as {@link ClusterClients} keeps them. */
    public static KubernetesClient fromKubeconfig(String kubeconfig, HttpClient.Factory http) {
        return builder(kubeconfig).withHttpClientFactory(http).build();
    }

    /**
     * The cluster's API server is trusted through the kubeconfig's certificate authority alone, as kubectl trusts it.
     * fabric8 would add that CA to a copy of the JDK's trust store, so that any public CA could vouch for a cluster,
     * and it reads and parses that store again for every new cluster's client.
     */
    private static KubernetesClientBuilder builder(String kubeconfig) {
        Config config = Config.fromKubeconfig(kubeconfig);
        // One quick try again (a kept-alive connection the server had closed); the saga's step retries the rest,
        // with its backoff and a progress event each time, where fabric8 would try ten times out of sight.
        config.setRequestRetryBackoffLimit(1);
        KubernetesClientBuilder builder = new KubernetesClientBuilder().withKubernetesSerialization(SERIALIZATION);
        if (config.isTrustCerts() || (Utils.isNullOrEmpty(config.getCaCertData())
                && Utils.isNullOrEmpty(config.getCaCertFile()))) {
            return builder.withConfig(config);
        }
        TrustManager[] clusterCa;
        KeyManager[] clientCertificate;
        try {
            clusterCa = TrustedCa.trustManagers(CertUtils.getInputStreamFromDataOrFile(config.getCaCertData(),
                    config.getCaCertFile()), "the kubeconfig's certificate-authority");
            clientCertificate = SSLUtils.keyManagers(config);
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException("the kubeconfig's certificates cannot be read: " + e.getMessage(), e);
        }
        config.setCaCertData(null);
        config.setCaCertFile(null);
        return builder.withConfig(config)
                .withHttpClientBuilderConsumer(http -> http.sslContext(clientCertificate, clusterCa));
    }

    /** Same, from the bytes the SDK returns ({@code CredentialResult.value()}, already base64-decoded). */
    public static KubernetesClient fromKubeconfig(byte[] kubeconfig) {
        return fromKubeconfig(new String(kubeconfig, StandardCharsets.UTF_8));
    }

    /** The admin client of the cluster a resource id names, in the subscription it names. */
    public static KubernetesClient adminClient(AzureClients clients, String clusterResourceId) {
        return fromKubeconfig(adminKubeconfig(clients, clusterResourceId));
    }

    /** The admin client of a cluster of the manager's subscription. */
    public static KubernetesClient adminClient(ContainerServiceManager manager, String resourceGroup, String cluster) {
        return fromKubeconfig(adminKubeconfig(manager, resourceGroup, cluster));
    }

    /** The cluster's admin kubeconfig (YAML), as {@code az aks get-credentials --admin} fetches it. */
    public static String adminKubeconfig(AzureClients clients, String clusterResourceId) {
        ClusterRef cluster = ClusterRef.parse(clusterResourceId);
        return adminKubeconfig(clients.containerServiceManager(cluster.subscriptionId()), cluster.resourceGroup(),
                cluster.name());
    }

    /** Fetches the cluster's admin kubeconfig ({@code listClusterAdminCredential}). */
    public static String adminKubeconfig(ContainerServiceManager manager, String resourceGroup, String cluster) {
        CredentialResultsInner credentials = manager.serviceClient().getManagedClusters()
                .listClusterAdminCredentials(resourceGroup, cluster);
        if (credentials.kubeconfigs() == null || credentials.kubeconfigs().isEmpty()) {
            throw new IllegalStateException("no admin kubeconfig for cluster " + resourceGroup + "/" + cluster);
        }
        return new String(credentials.kubeconfigs().get(0).value(), StandardCharsets.UTF_8);
    }
}
