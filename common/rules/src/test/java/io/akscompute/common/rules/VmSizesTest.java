package io.akscompute.common.rules;

import static org.assertj.core.api.Assertions.assertThat;

import io.akscompute.common.contract.LocationVersions.VmSize;
import io.akscompute.common.contract.event.Detail;
import io.akscompute.common.contract.model.ClusterPurpose;
import java.util.List;
import org.junit.jupiter.api.Test;

class VmSizesTest {
    static final List<VmSize> WESTUS = List.of(
            new VmSize("Standard_D2_v2", "standardDv2Family", 2, 7, null),
            new VmSize("Standard_D3_v2", "standardDv2Family", 4, 14, null),
            new VmSize("Standard_D2s_v5", "standardDSv5Family", 2, 8, null),
            new VmSize("Standard_D4s_v5", "standardDSv5Family", 4, 16, null),
            new VmSize("Standard_D4s_v6", "standardDSv6Family", 4, 16, null),
            new VmSize("Standard_B1s", "standardBSFamily", 1, 1, null),
            new VmSize("Standard_B2s", "standardBSFamily", 2, 4, null),
            new VmSize("Standard_NC24rs_v3", "standardNCSv3Family", 24, 448, "NotAvailableForSubscription"),
            new VmSize("Standard_NC24s_v3", "standardNCSv3Family", 24, 448, null),
            new VmSize("Standard_NC6s_v3", "standardNCSv3Family", 6, 112, null));

    @Test
    void findsSizesIgnoringCaseAndReturnsTheCanonicalName() {
        assertThat(VmSizes.find(WESTUS, "standard_d3_V2")).hasValueSatisfying(s -> {
            assertThat(s.name()).isEqualTo("Standard_D3_v2");
            assertThat(s.vCpus()).isEqualTo(4);
        });
        assertThat(VmSizes.find(WESTUS, null)).isEmpty();
        assertThat(VmSizes.find(WESTUS, "Standard_Z1")).isEmpty();
    }

    @Test
    void aCurrentSizeTheLocationOffersPasses() {
        VmSizes.Checked checked = VmSizes.checkNewNodes("agentVmSize", "standard_d4s_v6", "westus", WESTUS, true);
        assertThat(checked.violations()).isEmpty();
        assertThat(checked.size()).map(VmSize::name).hasValue("Standard_D4s_v6");
    }

    @Test
    void anUnknownSizeNamesTheClosestOffered() {
        assertThat(VmSizes.checkNewNodes("agentVmSize", "Standard_D3v2", "westus", WESTUS, true).violations())
                .singleElement().satisfies(d -> {
                    assertThat(d.field()).isEqualTo("agentVmSize");
                    assertThat(d.message()).contains("'Standard_D3v2' is not a VM size offered in westus",
                            "closest sizes there are Standard_D3_v2, ");
                });
    }

    @Test
    void aRestrictedSizeIsRefusedWithAvailableSizesLikeIt() {
        assertThat(VmSizes.checkNewNodes("agentVmSize", "Standard_NC24rs_v3", "westus", WESTUS, false).violations())
                .singleElement().extracting(Detail::message).asString()
                .contains("Standard_NC24rs_v3 is not available to this subscription in westus "
                        + "(NotAvailableForSubscription)", "sizes like it that are: Standard_NC24s_v3, ")
                .doesNotContain("Standard_NC24rs_v3,");
    }

    @Test
    void aSystemPoolNeedsTwoVcpusAndFourGib() {
        assertThat(VmSizes.checkNewNodes("agentVmSize", "Standard_B1s", "westus", WESTUS, true).violations())
                .singleElement().extracting(Detail::message).asString()
                .contains("Standard_B1s (1 vCPUs, 1 GiB) is too small for a system node pool",
                        "at least 2 vCPUs and 4 GiB", "for example Standard_B2s");
        assertThat(VmSizes.checkNewNodes("agentVmSize", "Standard_B2s", "westus", WESTUS, true).violations()).isEmpty();
        assertThat(VmSizes.checkNewNodes("agentVmSize", "Standard_B1s", "westus", WESTUS, false).violations())
                .isEmpty();
    }

    @Test
    void productionCountsEachPoolWithItsOwnSize() {
        // 1 x D3_v2 (4) + 2 x D4s_v5 (4 each) = 3 nodes, 12 vCPUs: enough.
        assertThat(VmSizes.checkProduction("clusterPurpose", ClusterPurpose.FastProd, List.of(
                new VmSizes.Pool("system", 1, "Standard_D3_v2", true),
                new VmSizes.Pool("user", 2, "Standard_D4s_v5", false)), WESTUS)).isEmpty();
        // 1 x D2_v2 (2) + 2 x B2s (2 each) = 6: multiplying the first pool's size by all nodes would say 6 too,
        // but 1 x NC6s_v3 (6) + 2 x D2_v2 (2) = 10, where the old rule said 18.
        assertThat(VmSizes.checkProduction("clusterPurpose", ClusterPurpose.FastProd, List.of(
                new VmSizes.Pool("gpu", 1, "Standard_NC6s_v3", true),
                new VmSizes.Pool("user", 2, "Standard_D2_v2", false)), WESTUS)).hasValueSatisfying(d ->
                assertThat(d.message()).contains("1 x Standard_NC6s_v3 (6 vCPUs each) + 2 x Standard_D2_v2 "
                        + "(2 vCPUs each) gives 3 nodes and 10 vCPUs"));
        assertThat(VmSizes.checkProduction("clusterPurpose", ClusterPurpose.DevTest, List.of(
                new VmSizes.Pool("system", 1, "Standard_B2s", true)), WESTUS)).isEmpty();
    }

    @Test
    void productionWithTwoD3v2NodesMissesBothMinimums() {
        assertThat(VmSizes.checkProduction("agentVmSize", ClusterPurpose.FastProd, List.of(
                new VmSizes.Pool("agentpool", 2, "Standard_D3_v2", true)), WESTUS)).hasValueSatisfying(d -> {
                    assertThat(d.field()).isEqualTo("agentVmSize");
                    assertThat(d.message()).contains("at least 3 nodes and 12 vCPUs", "gives 2 nodes and 8 vCPUs",
                            "DevTest");
                });
    }

    @Test
    void closestIsBoundedWhateverTheInput() {
        assertThat(VmSizes.closest(WESTUS, "x".repeat(100_000), 2)).hasSize(2);
        assertThat(VmSizes.closest(WESTUS, null, 1)).hasSize(1);
    }

    @Test
    void levenshtein() {
        assertThat(Levenshtein.distance("", "")).isZero();
        assertThat(Levenshtein.distance("abc", "")).isEqualTo(3);
        assertThat(Levenshtein.distance("kitten", "sitting")).isEqualTo(3);
        assertThat(Levenshtein.distance("flaw", "lawn")).isEqualTo(2);
    }
}
