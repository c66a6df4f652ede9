package io.akscompute.attacher.service;

import io.akscompute.attacher.azure.ClusterLookup;
import io.akscompute.attacher.azure.FrontEnd;
import io.akscompute.attacher.azure.VersionLookup;
import io.akscompute.attacher.domain.ComputeDrift;
import io.akscompute.attacher.domain.SupportedVersions;
import io.akscompute.attacher.persistence.Compute;
import io.akscompute.attacher.persistence.ComputeRegistry;
import io.akscompute.common.azure.AzureFailures;
import io.akscompute.common.azure.ClusterRef;
import io.akscompute.common.contract.Json;
import io.akscompute.common.contract.event.ComputeDriftDetected;
import io.akscompute.common.contract.event.DriftDifference;
import io.akscompute.common.contract.model.LoadBalancerType;
import io.akscompute.common.contract.model.SslStatus;
import io.akscompute.common.outbox.Outbox;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Drift of one compute: what its record expects, the read-back of its cluster (ARM, then the cluster's Kubernetes
 * API), and the stored finding, announced as {@link ComputeDriftDetected} when the set of differences changed. Used
 * by the periodic check and by the repair.
 */
@ApplicationScoped
public class ComputeDriftRecords {
    private static final Logger LOG = Logger.getLogger(ComputeDriftRecords.class);

    @Inject
    EntityManager em;

    @Inject
    ClusterLookup clusters;

    @Inject
    VersionLookup versions;

    @Inject
    FrontEnd frontEnd;

    @Inject
    Outbox outbox;

    /** What the record says the cluster should show. */
    public static ComputeDrift.Recorded expected(Compute c) {
        return new ComputeDrift.Recorded(c.componentVersion,
                c.loadBalancerType == null ? null : LoadBalancerType.valueOf(c.loadBalancerType), c.loadBalancerSubnet,
                !SslStatus.Disabled.name().equals(c.sslStatus), c.tlsFingerprint, c.agentCount, c.kubernetesVersion);
    }

    /**
     * Reads the compute's cluster back. Throws what Azure throws when it cannot be read (an outage is not drift);
     * only ARM saying the cluster is not there makes {@link ComputeDrift.Observed#clusterGone()}.
     */
    public ComputeDrift.Observed read(String clusterResourceId, String location) {
        ClusterRef ref = ClusterRef.parse(clusterResourceId);
        var cluster = clusters.find(ref.subscriptionId(), ref.resourceGroup(), ref.name());
        if (cluster.isEmpty()) {
            return ComputeDrift.Observed.clusterGone();
        }
        SupportedVersions supported = versions.supported(location != null ? location : cluster.get().location());
        ComputeDrift.FrontEndState state;
        try {
            state = frontEnd.state(clusterResourceId);
        } catch (RuntimeException e) {
            if (AzureFailures.isNotFound(e)) {
                // deleted between the two reads: the next check sees it gone in ARM
                throw new IllegalStateException("the cluster " + clusterResourceId + " went away while being read", e);
            }
            throw e;
        }
        return new ComputeDrift.Observed(cluster, supported, state);
    }

    /**
     * Stores what a check found and announces it when the set of differences is not the stored one (an empty list
     * announces that the drift is gone). Returns true when it changed.
     */
    /** A repair's check: stores what it found for the compute, in a transaction of its own when none is open. */
    @Transactional(Transactional.TxType.REQUIRED)
    public void record(String workspace, String computeName, List<DriftDifference> found, Instant now) {
        Compute c = em.find(Compute.class, new Compute.Key(workspace, computeName), LockModeType.PESSIMISTIC_WRITE);
        if (c != null) {
            record(c, found, now);
        }
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public boolean record(Compute c, List<DriftDifference> found, Instant now) {
        List<DriftDifference> before = ComputeRegistry.drift(c);
        c.driftCheckedAt = now;
        if (ComputeDrift.same(before, found)) {
            return false;
        }
        c.drift = found.isEmpty() ? null : Json.write(found);
        String message = found.isEmpty()
                ? "compute " + c.name + " matches its record again"
                : "compute " + c.name + " differs from its record: " + ComputeDrift.describe(found) + "; "
                        + (found.stream().anyMatch(d -> d.field().equals(ComputeDrift.CLUSTER))
                                ? "the cluster is gone from Azure: detach the compute"
                                : "RepairCompute (akscompute repair -n " + c.name + " -w " + c.workspace
                                        + ") puts back what it can");
        UUID notice = UUID.nameUUIDFromBytes((c.workspace + "/" + c.name + "/drift/" + now + "/" + c.drift)
                .getBytes(StandardCharsets.UTF_8));
        outbox.status(new ComputeDriftDetected(notice, c.workspace, c.name, ComputeDriftDetected.OPERATION,
                List.copyOf(found), now, ComputeRegistry.snapshot(c), message), notice.toString());
        LOG.infof("%s/%s: %s", c.workspace, c.name, message);
        return true;
    }
}
