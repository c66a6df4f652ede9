package io.akscompute.attacher.domain;

import io.akscompute.common.contract.ErrorCode;
import io.akscompute.common.contract.LocationVersions.VmSize;
import io.akscompute.common.contract.event.Detail;
import io.akscompute.common.contract.model.ClusterPurpose;
import io.akscompute.common.rules.Cidr;
import io.akscompute.common.rules.VmSizes;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Azure ML's rules for attaching an existing cluster, in plain Java. */
public final class AttachEligibility {

    /** A refusal: the code and every reason, or none. */
    public record Refusal(ErrorCode code, String message, List<Detail> details) {
    }

    private AttachEligibility() {
    }

    /** Warnings that do not stop an attach (a preview version has no SLA). */
    public static List<String> warnings(ClusterFacts cluster, SupportedVersions supported) {
        return supported.isPreview(cluster.kubernetesVersion())
                ? List.of("Kubernetes " + cluster.kubernetesVersion() + " is a preview version in "
                        + cluster.location() + ": it is attached, but previews come without an SLA")
                : List.of();
    }

    /** @param offered the VM sizes of the cluster's location; only a production purpose needs them */
    public static Optional<Refusal> check(ClusterFacts cluster, ClusterPurpose purpose, SupportedVersions supported,
            List<String> controlPlaneRanges, List<VmSize> offered) {
        if (!"Succeeded".equalsIgnoreCase(cluster.provisioningState())) {
            return Optional.of(new Refusal(ErrorCode.ClusterNotReady, "cluster " + cluster.name()
                    + " is in provisioning state " + cluster.provisioningState()
                    + "; only a cluster whose provisioning Succeeded can be attached", List.of()));
        }
        if (!supported.supports(cluster.kubernetesVersion())) {
            return Optional.of(new Refusal(ErrorCode.UnsupportedKubernetesVersion, "cluster " + cluster.name()
                    + " runs Kubernetes " + cluster.kubernetesVersion() + ", which is not supported in "
                    + cluster.location() + " any more; supported versions: " + String.join(", ", supported.versions())
                    + ". Upgrade the cluster, then attach it.",
                    supported.versions().stream().map(v -> new Detail("supportedVersions", v)).toList()));
        }
        List<Detail> reasons = new ArrayList<>();
        if (purpose.isProduction()) {
            VmSizes.checkProduction("clusterPurpose", purpose, cluster.pools(), offered)
                    .map(d -> new Detail(d.field(), "cluster " + cluster.name() + ": " + d.message()
                            + "; or scale the cluster up first"))
                    .ifPresent(reasons::add);
        }
        if (cluster.privateCluster() && cluster.privateClusterPublicFqdn()) {
            reasons.add(new Detail("apiServerAccessProfile", "a private cluster with a public FQDN is not supported;"
                    + " disable the public FQDN or attach a private cluster without it"));
        }
        List<String> ranges = cluster.authorizedIpRanges() == null ? List.of() : cluster.authorizedIpRanges();
        if (!ranges.isEmpty()) {
            List<String> missing = controlPlaneRanges.stream().filter(r -> !covered(r, ranges)).toList();
            if (!missing.isEmpty()) {
                reasons.add(new Detail("apiServerAccessProfile.authorizedIPRanges", "the API server's authorized IP"
                        + " ranges do not include the control plane's " + String.join(", ", missing)
                        + "; add them, or akscompute cannot reach the cluster"));
            }
        }
        if (reasons.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Refusal(ErrorCode.ClusterNotEligible, "cluster " + cluster.name()
                + " cannot be attached: " + String.join("; ", reasons.stream().map(Detail::message).toList()),
                reasons));
    }

    /** Is the control-plane range inside one of the authorized ranges? */
    private static boolean covered(String range, List<String> authorized) {
        Cidr wanted = Cidr.parse(range);
        for (String a : authorized) {
            Cidr cidr = Cidr.parse(a.contains("/") ? a : a + "/32");
            if (cidr.prefixLength() <= wanted.prefixLength() && cidr.contains(wanted.networkAddress())) {
                return true;
            }
        }
        return false;
    }
}
