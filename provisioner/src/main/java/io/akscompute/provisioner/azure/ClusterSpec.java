package io.akscompute.provisioner.azure;

import com.azure.resourcemanager.containerservice.fluent.models.ManagedClusterInner;
import com.azure.resourcemanager.containerservice.models.AgentPoolMode;
import com.azure.resourcemanager.containerservice.models.AgentPoolType;
import com.azure.resourcemanager.containerservice.models.ContainerServiceNetworkProfile;
import com.azure.resourcemanager.containerservice.models.LoadBalancerSku;
import com.azure.resourcemanager.containerservice.models.ManagedClusterAgentPoolProfile;
import com.azure.resourcemanager.containerservice.models.ManagedClusterIdentity;
import com.azure.resourcemanager.containerservice.models.NetworkPlugin;
import com.azure.resourcemanager.containerservice.models.OSType;
import com.azure.resourcemanager.containerservice.models.ResourceIdentityType;
import io.akscompute.common.contract.model.AksNetworkingConfiguration;
import java.util.List;
import java.util.Map;

/**
 * The managed cluster as Azure ML asks for it: one system pool of the given size, the location's default version,
 * our tags; Azure CNI in the user's subnet when a virtual network is named, kubenet otherwise.
 */
public record ClusterSpec(String location, Map<String, String> tags, String dnsPrefix, String kubernetesVersion,
        String agentPool, int agentCount, String vmSize, AksNetworkingConfiguration network, String loadBalancerSku) {

    /** The body of the PUT, for the subscription the cluster is created in. */
    ManagedClusterInner body(String subscriptionId) {
        ManagedClusterAgentPoolProfile pool = new ManagedClusterAgentPoolProfile().withName(agentPool)
                .withCount(agentCount).withVmSize(vmSize).withMode(AgentPoolMode.SYSTEM)
                .withOsType(OSType.LINUX).withType(AgentPoolType.VIRTUAL_MACHINE_SCALE_SETS);
        ContainerServiceNetworkProfile profile = new ContainerServiceNetworkProfile()
                .withLoadBalancerSku(LoadBalancerSku.fromString(loadBalancerSku));
        if (network != null && network.subnetName() != null) {
            pool.withVnetSubnetId("/subscriptions/" + subscriptionId + "/resourceGroups/"
                    + network.vnetResourceGroupName() + "/providers/Microsoft.Network/virtualNetworks/"
                    + network.vnetName() + "/subnets/" + network.subnetName());
            profile.withNetworkPlugin(NetworkPlugin.AZURE).withServiceCidr(network.serviceCidr())
                    .withDnsServiceIp(network.dnsServiceIp());
        } else {
            profile.withNetworkPlugin(NetworkPlugin.KUBENET);
        }
        return new ManagedClusterInner().withLocation(location).withTags(tags)
                .withIdentity(new ManagedClusterIdentity().withType(ResourceIdentityType.SYSTEM_ASSIGNED))
                .withDnsPrefix(dnsPrefix).withKubernetesVersion(kubernetesVersion)
                .withAgentPoolProfiles(List.of(pool)).withNetworkProfile(profile);
    }
}
