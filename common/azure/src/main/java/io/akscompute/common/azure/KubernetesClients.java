package io.akscompute.common.azure;

import com.azure.resourcemanager.containerservice.ContainerServiceManager;
import com.azure.resourcemanager.containerservice.fluent.models.CredentialResultsInner;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;

import java.nio.charset.StandardCharsets;

/** Turns the kubeconfig AKS hands out into a fabric8 client for that cluster's Kubernetes API. */
public final class KubernetesClients {

    private KubernetesClients() {
    }

    /** A client for the cluster a kubeconfig (YAML) points at, using its current context. */
    public static KubernetesClient fromKubeconfig(String kubeconfig) {
        return new KubernetesClientBuilder().withConfig(Config.fromKubeconfig(kubeconfig)).build();
    }

    /** Same, from the bytes the SDK returns ({@code CredentialResult.value()}, already base64-decoded). */
    public static KubernetesClient fromKubeconfig(byte[] kubeconfig) {
        return fromKubeconfig(new String(kubeconfig, StandardCharsets.UTF_8));
    }

    /** The admin client of the cluster a resource id names, in the subscription it names. */
    public static KubernetesClient adminClient(AzureClients clients, String clusterResourceId) {
        ClusterRef cluster = ClusterRef.parse(clusterResourceId);
        return adminClient(clients.containerServiceManager(cluster.subscriptionId()), cluster.resourceGroup(),
                cluster.name());
    }

    /** Fetches the cluster's admin kubeconfig ({@code listClusterAdminCredential}) and builds a client with it. */
    public static KubernetesClient adminClient(ContainerServiceManager manager, String resourceGroup, String cluster) {
        CredentialResultsInner credentials = manager.serviceClient().getManagedClusters()
                .listClusterAdminCredentials(resourceGroup, cluster);
        if (credentials.kubeconfigs() == null || credentials.kubeconfigs().isEmpty()) {
            throw new IllegalStateException("no admin kubeconfig for cluster " + resourceGroup + "/" + cluster);
        }
        return fromKubeconfig(credentials.kubeconfigs().get(0).value());
    }
}
