package io.akscompute.common.azure;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ArmCallMetricsTest {

    @Test
    void theApiTagNamesTheResourceTypeWithoutTheNames() {
        assertThat(ArmCallMetrics.api("/subscriptions/s/resourceGroups/rg/providers/Microsoft.ContainerService/"
                + "managedClusters/my-aks/agentPools/nodepool1"))
                .isEqualTo("Microsoft.ContainerService/managedClusters/agentPools");
        assertThat(ArmCallMetrics.api("/subscriptions/s/resourceGroups/rg/providers/Microsoft.ContainerService/"
                + "managedClusters/my-aks/listClusterAdminCredential"))
                .isEqualTo("Microsoft.ContainerService/managedClusters/listClusterAdminCredential");
        assertThat(ArmCallMetrics.api("/subscriptions/s/providers/Microsoft.ContainerService/locations/westus/"
                + "kubernetesVersions")).isEqualTo("Microsoft.ContainerService/locations/kubernetesVersions");
        assertThat(ArmCallMetrics.api("/subscriptions/s/providers/Microsoft.Compute/skus"))
                .isEqualTo("Microsoft.Compute/skus");
        assertThat(ArmCallMetrics.api("/subscriptions/s/resourcegroups/my-rg")).isEqualTo("resourceGroups");
    }
}
