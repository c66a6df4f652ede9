package io.akscompute.provisioner.domain;

import static org.assertj.core.api.Assertions.assertThat;

import io.akscompute.common.contract.ErrorCode;
import io.akscompute.common.contract.LocationVersions.VmSize;
import io.akscompute.common.contract.event.Detail;
import io.akscompute.common.contract.model.ClusterPurpose;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ProvisionerDomainTest {

    @Test
    void theDefaultVersionIsTheNewestPatchOfTheDefaultMinor() {
        var offered = List.of(new DefaultVersion.Minor("1.31", false, List.of("1.31.9", "1.31.10")),
                new DefaultVersion.Minor("1.32", true, List.of("1.32.9", "1.32.10", "1.32.7")));
        assertThat(DefaultVersion.of(offered)).contains("1.32.10");
        assertThat(DefaultVersion.of(List.of(new DefaultVersion.Minor("1.33", false, List.of())))).isEmpty();
        assertThat(DefaultVersion.of(List.of(new DefaultVersion.Minor("1.33", true, List.of())))).contains("1.33");
    }

    @Test
    void aTaggedClusterIsAnOrphanOnlyWhenNothingAccountsForIt() {
        String id = "/subscriptions/s/resourceGroups/rg/providers/Microsoft.ContainerService/managedClusters/c-1a2b3c";
        String other = id.replace("c-1a2b3c", "c-9f8e7d");
        var tags = ClusterTags.of(Map.of(), "ws", "c", UUID.randomUUID());
        // running | recorded cluster | recorded status | Azure's state | orphan?
        record Row(boolean running, String recorded, String status, String state, boolean orphan) {
        }
        for (Row r : List.of(
                new Row(true, null, null, "Creating", false),
                new Row(false, null, null, "Succeeded", true),
                new Row(false, id.toUpperCase(), "Succeeded", "Succeeded", false),
                new Row(false, other, "Succeeded", "Succeeded", true),
                new Row(false, id, "Creating", "Failed", true),
                new Row(false, id, "Deleting", "Succeeded", false),
                new Row(false, null, null, "Deleting", false))) {
            assertThat(ClusterTags.orphaned(id, tags, r.running(), r.recorded(), r.status(), r.state()).isPresent())
                    .as("%s", r).isEqualTo(r.orphan());
        }
        assertThat(ClusterTags.orphaned(id, tags, false, other, "Succeeded", "Succeeded")).get().asString()
                .contains("the compute is the cluster " + other);
        assertThat(ClusterTags.madeByAkscompute(Map.of("akscompute-created-by", "akscompute"))).isFalse();
        assertThat(ClusterTags.madeByAkscompute(tags)).isTrue();
    }

    static final List<VmSize> WESTUS = List.of(
            new VmSize("Standard_D2_v2", "standardDv2Family", 2, 7, null),
            new VmSize("Standard_D3_v2", "standardDv2Family", 4, 14, null),
            new VmSize("Standard_D4s_v3", "standardDSv3Family", 4, 16, null),
            new VmSize("Standard_NC24rs_v3", "standardNCSv3Family", 24, 448, "NotAvailableForSubscription"),
            new VmSize("Standard_NC24s_v3", "standardNCSv3Family", 24, 448, null));

    private static List<Detail> scale(ClusterPurpose purpose, String size, int from, int to, String requested) {
        return ScaleRules.check(purpose, "westus", "agentpool", size, from, to, requested, WESTUS);
    }

    @Test
    void scaleChangesTheCountOnly() {
        List<Detail> v = scale(ClusterPurpose.DevTest, "Standard_D3_v2", 1, 2, "Standard_D4s_v3");
        assertThat(v).extracting(Detail::field).containsExactly("agentVmSize");
        assertThat(v.get(0).message()).contains("AKS cannot change the VM size of a node pool; create a new cluster");
        assertThat(scale(ClusterPurpose.DevTest, "Standard_D3_v2", 1, 2, "standard_d3_v2")).isEmpty();
    }

    @Test
    void productionKeepsThreeNodesAndTwelveVcpus() {
        assertThat(scale(ClusterPurpose.FastProd, "Standard_D3_v2", 3, 2, null))
                .extracting(Detail::message).singleElement().asString().contains("at least 3 nodes");
        assertThat(scale(ClusterPurpose.FastProd, "Standard_D2_v2", 4, 3, null))
                .extracting(Detail::message).singleElement().asString().contains("12 vCPUs", "gives 3 nodes and 6");
        assertThat(scale(ClusterPurpose.FastProd, "Standard_D3_v2", 4, 3, null)).isEmpty();
        assertThat(scale(ClusterPurpose.DevTest, "Standard_D2_v2", 2, 1, null)).isEmpty();
    }

    @Test
    void nodesAreAddedOnlyOfASizeTheLocationStillOffersToTheSubscription() {
        assertThat(scale(ClusterPurpose.DevTest, "Standard_NC24rs_v3", 1, 2, null)).singleElement()
                .satisfies(d -> {
                    assertThat(d.field()).isEqualTo("agentCount");
                    assertThat(d.message()).contains("no nodes can be added", "NotAvailableForSubscription",
                            "Standard_NC24s_v3", "scale down");
                });
        assertThat(scale(ClusterPurpose.DevTest, "Standard_A0", 2, 3, null)).singleElement()
                .extracting(Detail::message).asString().contains("not a VM size offered in westus");
        // Removing nodes of a retired size is fine, and its vCPUs cannot be counted.
        assertThat(scale(ClusterPurpose.FastProd, "Standard_A0", 5, 3, null)).isEmpty();
        assertThat(scale(ClusterPurpose.DevTest, "Standard_NC24rs_v3", 2, 1, null)).isEmpty();
    }

    @Test
    void tagsTellOurClustersFromOthers() {
        UUID op = UUID.randomUUID();
        Map<String, String> tags = ClusterTags.of(Map.of("team", "ml"), "ws", "prod", op);
        assertThat(tags).containsEntry("team", "ml");
        assertThat(ClusterTags.createdBy(tags, "ws", "prod", op)).isTrue();
        assertThat(ClusterTags.createdBy(tags, "ws", "prod", UUID.randomUUID())).isFalse();
        assertThat(ClusterTags.ours(tags, "ws", "other")).isFalse();
        assertThat(ClusterTags.ours(Map.of("team", "ml"), "ws", "prod")).isFalse();
        assertThat(ClusterTags.clusterName("prod", op)).startsWith("prod-").hasSize(11);
    }
}
