package io.akscompute.common.rules;

import static io.akscompute.common.rules.Violations.quote;

import io.akscompute.common.contract.model.ClusterPurpose;
import java.util.Optional;

/** Node count, VM size and cluster purpose of the one agent pool Azure ML clusters have. */
final class AgentPoolRules {
    /** Azure ML refuses production clusters below this many vCPUs in total. */
    static final int PRODUCTION_MIN_VCPUS = 12;
    /** AKS limit for one Virtual Machine Scale Sets node pool. */
    static final int MAX_AGENT_COUNT = 1000;

    private AgentPoolRules() {
    }

    /** CreateCluster, after defaults: purpose, count and size are all known. */
    static void checkCreate(int agentCount, String agentVmSize, ClusterPurpose purpose, Violations v) {
        checkCount(agentCount, purpose, v);
        Optional<VmSize> size = checkVmSize(agentVmSize, v);
        if (size.isPresent() && purpose.isProduction() && agentCount >= 1) {
            checkProductionVcpus(agentCount, size.get(), purpose, v);
        }
    }

    /** ScaleCluster: only the count is known here; the provisioner checks it against the cluster's purpose. */
    static void checkScale(Integer agentCount, Violations v) {
        if (agentCount == null) {
            v.add("agentCount", "agentCount is missing; give the number of nodes the cluster should have (at least 1)");
            return;
        }
        checkCount(agentCount, ClusterPurpose.DevTest, v);
    }

    private static void checkCount(int agentCount, ClusterPurpose purpose, Violations v) {
        if (agentCount > MAX_AGENT_COUNT) {
            v.add("agentCount", "agentCount is " + agentCount + "; an AKS node pool holds at most " + MAX_AGENT_COUNT
                    + " nodes");
        } else if (agentCount < 1) {
            v.add("agentCount", "agentCount is " + agentCount + "; a cluster needs at least 1 node"
                    + (purpose.isProduction() ? " (a production cluster at least 3)" : ""));
        } else if (agentCount < purpose.minimumAgentCount()) {
            v.add("agentCount", "agentCount is " + agentCount + "; a production cluster (clusterPurpose " + purpose
                    + ") needs at least " + purpose.minimumAgentCount()
                    + " nodes; use clusterPurpose DevTest for a smaller dev/test cluster");
        }
    }

    private static Optional<VmSize> checkVmSize(String agentVmSize, Violations v) {
        Optional<VmSize> size = VmSizes.find(agentVmSize);
        if (size.isEmpty()) {
            v.add("agentVmSize", "agentVmSize " + quote(String.valueOf(agentVmSize))
                    + " is not an Azure VM size akscompute knows; the closest known sizes are "
                    + String.join(", ", VmSizes.closest(agentVmSize, 3)));
        }
        return size;
    }

    private static void checkProductionVcpus(int agentCount, VmSize size, ClusterPurpose purpose, Violations v) {
        int total = agentCount * size.vCpus();
        if (total < PRODUCTION_MIN_VCPUS) {
            v.add("agentVmSize", "a production cluster (clusterPurpose " + purpose + ") needs at least "
                    + PRODUCTION_MIN_VCPUS + " vCPUs in total, but " + agentCount + " x " + size.name() + " ("
                    + size.vCpus() + " vCPUs each) gives " + total
                    + "; choose a larger agentVmSize (e.g. Standard_D3_v2 with 4 vCPUs), more nodes, "
                    + "or clusterPurpose DevTest");
        }
    }
}
