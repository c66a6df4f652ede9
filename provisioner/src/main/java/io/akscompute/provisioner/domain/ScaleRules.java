package io.akscompute.provisioner.domain;

import io.akscompute.common.contract.event.Detail;
import io.akscompute.common.contract.model.ClusterPurpose;
import io.akscompute.common.rules.VmSizes;
import java.util.ArrayList;
import java.util.List;

/** What a ScaleCluster may change on a created cluster: the node count only, within the purpose's minimums. */
public final class ScaleRules {
    static final int PRODUCTION_MIN_VCPUS = 12;

    private ScaleRules() {
    }

    public static List<Detail> check(ClusterPurpose purpose, String currentVmSize, int agentCount,
            String requestedVmSize) {
        List<Detail> v = new ArrayList<>();
        if (requestedVmSize != null && !requestedVmSize.equalsIgnoreCase(currentVmSize)) {
            v.add(new Detail("agentVmSize", "the cluster's nodes are " + currentVmSize + "; AKS cannot change the VM "
                    + "size of a node pool; create a new cluster with " + requestedVmSize + " instead"));
        }
        if (agentCount < purpose.minimumAgentCount()) {
            v.add(new Detail("agentCount", "agentCount is " + agentCount + "; a production cluster (clusterPurpose "
                    + purpose + ") needs at least " + purpose.minimumAgentCount() + " nodes"));
        } else if (purpose.isProduction()) {
            int vcpus = VmSizes.find(currentVmSize).map(s -> s.vCpus()).orElse(0);
            if (vcpus > 0 && agentCount * vcpus < PRODUCTION_MIN_VCPUS) {
                v.add(new Detail("agentCount", "a production cluster (clusterPurpose " + purpose + ") needs at least "
                        + PRODUCTION_MIN_VCPUS + " vCPUs in total, but " + agentCount + " x " + currentVmSize + " ("
                        + vcpus + " vCPUs each) gives " + agentCount * vcpus));
            }
        }
        return v;
    }
}
