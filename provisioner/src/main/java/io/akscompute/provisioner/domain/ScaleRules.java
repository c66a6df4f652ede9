package io.akscompute.provisioner.domain;

import io.akscompute.common.contract.LocationVersions.VmSize;
import io.akscompute.common.contract.event.Detail;
import io.akscompute.common.contract.model.ClusterPurpose;
import io.akscompute.common.rules.VmSizes;
import java.util.ArrayList;
import java.util.List;

/**
 * What a ScaleCluster may change on a created cluster: the node count only, within the purpose's minimums; nodes
 * are added only of a size the location still offers to the subscription.
 */
public final class ScaleRules {

    private ScaleRules() {
    }

    /** A scale from {@code currentCount} to {@code agentCount} nodes of the pool's {@code currentVmSize}. */
    public static List<Detail> check(ClusterPurpose purpose, String location, String pool, String currentVmSize,
            int currentCount, int agentCount, String requestedVmSize, List<VmSize> offered) {
        List<Detail> v = new ArrayList<>();
        if (requestedVmSize != null && !requestedVmSize.equalsIgnoreCase(currentVmSize)) {
            v.add(new Detail("agentVmSize", "the cluster's nodes are " + currentVmSize + "; AKS cannot change the VM "
                    + "size of a node pool; create a new cluster with " + requestedVmSize + " instead"));
        }
        if (agentCount > currentCount) {
            v.addAll(VmSizes.checkNewNodes("agentVmSize", currentVmSize, location, offered, false).violations()
                    .stream().map(d -> new Detail("agentCount", "no nodes can be added: " + d.message()
                            + "; scale down, or create a new cluster with an offered size"))
                    .toList());
        }
        if (agentCount < purpose.minimumAgentCount()) {
            v.add(new Detail("agentCount", "agentCount is " + agentCount + "; a production cluster (clusterPurpose "
                    + purpose + ") needs at least " + purpose.minimumAgentCount() + " nodes"));
        } else if (VmSizes.find(offered, currentVmSize).isPresent()) {
            // A size the location no longer lists cannot be counted: the count minimum above is what holds.
            VmSizes.checkProduction("agentCount", purpose, List.of(new VmSizes.Pool(pool, agentCount, currentVmSize,
                    true)), offered).ifPresent(v::add);
        }
        return v;
    }
}
