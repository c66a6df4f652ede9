package io.akscompute.attacher.domain;

import io.akscompute.common.rules.VmSizes;
import java.util.List;

/**
 * What attach needs to know of an AKS cluster, read from ARM.
 *
 * @param agentCount  the nodes of all pools
 * @param agentVmSize the system pool's size (the first pool's when none is marked System)
 * @param pools       every node pool with its own count and size
 */
public record ClusterFacts(
        String resourceId,
        String resourceGroup,
        String name,
        String location,
        String kubernetesVersion,
        String provisioningState,
        int agentCount,
        String agentVmSize,
        boolean privateCluster,
        boolean privateClusterPublicFqdn,
        List<String> authorizedIpRanges,
        String fqdn,
        List<VmSizes.Pool> pools) {

    public ClusterFacts {
        // Facts kept by a saga that started before pools were read: the one pool they knew.
        pools = pools != null ? List.copyOf(pools)
                : List.of(new VmSizes.Pool("agentpool", agentCount, agentVmSize, true));
    }
}
