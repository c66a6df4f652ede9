package io.akscompute.common.contract.event;

import io.akscompute.common.contract.model.AksNetworkingConfiguration;
import io.akscompute.common.contract.model.ClusterPurpose;
import io.akscompute.common.contract.model.LoadBalancerType;
import io.akscompute.common.contract.model.SslStatus;
import java.time.Instant;
import java.util.List;

/**
 * A compute as ARM shows an {@code AKS} compute of a workspace (no key material, ever); {@code drift} lists how
 * its cluster differs from the record, as the attacher's last drift check found it (null when it does not).
 */
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
        Properties properties,
        List<DriftDifference> drift) {

    /** A compute without drift: {@code drift} is null and absent from the JSON. */
    public ComputeSnapshot(String workspace, String name, String provisioningState, List<String> provisioningErrors,
            boolean isAttachedCompute, String resourceId, String computeLocation, Instant createdOn,
            Instant modifiedOn, String description, Properties properties) {
        this(workspace, name, provisioningState, provisioningErrors, isAttachedCompute, resourceId, computeLocation,
                createdOn, modifiedOn, description, properties, null);
    }

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
