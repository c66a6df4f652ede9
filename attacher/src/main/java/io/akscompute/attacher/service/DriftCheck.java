package io.akscompute.attacher.service;

import io.akscompute.attacher.config.AttacherConfig;
import io.akscompute.attacher.domain.ComputeDrift;
import io.akscompute.attacher.persistence.Compute;
import io.akscompute.attacher.persistence.ComputeLockTable;
import io.akscompute.attacher.persistence.ComputeRegistry;
import io.akscompute.common.work.WorkLoops;
import io.akscompute.common.work.WorkSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The periodic drift check: claims a batch of computes whose check is due ({@code SKIP LOCKED}; none an operation
 * holds) and moves their next check one interval on in that short transaction, so any number of instances check
 * each once. The reads of Azure and the clusters happen after it committed; each finding is stored in a transaction
 * of its own, and dropped when the record changed or an operation took the compute meanwhile. A compute that cannot
 * be read (Azure away, throttled) is logged and read again next interval: a failed read is never drift.
 */
@ApplicationScoped
public class DriftCheck implements WorkSource<List<DriftCheck.Due>> {
    public static final String NAME = "drift";
    private static final org.jboss.logging.Logger LOG = org.jboss.logging.Logger.getLogger(DriftCheck.class);

    /** A claimed compute and what its record expected when it was claimed. */
    public record Due(String workspace, String name, String clusterResourceId, String location,
            ComputeDrift.Recorded expected) {
    }

    @Inject
    EntityManager em;

    @Inject
    AttacherConfig config;

    @Inject
    ComputeRegistry registry;

    @Inject
    ComputeLockTable locks;

    @Inject
    ComputeDriftRecords drift;

    @Inject
    Event<WorkLoops.Due> wake;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean claimCommitsFirst() {
        return true;
    }

    @Override
    @SuppressWarnings("unchecked")
    public Optional<List<Due>> claim(Instant now) {
        if (config.driftInterval().isZero()) {
            return Optional.empty();
        }
        List<Compute> due = em.createNativeQuery("""
                select c.* from compute c where c.provisioning_state = 'Succeeded' and c.cluster_resource_id is not null
                and c.drift_check_at <= :now
                and not exists (select 1 from compute_lock l where l.workspace = c.workspace and l.compute_name = c.name)
                order by c.drift_check_at limit :n for update of c skip locked""", Compute.class)
                .setParameter("now", now).setParameter("n", config.driftBatch()).getResultList();
        if (due.isEmpty()) {
            return Optional.empty();
        }
        Instant next = now.plus(config.driftInterval());
        return Optional.of(due.stream().map(c -> {
            c.driftCheckAt = next;
            return new Due(c.workspace, c.name, c.clusterResourceId, c.location, ComputeDriftRecords.expected(c));
        }).toList());
    }

    /** Outside any transaction: one read-back per compute, one short transaction per finding. */
    @Override
    public void work(List<Due> batch, Instant now) {
        for (Due d : batch) {
            ComputeDrift.Observed observed;
            try {
                observed = drift.read(d.clusterResourceId(), d.location());
            } catch (RuntimeException e) {
                LOG.warnf("drift check of %s/%s could not read its cluster, trying again next interval: %s",
                        d.workspace(), d.name(), e.toString());
                continue;
            }
            var found = ComputeDrift.differences(d.expected(), observed);
            try {
                QuarkusTransaction.requiringNew().run(() -> store(d, found, now));
            } catch (RuntimeException e) {
                LOG.warnf("drift check of %s/%s could not store its finding: %s", d.workspace(), d.name(),
                        e.toString());
            }
        }
    }

    private void store(Due d, List<io.akscompute.common.contract.event.DriftDifference> found, Instant now) {
        Optional<Compute> c = Optional.ofNullable(em.find(Compute.class, new Compute.Key(d.workspace(), d.name()),
                jakarta.persistence.LockModeType.PESSIMISTIC_WRITE));
        if (c.isEmpty() || !Compute.SUCCEEDED.equals(c.get().provisioningState)
                || !ComputeDriftRecords.expected(c.get()).equals(d.expected())
                || locks.held(d.workspace(), d.name())) {
            return; // changed while we read: the next check compares with the new record
        }
        drift.record(c.get(), found, now);
    }

    /** Makes a compute's check due now and wakes the loop (an operator's request, a test). */
    @jakarta.transaction.Transactional(jakarta.transaction.Transactional.TxType.REQUIRES_NEW)
    public void dueNow(String workspace, String computeName, Instant now) {
        em.createNativeQuery("update compute set drift_check_at = :now where workspace = :w and name = :n")
                .setParameter("now", now).setParameter("w", workspace).setParameter("n", computeName).executeUpdate();
        wake.fire(new WorkLoops.Due(NAME));
    }

    /** Only the claim itself can get here (the reads fail one compute at a time): the next sweep claims again. */
    @Override
    public boolean failed(List<Due> batch, Exception error, Instant now) {
        LOG.warnf("drift check of %d compute(s) failed: %s", batch.size(), error.toString());
        return true;
    }
}
