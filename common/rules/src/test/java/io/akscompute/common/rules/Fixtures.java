package io.akscompute.common.rules;

import io.akscompute.common.contract.command.AttachCluster;
import io.akscompute.common.contract.command.CreateCluster;
import io.akscompute.common.contract.command.UpdateCluster;
import io.akscompute.common.contract.model.AksNetworkingConfiguration;
import io.akscompute.common.contract.model.ClusterPurpose;
import io.akscompute.common.contract.model.LoadBalancerType;
import io.akscompute.common.contract.model.SslConfiguration;
import io.akscompute.common.contract.model.SslStatus;
import java.util.Map;

/** Valid commands, and the one-field variations the tests break them with. */
final class Fixtures {
    static final String WS = "ml-workspace_1";
    static final String RESOURCE_ID =
            "/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/ml-rg/providers/"
                    + "Microsoft.ContainerService/managedClusters/prod-aks";

    private Fixtures() {
    }

    static CreateCluster create() {
        return create("myaks", 3, "Standard_D3_v2", ClusterPurpose.FastProd);
    }

    static CreateCluster create(String computeName, Integer agentCount, String vmSize, ClusterPurpose purpose) {
        return new CreateCluster(WS, computeName, "westeurope", "ml-rg", agentCount, vmSize, purpose,
                null, null, null, null, "scoring cluster", Map.of("team", "ml"));
    }

    static CreateCluster createWithNetwork(AksNetworkingConfiguration network) {
        return new CreateCluster(WS, "myaks", "westeurope", null, 3, "Standard_D3_v2", null,
                network, null, null, null, null, null);
    }

    static CreateCluster createWith(LoadBalancerType lb, String subnet, SslConfiguration ssl) {
        return new CreateCluster(WS, "myaks", "westeurope", null, null, null, null,
                null, lb, subnet, ssl, null, null);
    }

    static AksNetworkingConfiguration network(String serviceCidr, String dnsServiceIp, String dockerBridgeCidr) {
        return new AksNetworkingConfiguration("vnet-rg", "ml-vnet", "aks-subnet", serviceCidr, dnsServiceIp,
                dockerBridgeCidr);
    }

    static AksNetworkingConfiguration validNetwork() {
        return network("10.0.0.0/16", "10.0.0.10", "172.17.0.1/16");
    }

    static AttachCluster attach(String resourceId, String resourceGroup, String clusterName) {
        return new AttachCluster(WS, "attached", resourceId, resourceGroup, clusterName, null, null, null, null,
                null);
    }

    static AttachCluster attachWith(LoadBalancerType lb, String subnet, SslConfiguration ssl) {
        return new AttachCluster(WS, "attached", RESOURCE_ID, null, null, ClusterPurpose.DevTest, lb, subnet, ssl,
                null);
    }

    static UpdateCluster update(SslConfiguration ssl, LoadBalancerType lb, String subnet) {
        return new UpdateCluster(WS, "myaks", ssl, lb, subnet);
    }

    static SslConfiguration ssl(SslStatus status, String certificateRef, String cname, String leafDomainLabel,
                                Boolean overwriteExistingDomain, Boolean renew) {
        return new SslConfiguration(status, certificateRef, cname, leafDomainLabel, overwriteExistingDomain, renew);
    }
}
