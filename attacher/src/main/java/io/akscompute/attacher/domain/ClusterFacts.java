package io.akscompute.attacher.domain;

import java.util.List;

/** What attach needs to know of an AKS cluster, read from ARM. */
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
        String fqdn) {
}
