package io.akscompute.attacher.domain;

import io.akscompute.common.contract.event.DriftDifference;
import io.akscompute.common.contract.model.LoadBalancerType;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Drift: how a compute's cluster differs from what the attacher recorded. {@link #differences} compares the two
 * and decides nothing else; the drift check and the repair do the reading and writing.
 */
public final class ComputeDrift {
    public static final String CLUSTER = "cluster";
    public static final String AGENT_COUNT = "agentCount";
    public static final String KUBERNETES_VERSION = "kubernetesVersion";
    public static final String VERSION_SUPPORTED = "kubernetesVersion.supported";
    public static final String DEPLOYMENT = "frontEnd.deployment";
    public static final String SERVICE = "frontEnd.service";
    public static final String FRONT_END_VERSION = "frontEnd.version";
    public static final String LOAD_BALANCER_TYPE = "loadBalancerType";
    public static final String LOAD_BALANCER_SUBNET = "loadBalancerSubnet";
    public static final String TLS_SECRET = "tls.secret";
    public static final String TLS_FINGERPRINT = "tls.certificateFingerprint";

    static final String PRESENT = "present";
    static final String MISSING = "missing";

    /** What a repair puts back by re-applying the front end and the TLS secret. */
    private static final Set<String> PUT_BACK = Set.of(DEPLOYMENT, SERVICE, FRONT_END_VERSION, LOAD_BALANCER_TYPE,
            LOAD_BALANCER_SUBNET, TLS_SECRET, TLS_FINGERPRINT);
    /** What a repair takes as the new record: changed in Azure by its owner, not by us to undo. */
    private static final Set<String> ACCEPTED = Set.of(AGENT_COUNT, KUBERNETES_VERSION);

    private ComputeDrift() {
    }

    /** The compute as recorded; a null field was not recorded and is not compared. */
    public record Recorded(String componentVersion, LoadBalancerType loadBalancerType, String loadBalancerSubnet,
            boolean tls, String tlsFingerprint, Integer agentCount, String kubernetesVersion) {
    }

    /** The front end and TLS secret as the cluster's Kubernetes API shows them. */
    public record FrontEndState(boolean deployment, String deploymentVersion, boolean service, String serviceType,
            boolean internal, String subnet, boolean tlsSecret, String tlsFingerprint) {
    }

    /** What a read-back found: the cluster (empty: ARM says it is gone) and, while it is there, the rest. */
    public record Observed(Optional<ClusterFacts> cluster, SupportedVersions supported, FrontEndState frontEnd) {

        public static Observed clusterGone() {
            return new Observed(Optional.empty(), null, null);
        }
    }

    public static List<DriftDifference> differences(Recorded r, Observed o) {
        List<DriftDifference> d = new ArrayList<>();
        if (o.cluster().isEmpty()) {
            d.add(new DriftDifference(CLUSTER, PRESENT, MISSING));
            return d;
        }
        ClusterFacts cluster = o.cluster().get();
        d.addAll(changedInAzure(r, cluster));
        if (o.supported() != null && !o.supported().supports(cluster.kubernetesVersion())) {
            d.add(new DriftDifference(VERSION_SUPPORTED, "a version " + cluster.location() + " supports",
                    cluster.kubernetesVersion() + " (not supported)"));
        }
        FrontEndState fe = o.frontEnd();
        presence(d, DEPLOYMENT, fe.deployment());
        if (fe.deployment() && r.componentVersion() != null
                && !r.componentVersion().equals(fe.deploymentVersion())) {
            d.add(new DriftDifference(FRONT_END_VERSION, r.componentVersion(), orMissing(fe.deploymentVersion())));
        }
        presence(d, SERVICE, fe.service());
        if (fe.service()) {
            LoadBalancerType wanted = r.loadBalancerType() == null ? LoadBalancerType.PublicIp : r.loadBalancerType();
            String actual = !"LoadBalancer".equals(fe.serviceType())
                    ? "no load balancer (Service type " + fe.serviceType() + ")"
                    : (fe.internal() ? LoadBalancerType.InternalLoadBalancer : LoadBalancerType.PublicIp).name();
            if (!wanted.name().equals(actual)) {
                d.add(new DriftDifference(LOAD_BALANCER_TYPE, wanted.name(), actual));
            } else if (wanted == LoadBalancerType.InternalLoadBalancer && r.loadBalancerSubnet() != null
                    && !r.loadBalancerSubnet().equals(fe.subnet())) {
                d.add(new DriftDifference(LOAD_BALANCER_SUBNET, r.loadBalancerSubnet(), orMissing(fe.subnet())));
            }
        }
        if (r.tls()) {
            presence(d, TLS_SECRET, fe.tlsSecret());
            if (fe.tlsSecret() && r.tlsFingerprint() != null && !r.tlsFingerprint().equals(fe.tlsFingerprint())) {
                d.add(new DriftDifference(TLS_FINGERPRINT, r.tlsFingerprint(), orMissing(fe.tlsFingerprint())));
            }
        }
        return d;
    }

