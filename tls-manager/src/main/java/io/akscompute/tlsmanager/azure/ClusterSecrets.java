package io.akscompute.tlsmanager.azure;

import io.akscompute.common.azure.ClusterClients;
import io.akscompute.common.azure.ClusterRef;
import io.akscompute.common.azure.KubernetesClients;
import io.akscompute.common.contract.InClusterNames;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.dsl.NonDeletingOperation;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.jboss.logging.Logger;

/**
 * Writes and deletes the {@code azuremlfessl} secret in a cluster, through the admin kubeconfig AKS hands out, in
 * the subscription the cluster's id names. Failures are Azure's or Kubernetes' own; callers classify them.
 */
@ApplicationScoped
public class ClusterSecrets {
    private static final Logger LOG = Logger.getLogger(ClusterSecrets.class);

    @Inject
    ClusterClients clusters;

    public void write(ClusterRef cluster, String certPem, String keyPem) {
        clusters.run(cluster.id(), k8s -> {
            // One there already (the front end's, or an earlier write's) is fine: akscompute sets nothing in it.
            KubernetesClients.createUnlessPresent(() -> k8s.namespaces().resource(new NamespaceBuilder()
                    .withNewMetadata().withName(InClusterNames.NAMESPACE).endMetadata().build()).create());
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
        });
    }

    /** Deletes the secret; true if there was one. */
    public boolean delete(ClusterRef cluster) {
        return clusters.call(cluster.id(), k8s -> {
            boolean deleted = !k8s.secrets().inNamespace(InClusterNames.NAMESPACE)
                    .withName(InClusterNames.TLS_SECRET).delete().isEmpty();
            LOG.infof("%s secret %s/%s in cluster %s/%s", deleted ? "deleted" : "there was no", InClusterNames.NAMESPACE,
                    InClusterNames.TLS_SECRET, cluster.resourceGroup(), cluster.name());
            return deleted;
        });
    }

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }
}
