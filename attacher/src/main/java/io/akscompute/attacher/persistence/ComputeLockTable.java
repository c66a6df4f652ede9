package io.akscompute.attacher.persistence;

import static org.hibernate.jpa.HibernateHints.HINT_NATIVE_SPACES;

import io.akscompute.common.saga.ComputeLocks;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * The suite's compute locks, one row per busy compute. Taking one is an insert that does nothing when the row
 * exists; a concurrent taker waits for the first to commit and then sees its row, so two never both win. No entity
 * maps the table: each query names it as its only query space, so Hibernate does not flush the transaction's
 * pending entities before it (one flushed early and changed again is written twice).
 */
@ApplicationScoped
@Transactional(Transactional.TxType.MANDATORY)
public class ComputeLockTable implements ComputeLocks {

    private static final String SPACE = "compute_lock";

    @Inject
    EntityManager em;

    @Override
    public Optional<Holder> take(String workspace, String computeName, UUID operationId, String operation,
            Instant now) {
        boolean inserted = !em.createNativeQuery("insert into compute_lock (workspace, compute_name, operation_id,"
                + " operation, taken_at) values (?1, ?2, ?3, ?4, ?5) on conflict do nothing returning 1")
                .setParameter(1, workspace).setParameter(2, computeName).setParameter(3, operationId)
                .setParameter(4, operation).setParameter(5, now).setHint(HINT_NATIVE_SPACES, SPACE)
                .getResultList().isEmpty();
        if (inserted) {
            return Optional.empty(); // the common case, in one statement
        }
        Object[] row = (Object[]) em.createNativeQuery("select operation_id, operation from compute_lock"
                + " where workspace = ?1 and compute_name = ?2")
                .setParameter(1, workspace).setParameter(2, computeName).setHint(HINT_NATIVE_SPACES, SPACE)
                .getSingleResult();
        UUID holder = (UUID) row[0];
        return holder.equals(operationId) ? Optional.empty() : Optional.of(new Holder(holder, (String) row[1]));
    }

    @Override
    public void release(String workspace, String computeName, UUID operationId) {
        em.createNativeQuery("delete from compute_lock where workspace = ?1 and compute_name = ?2"
                + " and operation_id = ?3")
                .setParameter(1, workspace).setParameter(2, computeName).setParameter(3, operationId)
                .setHint(HINT_NATIVE_SPACES, SPACE).executeUpdate();
    }

    /** True while an operation holds the compute. */
    public boolean held(String workspace, String computeName) {
        return !em.createNativeQuery("select 1 from compute_lock where workspace = ?1 and compute_name = ?2")
                .setParameter(1, workspace).setParameter(2, computeName).setHint(HINT_NATIVE_SPACES, SPACE)
                .getResultList().isEmpty();
    }
}
