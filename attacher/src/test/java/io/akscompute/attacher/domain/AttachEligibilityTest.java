package io.akscompute.attacher.domain;

import static org.assertj.core.api.Assertions.assertThat;

import io.akscompute.common.contract.ErrorCode;
import io.akscompute.common.contract.LocationVersions.VmSize;
import io.akscompute.common.contract.event.Detail;
import io.akscompute.common.contract.model.ClusterPurpose;
import io.akscompute.common.rules.VmSizes;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Azure ML's rules for attaching an existing cluster, without Azure: the facts are given. */
class AttachEligibilityTest {
    private static final List<String> CONTROL_PLANE = List.of("20.37.158.0/23", "40.74.28.0/24");
    private static final SupportedVersions WESTUS = new SupportedVersions("westus", List.of("1.33.2", "1.32.7"),
            Set.of("1.33.2"));

    private static final List<VmSize> SIZES = List.of(
            new VmSize("Standard_D2_v2", "standardDv2Family", 2, 7, null),
            new VmSize("Standard_D4s_v3", "standardDSv3Family", 4, 16, null),
            new VmSize("Standard_NC6s_v3", "standardNCSv3Family", 6, 112, null));

    private static ClusterFacts cluster(String state, String version, int nodes, String size, boolean isPrivate,
            boolean publicFqdn, List<String> ranges) {
        return new ClusterFacts("/subscriptions/s/resourceGroups/rg/providers/Microsoft.ContainerService/"
                + "managedClusters/aks", "rg", "aks", "westus", version, state, nodes, size, isPrivate, publicFqdn,
                ranges, "aks.hcp.westus.azmk8s.io", null);
    }

    private static ClusterFacts healthy(int nodes, String size) {
        return cluster("Succeeded", "1.32.7", nodes, size, false, false, List.of());
    }

    @Test
    void aHealthyProductionSizedClusterIsEligible() {
        assertThat(AttachEligibility.check(healthy(3, "Standard_D4s_v3"), ClusterPurpose.FastProd, WESTUS,
                CONTROL_PLANE, SIZES)).isEmpty();
        assertThat(AttachEligibility.check(healthy(1, "Standard_D2_v2"), ClusterPurpose.DevTest, WESTUS,
                CONTROL_PLANE, SIZES)).isEmpty();
    }

    @Test
    void aClusterStillProvisioningIsNotReady() {
        var refusal = AttachEligibility.check(cluster("Creating", "1.32.7", 3, "Standard_D4s_v3", false, false,
                List.of()), ClusterPurpose.DevTest, WESTUS, CONTROL_PLANE, SIZES).orElseThrow();
        assertThat(refusal.code()).isEqualTo(ErrorCode.ClusterNotReady);
        assertThat(refusal.message()).contains("Creating");
    }

    @Test
    void anUnsupportedVersionIsRefusedListingTheSupportedOnes() {
        var refusal = AttachEligibility.check(cluster("Succeeded", "1.27.9", 3, "Standard_D4s_v3", false, false,
                List.of()), ClusterPurpose.DevTest, WESTUS, CONTROL_PLANE, SIZES).orElseThrow();
        assertThat(refusal.code()).isEqualTo(ErrorCode.UnsupportedKubernetesVersion);
        assertThat(refusal.details()).extracting(Detail::message).containsExactly("1.33.2", "1.32.7");
    }

    @Test
    void everyReasonAClusterCannotServeIsListedAtOnce() {
        var refusal = AttachEligibility.check(cluster("Succeeded", "1.32.7", 2, "Standard_D2_v2", true, true,
                List.of("203.0.113.0/24")), ClusterPurpose.FastProd, WESTUS, CONTROL_PLANE, SIZES).orElseThrow();

        assertThat(refusal.code()).isEqualTo(ErrorCode.ClusterNotEligible);
        assertThat(refusal.details()).extracting(Detail::field).containsExactly("clusterPurpose",
                "apiServerAccessProfile", "apiServerAccessProfile.authorizedIPRanges");
        assertThat(refusal.details().get(0).message()).contains("cluster aks:", "2 x Standard_D2_v2 (2 vCPUs each) gives 2 nodes and 4 vCPUs",
                "scale the cluster up first");
        assertThat(refusal.details().get(2).message()).contains("20.37.158.0/23", "40.74.28.0/24");
    }

    @Test
    void productionCountsEachNodePoolWithItsOwnSize() {
        // A GPU system pool of one node and two small user nodes: 6 + 2 x 2 = 10 vCPUs, not 3 x 6 = 18.
        List<VmSizes.Pool> pools = List.of(new VmSizes.Pool("gpu", 1, "Standard_NC6s_v3", true),
                new VmSizes.Pool("user", 2, "Standard_D2_v2", false));
        ClusterFacts mixed = new ClusterFacts("/subscriptions/s/resourceGroups/rg/providers/Microsoft.ContainerService/"
                + "managedClusters/aks", "rg", "aks", "westus", "1.32.7", "Succeeded", 3, "Standard_NC6s_v3", false,
                false, List.of(), "aks.hcp.westus.azmk8s.io", pools);
        assertThat(AttachEligibility.check(mixed, ClusterPurpose.FastProd, WESTUS, CONTROL_PLANE, SIZES))
                .hasValueSatisfying(r -> assertThat(r.message()).contains("1 x Standard_NC6s_v3 (6 vCPUs each) + "
                        + "2 x Standard_D2_v2 (2 vCPUs each) gives 3 nodes and 10 vCPUs"));
        List<VmSizes.Pool> bigger = List.of(new VmSizes.Pool("gpu", 1, "Standard_NC6s_v3", true),
                new VmSizes.Pool("user", 2, "Standard_D4s_v3", false));
        assertThat(AttachEligibility.check(new ClusterFacts(mixed.resourceId(), "rg", "aks", "westus", "1.32.7",
                "Succeeded", 3, "Standard_NC6s_v3", false, false, List.of(), mixed.fqdn(), bigger),
                ClusterPurpose.FastProd, WESTUS, CONTROL_PLANE, SIZES)).isEmpty();
    }

    @Test
    void authorizedRangesThatIncludeTheControlPlaneAreFine() {
        assertThat(AttachEligibility.check(cluster("Succeeded", "1.32.7", 3, "Standard_D4s_v3", false, false,
                List.of("20.37.0.0/16", "40.74.28.0/24")), ClusterPurpose.FastProd, WESTUS, CONTROL_PLANE, SIZES)).isEmpty();
    }

    @Test
    void aPreviewVersionIsAttachedWithAWarning() {
        ClusterFacts preview = cluster("Succeeded", "1.33.2", 1, "Standard_D2_v2", false, false, List.of());
        assertThat(AttachEligibility.check(preview, ClusterPurpose.DevTest, WESTUS, CONTROL_PLANE, SIZES)).isEmpty();
        assertThat(AttachEligibility.warnings(preview, WESTUS)).singleElement().asString().contains("preview");
        assertThat(AttachEligibility.warnings(healthy(1, "Standard_D2_v2"), WESTUS)).isEmpty();
    }
}
