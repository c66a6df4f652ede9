package io.akscompute.common.saga;

import io.akscompute.common.config.ServiceIdentity;
import io.akscompute.common.contract.CloudEventTypes;
import io.akscompute.common.contract.Topics;
import io.akscompute.common.contract.ErrorCode;
import io.akscompute.common.contract.event.Detail;
import io.akscompute.common.contract.event.OperationFailed;
import io.akscompute.common.contract.event.OperationProgress;
import io.akscompute.common.contract.event.OperationSucceeded;
import io.akscompute.common.contract.saga.SagaReply;
import io.akscompute.common.operation.Operation;
import io.akscompute.common.outbox.Outbox;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jboss.logging.Logger;

/**
 * Runs the sagas this service owns: starts them inside the transaction that accepts their command, resumes
 * due ones from the database (a restart loses nothing), takes participants' replies, and publishes every
 * transition through the outbox in the transition's own transaction. Due sagas are claimed with
 * {@code FOR UPDATE SKIP LOCKED}, so two instances of a service share the work without doing it twice.
 */
@ApplicationScoped
public class SagaEngine {
    private static final Logger LOG = Logger.getLogger(SagaEngine.class);
    private static final int TRANSITIONS_PER_WAKE_UP = 500;

    @Inject
    EntityManager em;

    @Inject
    Outbox outbox;

    @Inject
    ServiceIdentity identity;

    @Inject
    @Any
    Instance<SagaDefinition<?>> definitions;

    @Inject
    Event<Started> started;

    @Inject
    Instance<Clock> clock;

    @Inject
    FailureClassifier classifier;

    /** Fired inside a transaction that made a saga due; the reconciler runs after the commit. */
    public record Started() {
    }

