package io.akscompute.attacher.azure;

import com.azure.core.management.exception.ManagementException;
import com.azure.resourcemanager.containerservice.ContainerServiceManager;
import com.azure.resourcemanager.containerservice.fluent.models.ManagedClusterInner;
import com.azure.resourcemanager.containerservice.models.ManagedClusterAgentPoolProfile;
import io.akscompute.attacher.domain.ClusterFacts;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Optional;

/** Reads an AKS cluster from ARM: what attach needs to judge it. */
@ApplicationScoped
public class ClusterLookup {

    @Inject
    ContainerServiceManager aks;

    /** Empty when ARM says the cluster (or its resource group) does not exist. */
    public Optional<ClusterFacts> find(String resourceGroup, String name) {
        ManagedClusterInner c;
        try {
            c = aks.serviceClient().getManagedClusters().getByResourceGroup(resourceGroup, name);
        } catch (ManagementException e) {
            if (e.getResponse() != null && e.getResponse().getStatusCode() == 404) {
                return Optional.empty();
            }
            throw e;
        }
        List<ManagedClusterAgentPoolProfile> pools = c.agentPoolProfiles() == null ? List.of() : c.agentPoolProfiles();
        int agents = pools.stream().mapToInt(p -> p.count() == null ? 0 : p.count()).sum();
        String vmSize = pools.isEmpty() ? null : pools.get(0).vmSize();
        var access = c.apiServerAccessProfile();
        return Optional.of(new ClusterFacts(c.id(), resourceGroup, c.name(), c.location(),
                c.currentKubernetesVersion() != null ? c.currentKubernetesVersion() : c.kubernetesVersion(),
                c.provisioningState(), agents, vmSize,
                access != null && Boolean.TRUE.equals(access.enablePrivateCluster()),
                access != null && Boolean.TRUE.equals(access.enablePrivateClusterPublicFqdn()),
                access == null || access.authorizedIpRanges() == null ? List.of() : access.authorizedIpRanges(),
                c.fqdn()));
    }

    /** {@code /subscriptions/s/resourceGroups/rg/providers/Microsoft.ContainerService/managedClusters/n} -> {rg, n}. */
    public static String[] resourceGroupAndName(String resourceId) {
        String[] s = resourceId.split("/");
        return new String[] { s[4], s[8] };
    }
}
