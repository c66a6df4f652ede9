package io.akscompute.common.contract.event;

import io.akscompute.common.contract.model.AksNetworkingConfiguration;
import io.akscompute.common.contract.model.ClusterPurpose;
import io.akscompute.common.contract.model.LoadBalancerType;
import io.akscompute.common.contract.model.SslStatus;
import java.time.Instant;
import java.util.List;

/** A compute as ARM shows an {@code AKS} compute of a workspace (no key material, ever). */
public record ComputeSnapshot(
        String workspace,
        String name,
        String provisioningState,
        List<String> provisioningErrors,
        boolean isAttachedCompute,
        String resourceId,
        String computeLocation,
        Instant createdOn,
        Instant modifiedOn,
        String description,
        Properties properties) {

    public record Properties(
            String clusterFqdn,
            List<SystemService> systemServices,
            Integer agentCount,
            String agentVmSize,
            ClusterPurpose clusterPurpose,
            Ssl sslConfiguration,
            AksNetworkingConfiguration aksNetworkingConfiguration,
            LoadBalancerType loadBalancerType,
            String loadBalancerSubnet,
            String kubernetesVersion) {
    }

    public record SystemService(String systemServiceType, String publicIpAddress, String version) {
    }

    public record Ssl(SslStatus status, String certificateRef, String cname, String leafDomainLabel, String fqdn) {
    }
}
