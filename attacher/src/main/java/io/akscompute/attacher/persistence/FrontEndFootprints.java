package io.akscompute.attacher.persistence;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/** The clusters the attacher put a front end into and has not seen it removed from yet. */
@ApplicationScoped
public class FrontEndFootprints {

    /** Who put the front end there. */
    public record Footprint(String clusterResourceId, String workspace, String computeName, UUID operationId) {
    }

    @Inject
    EntityManager em;

    /**
     * Committed on its own before the first write into the cluster: a crash after the write cannot lose it (a
     * footprint whose front end never came is forgotten by the sweep). True when the cluster had one already: the
     * attacher put a front end there before and has not seen it removed.
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public boolean record(Footprint f, Instant now) {
        boolean before = !em.createNativeQuery("select 1 from front_end_footprint where cluster_resource_id = :id")
                .setParameter("id", key(f.clusterResourceId())).getResultList().isEmpty();
        em.createNativeQuery("""
                insert into front_end_footprint (cluster_resource_id, workspace, compute_name, operation_id,
                installed_at) values (:id, :w, :c, :o, :now) on conflict (cluster_resource_id) do update
                set workspace = :w, compute_name = :c, operation_id = :o, installed_at = :now""")
                .setParameter("id", key(f.clusterResourceId())).setParameter("w", f.workspace())
                .setParameter("c", f.computeName()).setParameter("o", f.operationId()).setParameter("now", now)
                .executeUpdate();
        return before;
    }

    @Transactional(Transactional.TxType.REQUIRED)
    public void forget(String clusterResourceId) {
        em.createNativeQuery("delete from front_end_footprint where cluster_resource_id = :id")
                .setParameter("id", key(clusterResourceId)).executeUpdate();
    }

    /** The oldest footprints in clusters no compute is attached to (the orphan sweep's candidates). */
    @Transactional(Transactional.TxType.REQUIRED)
    @SuppressWarnings("unchecked")
    public List<Footprint> withoutCompute(int limit) {
        List<Object[]> rows = em.createNativeQuery("""
                select f.cluster_resource_id, f.workspace, f.compute_name, f.operation_id from front_end_footprint f
                where not exists (select 1 from compute c where lower(c.cluster_resource_id) = f.cluster_resource_id)
                order by f.installed_at limit :n""").setParameter("n", limit).getResultList();
        return rows.stream().map(r -> new Footprint((String) r[0], (String) r[1], (String) r[2], (UUID) r[3])).toList();
    }

    /** ARM resource ids are case-insensitive. */
    private static String key(String clusterResourceId) {
        return clusterResourceId.toLowerCase(Locale.ROOT);
    }
}
