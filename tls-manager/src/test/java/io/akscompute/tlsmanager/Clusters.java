package io.akscompute.tlsmanager;

import io.akscompute.common.azure.KubernetesClients;
import io.akscompute.common.contract.InClusterNames;
import io.akscompute.emulator.AzureEmulator;
import io.akscompute.emulator.ClusterSeed;
import io.akscompute.testing.Azure;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.UUID;

/** Emulated AKS clusters for the tests, and what their Kubernetes API holds. */
public final class Clusters {
    public static final String RESOURCE_GROUP = "rg-tls-tests";

    private Clusters() {
    }

    /** Seeds a running cluster in westus; returns its ARM resource id. */
    public static String seed() {
        String name = "aks" + UUID.randomUUID().toString().substring(0, 8);
        Azure.emulator().control().seedCluster(ClusterSeed.of(RESOURCE_GROUP, name).location("westus"));
        return "/subscriptions/" + AzureEmulator.DEFAULT_SUBSCRIPTION_ID + "/resourceGroups/" + RESOURCE_GROUP
                + "/providers/Microsoft.ContainerService/managedClusters/" + name;
    }

    public static String name(String resourceId) {
        return resourceId.substring(resourceId.lastIndexOf('/') + 1);
    }

    public static KubernetesClient kubernetes(String resourceId) {
        return KubernetesClients.adminClient(Azure.clients().containerServiceManager(), RESOURCE_GROUP, name(resourceId));
    }

    /** The azuremlfessl secret, or null. */
    public static Secret tlsSecret(String resourceId) {
        try (KubernetesClient k8s = kubernetes(resourceId)) {
            return k8s.secrets().inNamespace(InClusterNames.NAMESPACE).withName(InClusterNames.TLS_SECRET).get();
        }
    }

    public static String data(Secret secret, String key) {
        return new String(Base64.getDecoder().decode(secret.getData().get(key)), StandardCharsets.UTF_8);
    }
}
