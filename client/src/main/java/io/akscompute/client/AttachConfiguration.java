package io.akscompute.client;

import io.akscompute.common.contract.command.AttachCluster;
import io.akscompute.common.contract.model.ClusterPurpose;
import io.akscompute.common.contract.model.LoadBalancerType;

/** An existing cluster, as {@code AksCompute.attach_configuration(...)}: by resource id, or group and name. */
public final class AttachConfiguration extends SslSettings<AttachConfiguration> {
    private final String resourceId;
    private final String resourceGroup;
    private final String clusterName;
    private ClusterPurpose clusterPurpose;
    private LoadBalancerType loadBalancerType;
    private String loadBalancerSubnet;
    private String description;

    AttachConfiguration(String resourceId, String resourceGroup, String clusterName) {
        this.resourceId = resourceId;
        this.resourceGroup = resourceGroup;
        this.clusterName = clusterName;
    }

    @Override
    AttachConfiguration self() {
        return this;
    }

    /** Default: FastProd, which needs at least 12 vCPUs in the cluster. */
    public AttachConfiguration clusterPurpose(ClusterPurpose clusterPurpose) {
        this.clusterPurpose = clusterPurpose;
        return this;
    }

    public AttachConfiguration loadBalancer(LoadBalancerType type, String subnet) {
        this.loadBalancerType = type;
        this.loadBalancerSubnet = subnet;
        return this;
    }

    public AttachConfiguration description(String description) {
        this.description = description;
        return this;
    }

    AttachCluster command(String workspace, String computeName) {
        return new AttachCluster(workspace, computeName, resourceId, resourceGroup, clusterName, clusterPurpose,
                loadBalancerType, loadBalancerSubnet, ssl, description);
    }
}
