package io.akscompute.attacher.azure;

import com.azure.resourcemanager.containerservice.fluent.models.ManagedClusterInner;
import com.azure.resourcemanager.containerservice.models.AgentPoolMode;
import com.azure.resourcemanager.containerservice.models.ManagedClusterAgentPoolProfile;
import io.akscompute.attacher.domain.ClusterFacts;
import io.akscompute.common.azure.AzureClients;
import io.akscompute.common.azure.AzureFailures;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import io.akscompute.common.rules.VmSizes;
import java.util.List;
import java.util.Optional;

/** Reads an AKS cluster from ARM: what attach needs to judge it. */
@ApplicationScoped
public class ClusterLookup {

    @Inject
    AzureClients azure;

    /**
     * Empty when ARM says the cluster (or its resource group) does not exist. The cluster is looked up in the
     * subscription named (null: the configured one), never in another.
     */
    public Optional<ClusterFacts> find(String subscriptionId, String resourceGroup, String name) {
        ManagedClusterInner c;
        try {
            c = azure.containerServiceManager(subscriptionId).serviceClient().getManagedClusters()
                    .getByResourceGroup(resourceGroup, name);
        } catch (RuntimeException e) {
            if (AzureFailures.isNotFound(e)) {
                return Optional.empty();
            }
            throw e;
        }
        List<ManagedClusterAgentPoolProfile> pools = c.agentPoolProfiles() == null ? List.of() : c.agentPoolProfiles();
        List<VmSizes.Pool> facts = pools.stream().map(p -> new VmSizes.Pool(p.name(),
                p.count() == null ? 0 : p.count(), p.vmSize(), p.mode() == AgentPoolMode.SYSTEM)).toList();
        int agents = facts.stream().mapToInt(VmSizes.Pool::count).sum();
        String vmSize = facts.stream().filter(VmSizes.Pool::system).findFirst().or(() -> facts.stream().findFirst())
                .map(VmSizes.Pool::vmSize).orElse(null);
        var access = c.apiServerAccessProfile();
        return Optional.of(new ClusterFacts(c.id(), resourceGroup, c.name(), c.location(),
                c.currentKubernetesVersion() != null ? c.currentKubernetesVersion() : c.kubernetesVersion(),
                c.provisioningState(), agents, vmSize,
                access != null && Boolean.TRUE.equals(access.enablePrivateCluster()),
                access != null && Boolean.TRUE.equals(access.enablePrivateClusterPublicFqdn()),
                access == null || access.authorizedIpRanges() == null ? List.of() : access.authorizedIpRanges(),
                c.fqdn(), facts));
    }

}