    /** The node count and version Azure shows, where they are not the recorded ones (a repair accepts them). */
    public static List<DriftDifference> changedInAzure(Recorded r, ClusterFacts cluster) {
        List<DriftDifference> d = new ArrayList<>();
        if (r.agentCount() != null && r.agentCount() != cluster.agentCount()) {
            d.add(new DriftDifference(AGENT_COUNT, r.agentCount().toString(), String.valueOf(cluster.agentCount())));
        }
        if (r.kubernetesVersion() != null && !r.kubernetesVersion().equals(cluster.kubernetesVersion())) {
            d.add(new DriftDifference(KUBERNETES_VERSION, r.kubernetesVersion(), cluster.kubernetesVersion()));
        }
        return d;
    }

    /**
     * What a repair says it did: the drift recorded before it that is gone now was put back, what Azure changed was
     * taken as the new record, and what still differs (an unsupported version) is named.
     */
    public static String repairOutcome(String compute, List<DriftDifference> before, List<DriftDifference> accepted,
            List<DriftDifference> after) {
        Set<String> still = after.stream().map(DriftDifference::field).collect(Collectors.toSet());
        List<DriftDifference> putBack = before.stream().filter(ComputeDrift::putBackByRepair)
                .filter(d -> !still.contains(d.field())).toList();
        List<String> parts = new ArrayList<>();
        parts.add(putBack.isEmpty() ? "compute " + compute + " repaired: front end and TLS re-applied"
                : "compute " + compute + " repaired: put back " + putBack.stream()
                        .map(d -> d.field() + " " + d.expected() + " (was " + d.actual() + ")")
                        .collect(Collectors.joining(", ")));
        if (!accepted.isEmpty()) {
            parts.add("accepted from Azure as the new record: " + accepted.stream()
                    .map(d -> d.field() + " " + d.actual() + " (was " + d.expected() + ")")
                    .collect(Collectors.joining(", ")));
        }
        if (!after.isEmpty()) {
            parts.add("not repairable here, still differs: " + describe(after));
        }
        return String.join("; ", parts);
    }

    /** Two findings are the same drift when they name the same fields with the same values, in any order. */
    public static boolean same(List<DriftDifference> a, List<DriftDifference> b) {
        return Set.copyOf(a == null ? List.of() : a).equals(Set.copyOf(b == null ? List.of() : b));
    }

    public static boolean putBackByRepair(DriftDifference d) {
        return PUT_BACK.contains(d.field());
    }

    public static boolean acceptedByRepair(DriftDifference d) {
        return ACCEPTED.contains(d.field());
    }

    /** One line for a notice or an outcome: {@code loadBalancerType (expected PublicIp, found X), ...}. */
    public static String describe(List<DriftDifference> differences) {
        return differences.stream().map(d -> d.field() + " (expected " + d.expected() + ", found " + d.actual() + ")")
                .collect(Collectors.joining(", "));
    }

    private static void presence(List<DriftDifference> d, String field, boolean present) {
        if (!present) {
            d.add(new DriftDifference(field, PRESENT, MISSING));
        }
    }

    private static String orMissing(String value) {
        return Objects.requireNonNullElse(value, MISSING);
    }
}
