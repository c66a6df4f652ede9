package io.akscompute.client;

import io.akscompute.common.contract.command.CreateCluster;
import io.akscompute.common.contract.model.AksNetworkingConfiguration;
import io.akscompute.common.contract.model.ClusterPurpose;
import io.akscompute.common.contract.model.LoadBalancerType;
import java.util.Map;

/** A new cluster, as {@code AksCompute.provisioning_configuration(...)}; the service checks every field. */
public final class ProvisioningConfiguration extends SslSettings<ProvisioningConfiguration> {
    private String location;
    private String resourceGroup;
    private Integer agentCount;
    private String vmSize;
    private ClusterPurpose clusterPurpose;
    private AksNetworkingConfiguration network;
    private LoadBalancerType loadBalancerType;
    private String loadBalancerSubnet;
    private String description;
    private Map<String, String> tags;

    ProvisioningConfiguration() {
    }

    @Override
    ProvisioningConfiguration self() {
        return this;
    }

    /** Default: the workspace's. */
    public ProvisioningConfiguration location(String location) {
        this.location = location;
        return this;
    }

    /** Default: the workspace's. */
    public ProvisioningConfiguration resourceGroup(String resourceGroup) {
        this.resourceGroup = resourceGroup;
        return this;
    }

    /** Default: 3, or 1 for DevTest. */
    public ProvisioningConfiguration agentCount(int agentCount) {
        this.agentCount = agentCount;
        return this;
    }

    /** Default: {@value CreateCluster#DEFAULT_VM_SIZE}. */
    public ProvisioningConfiguration vmSize(String vmSize) {
        this.vmSize = vmSize;
        return this;
    }

    /** Default: FastProd. */
    public ProvisioningConfiguration clusterPurpose(ClusterPurpose clusterPurpose) {
        this.clusterPurpose = clusterPurpose;
        return this;
    }

    /** The virtual network: all six as {@code provisioning_configuration}'s vnet_* arguments, or none. */
    public ProvisioningConfiguration network(String vnetResourceGroupName, String vnetName, String subnetName,
            String serviceCidr, String dnsServiceIp, String dockerBridgeCidr) {
        this.network = new AksNetworkingConfiguration(vnetResourceGroupName, vnetName, subnetName, serviceCidr,
                dnsServiceIp, dockerBridgeCidr);
        return this;
    }

    /** Default: PublicIp; an InternalLoadBalancer's subnet defaults to aks-subnet. */
    public ProvisioningConfiguration loadBalancer(LoadBalancerType type, String subnet) {
        this.loadBalancerType = type;
        this.loadBalancerSubnet = subnet;
        return this;
    }

    public ProvisioningConfiguration description(String description) {
        this.description = description;
        return this;
    }

    public ProvisioningConfiguration tags(Map<String, String> tags) {
        this.tags = Map.copyOf(tags);
        return this;
    }

    CreateCluster command(String workspace, String computeName) {
        return new CreateCluster(workspace, computeName, location, resourceGroup, agentCount, vmSize, clusterPurpose,
                network, loadBalancerType, loadBalancerSubnet, ssl, description, tags);
    }
}
