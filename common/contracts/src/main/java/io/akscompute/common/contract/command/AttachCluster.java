package io.akscompute.common.contract.command;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.akscompute.common.contract.Command;
import io.akscompute.common.contract.model.ClusterPurpose;
import io.akscompute.common.contract.model.LoadBalancerType;
import io.akscompute.common.contract.model.SslConfiguration;

/** Azure ML's {@code AksCompute.attach_configuration}: either resourceId or resourceGroup + clusterName. */
public record AttachCluster(
        @JsonProperty(required = true) String workspace,
        @JsonProperty(required = true) String computeName,
        String resourceId,
        String resourceGroup,
        String clusterName,
        ClusterPurpose clusterPurpose,
        LoadBalancerType loadBalancerType,
        String loadBalancerSubnet,
        SslConfiguration sslConfiguration,
        String description) implements Command {

    public AttachCluster withDefaults() {
        return new AttachCluster(workspace, computeName, resourceId, resourceGroup, clusterName,
                clusterPurpose == null ? ClusterPurpose.FastProd : clusterPurpose,
                loadBalancerType == null ? LoadBalancerType.PublicIp : loadBalancerType,
                loadBalancerSubnet, sslConfiguration, description);
    }
}
