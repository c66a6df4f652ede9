package io.akscompute.common.inbox;

import io.akscompute.common.rules.Text;
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

    /** What a message was the first time: its outcome, and the hash of its content when one was recorded. */
    public record Earlier(Outcome outcome, String hash) {
    }

    /** Records the message; returns empty when it is new, or the outcome it had the first time. */
    @Transactional(Transactional.TxType.MANDATORY)
    public Optional<Outcome> record(String consumer, String messageId, Outcome outcome) {
        return record(consumer, messageId, outcome, null).map(Earlier::outcome);
    }

    /**
     * Records the message with a hash of its content (null: none), insert first; returns empty when it is new, or
     * what it was the first time, so that a second message with the same id and another content can be told.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Optional<Earlier> record(String consumer, String messageId, Outcome outcome, String hash) {
        int inserted = em.createNativeQuery("""
                insert into inbox_message (consumer, message_id, outcome, payload_hash) values (:c, :m, :o, :h)
                on conflict (consumer, message_id) do nothing""")
                .setParameter("c", consumer).setParameter("m", messageId).setParameter("o", outcome.name())
                .setParameter("h", hash).executeUpdate();
        if (inserted == 1) {
            return Optional.empty();
        }
        Object[] earlier = (Object[]) em.createNativeQuery(
                "select outcome, payload_hash from inbox_message where consumer = :c and message_id = :m")
                .setParameter("c", consumer).setParameter("m", messageId).getSingleResult();
        return Optional.of(new Earlier(Outcome.valueOf((String) earlier[0]), (String) earlier[1]));
    }

    /** SHA-256 of a message's content, as {@link #record} compares it. */
    public static String hash(String content) {
        return Text.sha256(content);
    }

    /** Corrects the outcome recorded by {@link #record} once the handling decided it. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void settle(String consumer, String messageId, Outcome outcome) {
        em.createNativeQuery("update inbox_message set outcome = :o where consumer = :c and message_id = :m")
                .setParameter("c", consumer).setParameter("m", messageId).setParameter("o", outcome.name())
                .executeUpdate();
    }
}
