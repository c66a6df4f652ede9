package io.akscompute.common.rules;

import io.akscompute.common.contract.model.ClusterPurpose;

/**
 * Node count and cluster purpose of the one agent pool Azure ML clusters have; whether its VM size is offered
 * depends on the location ({@link VmSizes}, checked by the provisioner).
 */
final class AgentPoolRules {
    /** AKS limit for one Virtual Machine Scale Sets node pool. */
    static final int MAX_AGENT_COUNT = 1000;

    private AgentPoolRules() {
    }

    /** CreateCluster, after defaults: the count and the size's name; the size itself is checked per location. */
    static void checkCreate(int agentCount, String agentVmSize, ClusterPurpose purpose, Violations v) {
        checkCount(agentCount, purpose, v);
        VmSizes.checkName("agentVmSize", agentVmSize, v);
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
}
