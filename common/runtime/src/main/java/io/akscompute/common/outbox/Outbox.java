package io.akscompute.common.outbox;

import io.akscompute.common.config.ServiceIdentity;
import io.akscompute.common.contract.Json;
import io.akscompute.common.contract.Topics;
import io.akscompute.common.contract.event.StatusEvent;
import io.akscompute.common.operation.Operation;
import io.akscompute.common.tracing.TraceContext;
import io.akscompute.common.work.WorkLoops;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.UUID;

/**
 * Writes events into the outbox table. Must run inside the transaction of the state change the event
 * announces ({@link Transactional.TxType#MANDATORY}): either both commit or neither does. Each row keeps the trace
 * context of the span current while it is written (the step, the participant's work), which the relay sends on.
 */
@ApplicationScoped
public class Outbox {

    @Inject
    EntityManager em;

    @Inject
    ServiceIdentity identity;

    @Inject
    Event<WorkLoops.Due> due;

    public static final String USER = "user";
    public static final String UNAUTHENTICATED = "unauthenticated";
    public static final String SYSTEM = "system";

    /**
     * A status event, named with its operation's caller (authcontext {@code user}) or, for what akscompute does on its
     * own (renewals, sweeps), {@code system}.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public UUID status(StatusEvent event, String causationId) {
        return status(event, causationId, em.find(Operation.class, event.operationId()));
    }

    /** The same for an operation in hand (null: none), which need not be persisted yet. */
    @Transactional(Transactional.TxType.MANDATORY)
    public UUID status(StatusEvent event, String causationId, Operation op) {
        return op != null && op.caller != null ? status(event, causationId, USER, op.caller)
                : status(event, causationId, SYSTEM, null);
    }

    /** A status event with the authcontext given (a refused command has no operation to look it up from). */
    @Transactional(Transactional.TxType.MANDATORY)
    public UUID status(StatusEvent event, String causationId, String authType, String authId) {
        OutboxMessage m = message(Topics.STATUS, event.key(), event.cloudEventType(), event.subject(),
                event.operationId(), causationId, event);
        m.authType = authType;
        m.authId = authId;
        return persist(m);
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public UUID publish(String topic, String key, String ceType, String subject, UUID correlationId,
            String causationId, Object payload) {
        return persist(message(topic, key, ceType, subject, correlationId, causationId, payload));
    }

    private OutboxMessage message(String topic, String key, String ceType, String subject, UUID correlationId,
            String causationId, Object payload) {
        OutboxMessage m = new OutboxMessage();
        m.id = UUID.randomUUID();
        m.topic = topic;
        m.recordKey = key;
        m.ceType = ceType;
        m.ceSource = identity.service().source();
        m.ceSubject = subject;
        m.correlationId = correlationId;
        m.causationId = causationId;
        m.payload = payload instanceof String s ? s : Json.write(payload);
        m.createdAt = Instant.now();
        TraceContext trace = TraceContext.current();
        m.traceParent = trace.traceparent();
        m.traceState = trace.tracestate();
        return m;
    }

    private UUID persist(OutboxMessage m) {
        em.persist(m);
        due.fire(new WorkLoops.Due(OutboxRelay.NAME));
        return m.id;
    }
}
