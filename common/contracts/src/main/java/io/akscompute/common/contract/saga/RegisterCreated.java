package io.akscompute.common.contract.saga;

import io.akscompute.common.contract.model.AksNetworkingConfiguration;
import io.akscompute.common.contract.model.ClusterPurpose;
import io.akscompute.common.contract.model.LoadBalancerType;
import io.akscompute.common.contract.model.SslConfiguration;

/**
 * Payload of {@link ParticipantAction#RegisterCreated}: the cluster the provisioner created, as the registry
 * shows it, and the TLS tls-manager configured on it ({@code tls} null when TLS is disabled).
 */
public record RegisterCreated(
        String clusterResourceId,
        String location,
        String kubernetesVersion,
        int agentCount,
        String agentVmSize,
        ClusterPurpose clusterPurpose,
        LoadBalancerType loadBalancerType,
        String loadBalancerSubnet,
        AksNetworkingConfiguration aksNetworkingConfiguration,
        SslConfiguration sslConfiguration,
        TlsConfigured tls,
        String description,
        String clusterFqdn) {
}
