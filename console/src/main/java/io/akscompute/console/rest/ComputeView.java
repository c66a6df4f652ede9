package io.akscompute.console.rest;

import io.akscompute.common.contract.event.ComputeSnapshot;
import io.akscompute.common.contract.event.DriftDifference;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** One row of the computes page and the head of a compute's page: a snapshot as a person reads it. */
public record ComputeView(String name, String state, boolean attached, String resourceGroup, String cluster,
        String location, String kubernetesVersion, String nodes, String vmSize, String purpose, String loadBalancer,
        String endpoint, String tls, String certificateRef, String certificateExpires, List<String> drift,
        List<String> errors, String description) {

    /** {@code certificateExpiry}: when the compute's certificate expires, if the tls-manager said. */
    static ComputeView of(ComputeSnapshot c, Optional<Instant> certificateExpiry) {
        ComputeSnapshot.Properties p = c.properties();
        String[] id = c.resourceId() == null ? new String[0] : c.resourceId().split("/");
        String group = id.length > 4 ? id[4] : "";
        String cluster = id.length > 0 ? id[id.length - 1] : "";
        String endpoint = p == null || p.systemServices() == null || p.systemServices().isEmpty() ? ""
                : blank(p.systemServices().get(0).publicIpAddress());
        String tls = "Disabled";
        String certificateRef = "";
        if (p != null && p.sslConfiguration() != null && p.sslConfiguration().status() != null) {
            ComputeSnapshot.Ssl ssl = p.sslConfiguration();
            tls = switch (ssl.status()) {
                case Disabled -> "Disabled";
                case Auto -> "Auto (" + blank(ssl.fqdn() != null ? ssl.fqdn() : ssl.leafDomainLabel()) + ")";
                case Enabled -> "Own certificate (" + blank(ssl.cname()) + ")";
            };
            certificateRef = blank(ssl.certificateRef());
        }
        List<String> drift = c.drift() == null ? List.of() : c.drift().stream().map(ComputeView::drift).toList();
        return new ComputeView(c.name(), blank(c.provisioningState()), c.isAttachedCompute(), group, cluster,
                blank(c.computeLocation()), p == null ? "" : blank(p.kubernetesVersion()),
                p == null || p.agentCount() == null ? "" : p.agentCount().toString(),
                p == null ? "" : blank(p.agentVmSize()),
                p == null || p.clusterPurpose() == null ? "" : p.clusterPurpose().name(),
                p == null || p.loadBalancerType() == null ? "" : p.loadBalancerType().name()
                        + (p.loadBalancerSubnet() == null ? "" : " (" + p.loadBalancerSubnet() + ")"),
                endpoint, tls, certificateRef, certificateExpiry.map(Instant::toString).orElse(""), drift,
                c.provisioningErrors() == null ? List.of() : c.provisioningErrors(), blank(c.description()));
    }

    /** Only a cluster akscompute created can be scaled or deleted, as in the studio. */
    public boolean created() {
        return !attached;
    }

    private static String drift(DriftDifference d) {
        return d.field() + ": expected " + d.expected() + ", found " + d.actual();
    }

    private static String blank(String s) {
        return s == null ? "" : s;
    }
}
