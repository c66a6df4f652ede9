package io.akscompute.common.inbox;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.util.Optional;

/**
 * Remembers which message ids a consumer has handled, in the same transaction as the handling, so a
 * redelivered message (consumer restart, rebalance, producer retry) has no second effect.
 */
@ApplicationScoped
public class Inbox {

    /** What became of a message the first time. */
    public enum Outcome {
        ACCEPTED, REJECTED, HANDLED
    }

    @Inject
    EntityManager em;

    /**
     * Records the message; returns empty when it is new, or the outcome it had the first time.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Optional<Outcome> record(String consumer, String messageId, Outcome outcome) {
        int inserted = em.createNativeQuery("""
                insert into inbox_message (consumer, message_id, outcome) values (:c, :m, :o)
                on conflict (consumer, message_id) do nothing""")
                .setParameter("c", consumer).setParameter("m", messageId).setParameter("o", outcome.name())
                .executeUpdate();
        if (inserted == 1) {
            return Optional.empty();
        }
        String earlier = (String) em.createNativeQuery(
                "select outcome from inbox_message where consumer = :c and message_id = :m")
                .setParameter("c", consumer).setParameter("m", messageId).getSingleResult();
        return Optional.of(Outcome.valueOf(earlier));
    }

    /** Corrects the outcome recorded by {@link #record} once the handling decided it. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void settle(String consumer, String messageId, Outcome outcome) {
        em.createNativeQuery("update inbox_message set outcome = :o where consumer = :c and message_id = :m")
                .setParameter("c", consumer).setParameter("m", messageId).setParameter("o", outcome.name())
                .executeUpdate();
    }
}
