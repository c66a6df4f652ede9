package io.akscompute.tlsmanager.azure;

import com.azure.core.management.profile.AzureProfile;
import com.azure.resourcemanager.containerservice.ContainerServiceManager;
import io.akscompute.common.azure.AzureClients;
import io.akscompute.common.azure.KubernetesClients;
import io.akscompute.common.contract.InClusterNames;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.NonDeletingOperation;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * Writes and deletes the {@code azuremlfessl} secret in a cluster, through the admin kubeconfig AKS hands out.
 * Every failure becomes an {@link AzureFailure}.
 */
@ApplicationScoped
public class ClusterSecrets {
    private static final Logger LOG = Logger.getLogger(ClusterSecrets.class);

    @Inject
    AzureClients clients;

    private final Map<String, ContainerServiceManager> managers = new ConcurrentHashMap<>();

    public void write(String clusterResourceId, String certPem, String keyPem) {
        ClusterRef cluster = parse(clusterResourceId);
        try (KubernetesClient k8s = adminClient(cluster)) {
            if (k8s.namespaces().withName(InClusterNames.NAMESPACE).get() == null) {
                try {
                    k8s.namespaces().resource(new NamespaceBuilder().withNewMetadata()
                            .withName(InClusterNames.NAMESPACE).endMetadata().build()).create();
                } catch (KubernetesClientException e) {
                    if (e.getCode() != 409) { // created meanwhile is fine
                        throw e;
                    }
                }
            }
            Secret secret = new SecretBuilder().withNewMetadata()
                    .withName(InClusterNames.TLS_SECRET).withNamespace(InClusterNames.NAMESPACE)
                    .addToLabels("app.kubernetes.io/managed-by", "akscompute")
                    .endMetadata()
                    .withType("Opaque")
                    .addToData(InClusterNames.TLS_CERT_KEY, base64(certPem))
                    .addToData(InClusterNames.TLS_KEY_KEY, base64(keyPem))
                    .build();
            k8s.secrets().inNamespace(InClusterNames.NAMESPACE).resource(secret)
                    .createOr(NonDeletingOperation::update);
            LOG.infof("wrote secret %s/%s in cluster %s/%s", InClusterNames.NAMESPACE, InClusterNames.TLS_SECRET,
                    cluster.resourceGroup(), cluster.name());
        } catch (RuntimeException e) {
            throw AzureFailure.of("writing the TLS secret into cluster " + cluster.name(), e);
        }
    }

    /** Deletes the secret; true if there was one. */
    public boolean delete(String clusterResourceId) {
        ClusterRef cluster = parse(clusterResourceId);
        try (KubernetesClient k8s = adminClient(cluster)) {
            boolean deleted = !k8s.secrets().inNamespace(InClusterNames.NAMESPACE)
                    .withName(InClusterNames.TLS_SECRET).delete().isEmpty();
            LOG.infof("%s secret %s/%s in cluster %s/%s", deleted ? "deleted" : "there was no", InClusterNames.NAMESPACE,
                    InClusterNames.TLS_SECRET, cluster.resourceGroup(), cluster.name());
            return deleted;
        } catch (RuntimeException e) {
            throw AzureFailure.of("deleting the TLS secret from cluster " + cluster.name(), e);
        }
    }

    private static ClusterRef parse(String clusterResourceId) {
        try {
            return ClusterRef.parse(clusterResourceId);
        } catch (IllegalArgumentException e) {
            throw new AzureFailure(io.akscompute.common.contract.ErrorCode.ClusterNotFound, e.getMessage(), false, e);
        }
    }

    private KubernetesClient adminClient(ClusterRef cluster) {
        return KubernetesClients.adminClient(manager(cluster.subscriptionId()), cluster.resourceGroup(), cluster.name());
    }

    /** The configured subscription's manager, or one for the subscription the cluster lives in. */
    private ContainerServiceManager manager(String subscriptionId) {
        AzureProfile profile = clients.profile();
        if (subscriptionId.equalsIgnoreCase(profile.getSubscriptionId())) {
            return clients.containerServiceManager();
        }
        return managers.computeIfAbsent(subscriptionId.toLowerCase(java.util.Locale.ROOT),
                s -> ContainerServiceManager.configure().withHttpClient(clients.httpClient())
                        .authenticate(clients.credential(),
                                new AzureProfile(profile.getTenantId(), s, profile.getEnvironment())));
    }

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }
}
