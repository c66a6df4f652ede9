package io.akscompute.common.contract.command;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.akscompute.common.contract.Command;
import io.akscompute.common.contract.model.AksNetworkingConfiguration;
import io.akscompute.common.contract.model.ClusterPurpose;
import io.akscompute.common.contract.model.LoadBalancerType;
import io.akscompute.common.contract.model.SslConfiguration;
import java.util.Map;

/** Azure ML's {@code AksCompute.provisioning_configuration}: a new AKS cluster for the workspace. */
public record CreateCluster(
        @JsonProperty(required = true) String workspace,
        @JsonProperty(required = true) String computeName,
        String location,
        String resourceGroup,
        Integer agentCount,
        String agentVmSize,
        ClusterPurpose clusterPurpose,
        AksNetworkingConfiguration aksNetworkingConfiguration,
        LoadBalancerType loadBalancerType,
        String loadBalancerSubnet,
        SslConfiguration sslConfiguration,
        String description,
        Map<String, String> tags) implements Command {

    public static final String DEFAULT_VM_SIZE = "Standard_D3_v2";
    public static final String DEFAULT_LOAD_BALANCER_SUBNET = "aks-subnet";

    /** Azure ML's defaults: FastProd, 3 agents (1 for DevTest), Standard_D3_v2, public load balancer. */
    public CreateCluster withDefaults() {
        ClusterPurpose purpose = clusterPurpose == null ? ClusterPurpose.FastProd : clusterPurpose;
        LoadBalancerType lb = loadBalancerType == null ? LoadBalancerType.PublicIp : loadBalancerType;
        return new CreateCluster(workspace, computeName, location, resourceGroup,
                agentCount == null ? purpose.minimumAgentCount() : agentCount,
                agentVmSize == null ? DEFAULT_VM_SIZE : agentVmSize,
                purpose, aksNetworkingConfiguration, lb,
                loadBalancerSubnet == null && lb == LoadBalancerType.InternalLoadBalancer
                        ? DEFAULT_LOAD_BALANCER_SUBNET : loadBalancerSubnet,
                sslConfiguration, description, tags == null ? Map.of() : tags);
    }
}
