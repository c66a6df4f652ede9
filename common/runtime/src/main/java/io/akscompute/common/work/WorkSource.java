package io.akscompute.common.work;

import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Rows that come due and are worked off by a {@link WorkLoop}: sagas, outbox rows, participant requests, version
 * syncs, certificate renewals. Each item is claimed and worked in one transaction of its own, so a crash rolls it
 * back and another instance (or the next sweep) takes it again.
 *
 * @param <T> what {@link #claim} returns: a row, or a batch of rows
 */
public interface WorkSource<T> {

    /** Names the loop's thread, its log lines and its settings ({@code akscompute.work.loops.<name>.*}). */
    String name();

    /**
     * Locks the next due item in the running transaction ({@code FOR UPDATE SKIP LOCKED}, so that two instances
     * never take the same one), or empty when nothing is due.
     */
    Optional<T> claim(Instant now);

    /**
     * Works the item off, in the transaction that claimed it (or after it, see {@link #claimCommitsFirst}); what
     * must not hold the transaction goes to {@link #afterCommit}.
     */
    void work(T item, Instant now) throws Exception;

    /**
     * What the log lines written while the item is worked should name (operation id, workspace, compute): the
     * loop puts it in the logging context (MDC) for the claim, the work and a failure, and takes it out after.
     */
    default OperationLogContext logContext(T item) {
        return OperationLogContext.NONE;
    }

    /**
     * True for a source whose work reads slow outside systems (Azure, a cluster) and must not hold a transaction or
     * row locks meanwhile: its claim leases the item (moves it out of the due set, so another instance does not
     * take it) and commits; {@link #work} then runs outside any transaction and opens short ones of its own.
     */
    default boolean claimCommitsFirst() {
        return false;
    }

    /**
     * Runs after the transaction of {@link #claim} and {@link #work} committed, with none open: the part of the
     * work that calls slow outside systems, which {@link #work} leased the item for (moved it out of the due set).
     * It opens short transactions of its own; when it throws, the item is handed to {@link #failed} as from
     * {@link #work}. Nothing by default.
     */
    default void afterCommit(T item, Instant now) throws Exception {
    }

    /**
     * {@link #work} threw and its transaction was rolled back: in a transaction of its own, move the item out of
     * the way (back off, or park it with the reason after too many tries) so the others go on.
     *
     * @return true when the loop may go on with other items now; false to wait for the next sweep (the failure
     *         would hit every item alike, e.g. the broker is away)
     */
    boolean failed(T item, Exception error, Instant now);

    /**
     * The first row a native query finds, as an entity: for {@link #claim}, with a query that takes {@code :now}
     * and ends in {@code limit 1 for update skip locked}.
     */
    @SuppressWarnings("unchecked")
    static <E> Optional<E> claimOne(EntityManager em, Class<E> entity, String sql, Instant now) {
        List<E> rows = em.createNativeQuery(sql, entity).setParameter("now", now).getResultList();
        return rows.stream().findFirst();
    }
}