    private final Map<String, SagaDefinition<?>> byType = new HashMap<>();
    private SagaMachine machine;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "saga-reconciler");
        t.setDaemon(true);
        return t;
    });
    private final AtomicBoolean scheduled = new AtomicBoolean();

    @PostConstruct
    void init() {
        for (SagaDefinition<?> d : definitions) {
            byType.put(d.type(), d);
        }
        machine = new SagaMachine(identity.service(), classifier::classify);
    }

    private Instant now() {
        return clock.isResolvable() ? clock.get().instant() : Instant.now();
    }

    /** Starts a saga for an accepted operation; call inside the accepting transaction. */
    @Transactional(Transactional.TxType.MANDATORY)
    public <S> SagaInstance start(SagaDefinition<S> definition, Operation operation, S state) {
        SagaInstance saga = SagaMachine.start(definition, operation.id, operation.workspace, operation.computeName,
                state, now());
        em.persist(saga);
        operation.status = Operation.Status.RUNNING;
        started.fire(new Started());
        return saga;
    }

    /**
     * Commands for one compute are serialised: when a saga of the compute is still running, the operation fails
     * with OperationInProgress naming it (inside the accepting transaction) and this returns true.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean refuseWhileBusy(Operation operation) {
        Optional<SagaInstance> running = running(operation.workspace, operation.computeName);
        if (running.isEmpty()) {
            return false;
        }
        operation.status = Operation.Status.FAILED;
        outbox.status(new OperationFailed(operation.id, operation.workspace, operation.computeName,
                operation.commandType, ErrorCode.OperationInProgress, running.get().type + " operation "
                + running.get().operationId + " is still running for compute " + operation.computeName
                + "; send this command again once it has finished",
                List.of(new Detail("operationId", running.get().operationId.toString())), List.of()),
                operation.id.toString());
        return true;
    }

    /** The definition of a saga type this service owns. */
    @SuppressWarnings("unchecked")
    public <S> SagaDefinition<S> definition(String type, Class<S> stateType) {
        SagaDefinition<?> d = byType.get(type);
        if (d == null || !d.stateType().equals(stateType)) {
            throw new IllegalStateException("no saga " + type + " with state " + stateType.getSimpleName());
        }
        return (SagaDefinition<S>) d;
    }

    /** The saga of this compute that is still running, if any: commands for one compute are serialised. */
    @Transactional(Transactional.TxType.MANDATORY)
    public Optional<SagaInstance> running(String workspace, String computeName) {
        return em.createQuery("from SagaInstance where workspace = :w and computeName = :c and status in :s",
                SagaInstance.class).setParameter("w", workspace).setParameter("c", computeName)
                .setParameter("s", List.of(SagaInstance.Status.RUNNING, SagaInstance.Status.COMPENSATING))
                .getResultStream().findFirst();
    }

    public Optional<SagaInstance> byOperation(UUID operationId) {
        return em.createQuery("from SagaInstance where operationId = :o", SagaInstance.class)
                .setParameter("o", operationId).getResultStream().findFirst();
    }

    /** Takes a participant's reply; a duplicate or late one changes nothing. */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean onReply(SagaReply reply) {
        SagaInstance saga = em.find(SagaInstance.class, reply.sagaId(), LockModeType.PESSIMISTIC_WRITE);
        if (saga == null) {
            LOG.warnf("reply %s for unknown saga %s ignored", reply.requestId(), reply.sagaId());
            return false;
        }
        boolean taken = machine.onReply(saga, reply, now());
        if (taken) {
            started.fire(new Started());
        }
        return taken;
    }

    void afterCommit(@Observes(during = TransactionPhase.AFTER_SUCCESS) Started event) {
        wakeUp();
    }

    // Delayed: the first run must not race the wiring of the messaging channels at start-up.
    @Scheduled(every = "${akscompute.saga.reconcile-interval:1s}", delayed = "${akscompute.saga.reconcile-delay:3s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void reconcile() {
        wakeUp();
    }

    void onStop(@Observes ShutdownEvent event) {
        worker.shutdownNow();
    }

    public void wakeUp() {
        if (scheduled.compareAndSet(false, true) && !worker.isShutdown()) {
            worker.execute(() -> {
                scheduled.set(false);
                runDue();
            });
        }
    }

    private void runDue() {
        try {
            for (int i = 0; i < TRANSITIONS_PER_WAKE_UP; i++) {
                if (!QuarkusTransaction.requiringNew().timeout(300).call(this::advanceOneDue)) {
                    return;
                }
            }
            wakeUp(); // more is due: yield to the next run rather than loop forever
        } catch (RuntimeException e) {
            LOG.errorf(e, "saga reconciler: a transition failed; it is retried on the next run");
        }
    }

    /** Claims one due saga, runs one transition, writes its events; false when nothing is due. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private boolean advanceOneDue() {
        List<SagaInstance> due = em.createNativeQuery("""
                select * from saga_instance where status in ('RUNNING', 'COMPENSATING') and next_attempt_at <= :now
                order by next_attempt_at limit 1 for update skip locked""", SagaInstance.class)
                .setParameter("now", now()).getResultList();
        if (due.isEmpty()) {
            return false;
        }
        SagaInstance saga = due.get(0);
        SagaDefinition definition = byType.get(saga.type);
        if (definition == null) {
            throw new IllegalStateException("no saga definition for type " + saga.type + " in this service");
        }
        List<SagaEffect> effects = machine.advance(saga, definition, now());
        publish(saga, effects);
        return true;
    }

    private void publish(SagaInstance saga, List<SagaEffect> effects) {
        String causation = saga.id.toString();
        for (SagaEffect effect : effects) {
            if (effect instanceof SagaEffect.Progress p) {
                outbox.status(new OperationProgress(saga.operationId, saga.workspace, saga.computeName, saga.type,
                        p.step(), p.index(), p.count(), p.message(), p.warnings()), causation);
            } else if (effect instanceof SagaEffect.Request r) {
                outbox.publish(Topics.sagaRequests(r.request().action().participant()), saga.id.toString(),
                        CloudEventTypes.of("SagaRequest"), CloudEventTypes.subject(saga.workspace, saga.computeName),
                        saga.operationId, causation, r.request());
            } else if (effect instanceof SagaEffect.Succeeded s) {
                finish(saga, Operation.Status.SUCCEEDED);
                outbox.status(new OperationSucceeded(saga.operationId, saga.workspace, saga.computeName, saga.type,
                        s.compute(), s.message()), causation);
            } else if (effect instanceof SagaEffect.Failed f) {
                finish(saga, Operation.Status.FAILED);
                outbox.status(new OperationFailed(saga.operationId, saga.workspace, saga.computeName, saga.type,
                        f.code(), f.message(), f.details(), f.compensated()), causation);
            }
        }
    }

    private void finish(SagaInstance saga, Operation.Status status) {
        Operation op = em.find(Operation.class, saga.operationId);
        if (op != null) {
            op.status = status;
            op.updatedAt = now();
        }
    }
}
