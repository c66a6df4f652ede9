package io.akscompute.versioncatalog.service;

import io.akscompute.common.work.WorkSource;
import io.akscompute.versioncatalog.config.VersionCatalogConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import io.akscompute.common.work.Leases;
import io.quarkus.narayana.jta.QuarkusTransaction;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Syncs every known location again once per {@code sync-period}: configured locations from the start, any other
 * from its first successful sync. Locations are claimed row by row, so several instances sync each once.
 */
@ApplicationScoped
public class PeriodicSync implements WorkSource<String> {
    public static final String NAME = "version-sync";

    @Inject
    Leases leases;

    @Inject
    EntityManager em;

    @Inject
    VersionSync sync;

    @Inject
    VersionCatalogConfig config;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Optional<String> claim(Instant now) {
        List<?> due = em.createNativeQuery("""
                select location from location_sync where next_sync_at <= :now
                order by next_sync_at limit 1 for update skip locked""").setParameter("now", now).getResultList();
        // Leased, and committed before ARM is asked: a sync that dies is tried again when the lease runs out.
        due.forEach(location -> next(location, leases.until(now)));
        return due.stream().map(String.class::cast).findFirst();
    }

    @Override
    public boolean claimCommitsFirst() {
        return true;
    }

    /** Runs with no transaction open: syncNow stores what it found in short ones of its own. */
    @Override
    public void work(String location, Instant now) {
        sync.syncNow(location);
        QuarkusTransaction.requiringNew().run(() -> next(location, now.plus(config.syncPeriod())));
    }

    private void next(Object location, Instant at) {
        em.createNativeQuery("update location_sync set next_sync_at = :next where location = :l")
                .setParameter("next", at).setParameter("l", location).executeUpdate();
    }

    /** syncNow reports Azure's failures itself; what throws here is the database: try again on the next sweep. */
    @Override
    public boolean failed(String location, Exception error, Instant now) {
        return false;
    }

    /** Makes these locations due now (the start-up sync). */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void dueNow(Collection<String> locations, Instant now) {
        for (String location : locations) {
            em.createNativeQuery("""
                    insert into location_sync (location, next_sync_at) values (:l, :now)
                    on conflict (location) do update set next_sync_at = :now""")
                    .setParameter("l", location).setParameter("now", now).executeUpdate();
        }
    }

    /** A location synced on demand joins the periodic sync (once; a known one keeps its schedule). */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void remember(String location, Instant now) {
        em.createNativeQuery("""
                insert into location_sync (location, next_sync_at) values (:l, :next) on conflict (location) do nothing""")
                .setParameter("l", location).setParameter("next", now.plus(config.syncPeriod())).executeUpdate();
    }

    /** Locations whose sync is due (the start-up sync not yet done, say). */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public long due(Instant now) {
        return ((Number) em.createNativeQuery("select count(*) from location_sync where next_sync_at <= :now")
                .setParameter("now", now).getSingleResult()).longValue();
    }

    /** Every location synced periodically. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public List<String> locations() {
        return em.createNativeQuery("select location from location_sync order by location").getResultList().stream()
                .map(String.class::cast).toList();
    }
}
