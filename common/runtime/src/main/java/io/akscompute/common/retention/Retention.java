package io.akscompute.common.retention;

import io.akscompute.common.work.WorkSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.jboss.logging.Logger;

/**
 * Deletes outbox rows the broker took, inbox rows, answered saga requests and finished operations with their sagas
 * older than {@link RetentionConfig} says, a batch per transaction, so that no table grows with every operation for
 * good. Replicas delete side by side: each skips the rows another has locked.
 */
@ApplicationScoped
public class Retention implements WorkSource<Retention.Cutoffs> {
    public static final String NAME = "retention";
    static final int BATCH = 1000;
    /** Rows another replica is deleting look old until it commits: no second try for this long. */
    private static final long PAUSE_NANOS = Duration.ofSeconds(1).toNanos();
    private static final Logger LOG = Logger.getLogger(Retention.class);

    /** Rows older than these go. */
    public record Cutoffs(Instant outbox, Instant inbox, Instant operations) {
    }

    /**
     * Rows of a table the sweep deletes: its key, which of its rows are done with ({@code done}, empty: all) and by
     * which time column they age (migration V1_0_10 indexes each table's done rows by it).
     */
    private record Kind(String table, String key, String done, String time, Function<Cutoffs, Instant> cutoff) {
        String old() {
            return (done.isEmpty() ? "" : done + " and ") + time + " < :cutoff";
        }
    }

    private static final List<Kind> KINDS = List.of(
            new Kind("outbox_message", "seq", "", "published_at", Cutoffs::outbox), // unpublished: null, never older
            new Kind("inbox_message", "consumer, message_id", "", "received_at", Cutoffs::inbox),
            new Kind("participant_work", "request_id", "status <> 'PENDING'", "updated_at", Cutoffs::inbox),
            new Kind("operation", "id", "status in ('SUCCEEDED', 'FAILED')", "updated_at", Cutoffs::operations),
            new Kind("saga_instance", "id", "status in ('SUCCEEDED', 'FAILED')", "updated_at", Cutoffs::operations));

    @Inject
    EntityManager em;

    @Inject
    RetentionConfig config;

    /** When a batch last came back short (System.nanoTime): nothing old is left until the next sweep. */
    private volatile long caughtUpAt = System.nanoTime() - PAUSE_NANOS;

    @Override
    public String name() {
        return NAME;
    }

    /** Claims the sweep, not rows: {@link #work} takes each table's old rows itself, a batch at a time. */
    @Override
    public Optional<Cutoffs> claim(Instant now) {
        if (System.nanoTime() - caughtUpAt < PAUSE_NANOS) {
            return Optional.empty();
        }
        Instant written = Instant.now(); // the rows' times are the database's and the relay's, not an injected clock
        return Optional.of(new Cutoffs(written.minus(config.outbox()), written.minus(config.inbox()),
                written.minus(config.operations())));
    }

    @Override
    public void work(Cutoffs cutoffs, Instant now) {
        boolean caughtUp = true;
        for (Kind kind : KINDS) {
            int n = em.createNativeQuery("delete from " + kind.table() + " where (" + kind.key() + ") in (select "
                    + kind.key() + " from " + kind.table() + " where " + kind.old() + " order by " + kind.time()
                    + " limit :n for update skip locked)")
                    .setParameter("cutoff", kind.cutoff().apply(cutoffs)).setParameter("n", BATCH).executeUpdate();
            caughtUp &= n < BATCH;
            LOG.debugf("retention: %d rows deleted from %s", n, kind.table());
        }
        if (caughtUp) {
            caughtUpAt = System.nanoTime(); // what is left is younger, or another replica's to delete
        }
    }

    /** Nothing to undo: the rows stay for the next sweep. */
    @Override
    public boolean failed(Cutoffs cutoffs, Exception error, Instant now) {
        LOG.warnf("retention: deleting old rows failed, will retry on the next sweep: %s", error.toString());
        return false;
    }
}
