package io.akscompute.common.retention;

import io.akscompute.common.work.WorkSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
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

    @Override
    public Optional<Cutoffs> claim(Instant now) {
        if (System.nanoTime() - caughtUpAt < PAUSE_NANOS) {
            return Optional.empty();
        }
        Instant written = Instant.now(); // the rows' times are the database's and the relay's, not an injected clock
        Cutoffs cutoffs = new Cutoffs(written.minus(config.outbox()), written.minus(config.inbox()),
                written.minus(config.operations()));
        boolean due = (Boolean) em.createNativeQuery("""
                select exists (select 1 from outbox_message where published_at < :o)
                    or exists (select 1 from inbox_message where received_at < :i)
                    or exists (select 1 from participant_work where status <> 'PENDING' and updated_at < :i)
                    or exists (select 1 from operation where status in ('SUCCEEDED', 'FAILED') and updated_at < :h)
                    or exists (select 1 from saga_instance where status in ('SUCCEEDED', 'FAILED') and updated_at < :h)""")
                .setParameter("o", cutoffs.outbox()).setParameter("i", cutoffs.inbox())
                .setParameter("h", cutoffs.operations()).getSingleResult();
        return due ? Optional.of(cutoffs) : Optional.empty();
    }

    @Override
    public void work(Cutoffs cutoffs, Instant now) {
        int outbox = em.createNativeQuery("""
                delete from outbox_message where seq in (select seq from outbox_message where published_at < :o
                    order by published_at limit :n for update skip locked)""")
                .setParameter("o", cutoffs.outbox()).setParameter("n", BATCH).executeUpdate();
        int inbox = em.createNativeQuery("""
                delete from inbox_message where (consumer, message_id) in (select consumer, message_id
                    from inbox_message where received_at < :i order by received_at limit :n for update skip locked)""")
                .setParameter("i", cutoffs.inbox()).setParameter("n", BATCH).executeUpdate();
        int answered = em.createNativeQuery("""
                delete from participant_work where request_id in (select request_id from participant_work
                    where status <> 'PENDING' and updated_at < :i order by updated_at limit :n for update skip locked)""")
                .setParameter("i", cutoffs.inbox()).setParameter("n", BATCH).executeUpdate();
        int operations = em.createNativeQuery("""
                delete from operation where id in (select id from operation where status in ('SUCCEEDED', 'FAILED')
                    and updated_at < :h order by updated_at limit :n for update skip locked)""")
                .setParameter("h", cutoffs.operations()).setParameter("n", BATCH).executeUpdate();
        int sagas = em.createNativeQuery("""
                delete from saga_instance where id in (select id from saga_instance where status in ('SUCCEEDED', 'FAILED')
                    and updated_at < :h order by updated_at limit :n for update skip locked)""")
                .setParameter("h", cutoffs.operations()).setParameter("n", BATCH).executeUpdate();
        if (outbox < BATCH && inbox < BATCH && answered < BATCH && operations < BATCH && sagas < BATCH) {
            caughtUpAt = System.nanoTime(); // what is left is younger, or another replica's to delete
        }
        LOG.debugf("retention: deleted %d outbox rows, %d inbox rows, %d answered requests, %d operations, %d sagas",
                outbox, inbox, answered, operations, sagas);
    }

    /** Nothing to undo: the rows stay for the next sweep. */
    @Override
    public boolean failed(Cutoffs cutoffs, Exception error, Instant now) {
        LOG.warnf("retention: deleting old rows failed, will retry on the next sweep: %s", error.toString());
        return false;
    }
}
