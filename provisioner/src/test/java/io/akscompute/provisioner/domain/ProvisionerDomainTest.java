package io.akscompute.provisioner.domain;

import static org.assertj.core.api.Assertions.assertThat;

import io.akscompute.common.contract.ErrorCode;
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

    @Test
    void scaleChangesTheCountOnly() {
        List<Detail> v = ScaleRules.check(ClusterPurpose.DevTest, "Standard_D3_v2", 2, "Standard_D4s_v3");
        assertThat(v).extracting(Detail::field).containsExactly("agentVmSize");
        assertThat(v.get(0).message()).contains("AKS cannot change the VM size of a node pool; create a new cluster");
        assertThat(ScaleRules.check(ClusterPurpose.DevTest, "Standard_D3_v2", 2, "standard_d3_v2")).isEmpty();
    }

    @Test
    void productionKeepsThreeNodesAndTwelveVcpus() {
        assertThat(ScaleRules.check(ClusterPurpose.FastProd, "Standard_D3_v2", 2, null))
                .extracting(Detail::message).singleElement().asString().contains("at least 3 nodes");
        assertThat(ScaleRules.check(ClusterPurpose.FastProd, "Standard_D2_v2", 3, null))
                .extracting(Detail::message).singleElement().asString().contains("12 vCPUs");
        assertThat(ScaleRules.check(ClusterPurpose.FastProd, "Standard_D3_v2", 3, null)).isEmpty();
        assertThat(ScaleRules.check(ClusterPurpose.DevTest, "Standard_D2_v2", 1, null)).isEmpty();
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
