package io.akscompute.common.orphan;

import io.akscompute.common.config.ServiceIdentity;
import io.akscompute.common.contract.event.OrphanFound;
import io.akscompute.common.outbox.Outbox;
import io.akscompute.common.rules.Text;
import io.akscompute.common.work.Leases;
import io.akscompute.common.work.WorkSource;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Sweeps for what a saga could not undo: the service's {@link OrphanFinder} names the orphans, this reports each once
 * on {@code aks.status} ({@link OrphanFound}) and, when {@code akscompute.orphans.remove} is on, removes it and
 * reports that too. One sweep per period across instances (the schedule row is claimed {@code FOR UPDATE SKIP
 * LOCKED}); an orphan whose removal fails is reported with the reason and tried again next sweep.
 */
@ApplicationScoped
public class OrphanSweep implements WorkSource<String> {
    public static final String NAME = "orphans";
    private static final Logger LOG = Logger.getLogger(OrphanSweep.class);
    private static final Duration RETRY = Duration.ofMinutes(1);

    @Inject
    EntityManager em;

    @Inject
    Instance<OrphanFinder> finder;

    @Inject
    OrphanConfig config;

    @Inject
    Outbox outbox;

    @Inject
    ServiceIdentity identity;

    @Inject
    Leases leases;

    @Override
    public String name() {
        return NAME;
    }

    @Transactional
    void schedule(@Observes StartupEvent event) {
        if (finder.isResolvable()) {
            em.createNativeQuery("insert into orphan_sweep (service, next_sweep_at) values (:s, :at)"
                    + " on conflict (service) do nothing").setParameter("s", identity.service().name())
                    .setParameter("at", Instant.now().plus(config.period())).executeUpdate();
        }
    }

    @Override
    public Optional<String> claim(Instant now) {
        if (!finder.isResolvable()) {
            return Optional.empty();
        }
        List<?> due = em.createNativeQuery("select service from orphan_sweep where service = :s and next_sweep_at <= :now"
                + " for update skip locked").setParameter("s", identity.service().name()).setParameter("now", now)
                .getResultList();
        // Leased, and committed before Azure and the clusters are read: a sweep cut short (killed, the database
        // away) runs again when the lease runs out.
        due.forEach(service -> next(service, leases.until(now)));
        return due.stream().map(String.class::cast).findFirst();
    }

    /** The sweep reads Azure and the clusters: no transaction is held meanwhile. */
    @Override
    public boolean claimCommitsFirst() {
        return true;
    }

    /** Runs with no transaction open; each finding is stored in a short one of its own. */
    @Override
    public void work(String service, Instant now) {
        List<Orphan> found = finder.get().find(config.perSweep(), now);
        Set<String> seen = new HashSet<>();
        for (Orphan orphan : found) {
            seen.add(orphan.resourceId());
            QuarkusTransaction.requiringNew().run(() -> {
                boolean isNew = em.createNativeQuery("insert into orphan (resource_id, kind, workspace, compute_name,"
                        + " found_at) values (:id, :k, :w, :c, :now) on conflict (resource_id) do nothing")
                        .setParameter("id", orphan.resourceId()).setParameter("k", orphan.kind())
                        .setParameter("w", orphan.workspace()).setParameter("c", orphan.computeName())
                        .setParameter("now", now).executeUpdate() == 1;
                if (isNew) {
                    report(orphan, false, orphan.reason() + (config.remove() ? "" : "; left in place "
                            + "(akscompute.orphans.remove=false)"), now);
                }
            });
            if (config.remove()) {
                remove(orphan, now);
            }
        }
        if (found.size() < config.perSweep()) {
            // An orphan gone by other hands is forgotten; should it come back, it is reported again.
            QuarkusTransaction.requiringNew().run(() -> {
                for (Object id : em.createNativeQuery("select resource_id from orphan").getResultList()) {
                    if (!seen.contains(id)) {
                        em.createNativeQuery("delete from orphan where resource_id = :id").setParameter("id", id)
                                .executeUpdate();
                    }
                }
            });
        }
        QuarkusTransaction.requiringNew().run(() -> next(service, now.plus(config.period())));
    }

    private void next(Object service, Instant at) {
        em.createNativeQuery("update orphan_sweep set next_sweep_at = :next where service = :s")
                .setParameter("next", at).setParameter("s", service).executeUpdate();
    }

    private void remove(Orphan orphan, Instant now) {
        try {
            finder.get().remove(orphan);
        } catch (RuntimeException e) {
            LOG.warnf(e, "could not remove orphan %s", orphan.resourceId());
            QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery(
                    "update orphan set last_error = :e where resource_id = :id")
                    .setParameter("e", Text.cut(String.valueOf(e), Text.REASON))
                    .setParameter("id", orphan.resourceId()).executeUpdate());
            return;
        }
        QuarkusTransaction.requiringNew().run(() -> {
            em.createNativeQuery("delete from orphan where resource_id = :id").setParameter("id", orphan.resourceId())
                    .executeUpdate();
            report(orphan, true, "removed: " + orphan.reason(), now);
        });
    }

    private void report(Orphan orphan, boolean removed, String message, Instant now) {
        UUID id = UUID.nameUUIDFromBytes((orphan.resourceId() + "|" + removed + "|" + now)
                .getBytes(StandardCharsets.UTF_8));
        outbox.status(new OrphanFound(id, orphan.workspace(), orphan.computeName(), OrphanFound.OPERATION,
                orphan.kind(), orphan.resourceId(), removed, Text.cut(message, Text.REASON)), id.toString());
    }

    /** The sweep failed as a whole (Azure or the database away): it is tried again in a minute at most. */
    @Override
    public boolean failed(String service, Exception error, Instant now) {
        Duration later = config.period().compareTo(RETRY) < 0 ? config.period() : RETRY;
        LOG.warnf("orphan sweep failed, trying again in %s: %s", later, error.toString());
        next(service, now.plus(later));
        return true;
    }

    /** Makes the sweep due now (an operator's request, a test). */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void dueNow(Instant now) {
        next(identity.service().name(), now);
    }
}
