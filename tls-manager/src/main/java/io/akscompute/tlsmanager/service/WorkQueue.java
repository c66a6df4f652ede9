package io.akscompute.tlsmanager.service;

import io.akscompute.tlsmanager.persistence.WorkItem;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.UUID;

/** Adds work in the caller's transaction; the worker is woken once that transaction commits. */
@ApplicationScoped
public class WorkQueue {

    /** Fired inside the transaction; observed after a successful commit. */
    public record Queued() {
    }

    @Inject
    EntityManager em;

    @Inject
    Event<Queued> queued;

    @Transactional(Transactional.TxType.MANDATORY)
    public void add(UUID id, WorkItem.Kind kind, String request) {
        WorkItem w = new WorkItem();
        w.id = id;
        w.kind = kind;
        w.request = request;
        w.status = WorkItem.Status.PENDING;
        w.createdAt = Instant.now();
        em.persist(w);
        queued.fire(new Queued());
    }

    /** Puts a finished item back in line (a saga request asked again after a retryable failure). */
    @Transactional(Transactional.TxType.MANDATORY)
    public void again(WorkItem w) {
        w.status = WorkItem.Status.PENDING;
        w.reply = null;
        w.claimedAt = null;
        w.doneAt = null;
        queued.fire(new Queued());
    }
}
