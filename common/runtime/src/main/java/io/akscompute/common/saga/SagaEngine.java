package io.akscompute.common.saga;

import io.akscompute.common.config.ServiceIdentity;
import io.akscompute.common.contract.CloudEventTypes;
import io.akscompute.common.contract.Topics;
import io.akscompute.common.contract.ErrorCode;
import io.akscompute.common.contract.event.Detail;
import io.akscompute.common.contract.event.OperationFailed;
import io.akscompute.common.metrics.OperationMetrics;
import io.akscompute.common.contract.event.OperationProgress;
import io.akscompute.common.contract.event.OperationSucceeded;
import io.akscompute.common.contract.event.StatusEvent;
import io.akscompute.common.contract.saga.SagaReply;
import io.akscompute.common.operation.Operation;
import io.akscompute.common.outbox.Outbox;
import io.akscompute.common.tracing.Spans;
import io.akscompute.common.tracing.TraceContext;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.akscompute.common.work.Leases;
import io.akscompute.common.work.WorkLoops;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import org.hibernate.jpa.HibernateHints;
import org.jboss.logging.Logger;

/**
 * Runs the sagas this service owns: starts them inside the transaction that accepts their command, takes
 * participants' replies, advances one saga by one transition and the inline steps after it (for
 * {@link SagaReconciler}, which claims due sagas from the database, so a restart loses nothing) and publishes every
 * transition through the outbox in the transaction that made it.
 */
@ApplicationScoped
public class SagaEngine {
    private static final Logger LOG = Logger.getLogger(SagaEngine.class);

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
    Event<WorkLoops.Due> due;

    @Inject
    FailureClassifier classifier;

    @Inject
    Instance<ComputeLocks> locks;

    @Inject
    OperationMetrics metrics;

    @Inject
    Spans spans;

    @Inject
    Leases leases;

    static final String SAGA_STATUS = "akscompute.saga.status";

    private final Map<String, SagaDefinition<?>> byType = new HashMap<>();
    private SagaMachine machine;

    @PostConstruct
    void init() {
        for (SagaDefinition<?> d : definitions) {
            byType.put(d.type(), d);
        }
        machine = new SagaMachine(identity.service(), classifier::classify);
    }

    Instant now() {
        return leases.now();
    }

    /** Starts a saga for an accepted operation; call inside the accepting transaction. */
    @Transactional(Transactional.TxType.MANDATORY)
    public <S> SagaInstance start(SagaDefinition<S> definition, Operation operation, S state) {
        return start(definition, operation, state, true);
    }

    /**
     * Starts a saga; a serialised one (about one compute's resources) cannot run beside another serialised one of
     * the same compute: the database refuses the second.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public <S> SagaInstance start(SagaDefinition<S> definition, Operation operation, S state, boolean serialised) {
        SagaInstance saga = SagaMachine.start(definition, operation.id, operation.workspace, operation.computeName,
                state, now());
        saga.serialised = serialised;
        // The intake's span: every step continues it, whenever and wherever it runs.
        TraceContext trace = TraceContext.current();
        saga.traceParent = trace.traceparent();
        saga.traceState = trace.tracestate();
        saga.caller = operation.caller;
        em.persist(saga);
        metrics.started(definition.type());
        operation.status = Operation.Status.RUNNING;
        due.fire(new WorkLoops.Due(SagaReconciler.NAME));
        return saga;
    }

    /**
     * Commands for one compute are serialised: when a saga of the compute is still running here, or another
     * service's operation holds the compute ({@link ComputeLocks}, where this service keeps them), the operation
     * fails with OperationInProgress naming it (inside the accepting transaction) and this returns true. Otherwise
     * the compute is this operation's until its saga ends.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean refuseWhileBusy(Operation operation) {
        Optional<ComputeLocks.Holder> holder = running(operation.workspace, operation.computeName);
        if (holder.isEmpty() && locks.isResolvable()) {
            holder = locks.get().take(operation.workspace, operation.computeName, operation.id,
                    operation.commandType, now());
        }
        if (holder.isEmpty()) {
            return false;
        }
        operation.status = Operation.Status.FAILED;
        metrics.started(operation.commandType);
        metrics.ended(operation.commandType, "Failed", ErrorCode.OperationInProgress.name());
        outbox.status(new OperationFailed(operation.id, operation.workspace, operation.computeName,
                operation.commandType, ErrorCode.OperationInProgress, holder.get().operation() + " operation "
                + holder.get().operationId() + " is still running for compute " + operation.computeName
                + "; send this command again once it has finished",
                List.of(new Detail("operationId", holder.get().operationId().toString())), List.of()),
                operation.id.toString(), operation);
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

    /**
     * The operation whose saga of this compute is still running, if any: commands for one compute are serialised.
     * Native SQL with the statuses written out (a list parameter would make Hibernate translate the query on every
     * call, and literals let PostgreSQL use the partial index on running sagas), and two columns, not the entity:
     * mapping a native row to an entity is resolved again on every execution. Its query space is the saga table
     * alone: Hibernate flushes only pending sagas before it, not everything the transaction holds.
     */
    @Transactional(Transactional.TxType.REQUIRED)
    public Optional<ComputeLocks.Holder> running(String workspace, String computeName) {
        List<?> rows = em.createNativeQuery("select operation_id, type from saga_instance where workspace = :w"
                + " and compute_name = :c and status in ('RUNNING', 'COMPENSATING') and serialised limit 1")
                .setParameter("w", workspace).setParameter("c", computeName)
                .setHint(HibernateHints.HINT_NATIVE_SPACES, "saga_instance").getResultList();
        return rows.stream().map(r -> (Object[]) r)
                .map(r -> new ComputeLocks.Holder((UUID) r[0], (String) r[1])).findFirst();
    }

    public Optional<SagaInstance> byOperation(UUID operationId) {
        return em.createQuery("from SagaInstance where operationId = :o", SagaInstance.class)
                .setParameter("o", operationId).getResultList().stream().findFirst();
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
            due.fire(new WorkLoops.Due(SagaReconciler.NAME));
        }
        return taken;
    }

    /**
     * Runs the due transition of a saga claimed by the reconciler and publishes what it says; then, in the same
     * transaction, each next step that is due now and local ({@link SagaMachine#nextIsLocal}), so that a skipped
     * step or a database-only one costs no transaction of its own. A step that calls outside (Azure, a cluster) is
     * only begun: the saga is leased ({@link Leases}; its version bumped at the commit) and this returns true; the
     * caller commits, runs {@link #call} with no transaction open and hands the result to {@link #record}.
     */
    boolean advance(SagaInstance saga, Instant now) {
        return advance(saga, definitionOf(saga), now, true);
    }

    private boolean advance(SagaInstance saga, SagaDefinition<?> definition, Instant now, boolean first) {
        if (!first && !machine.nextIsLocal(saga, definition, now)) {
            return done(saga);
        }
        int before;
        do {
            before = saga.currentStep;
            if (transition(saga, definition, now)) {
                saga.nextAttemptAt = leases.until(now);
                return true;
            }
        } while (saga.currentStep > before && machine.nextIsLocal(saga, definition, now));
        return done(saga);
    }

    private static boolean done(SagaInstance saga) {
        saga.failures = 0;
        saga.lastError = null;
        return false;
    }

    /** Runs the transition; true when it stopped before a call outside. */
    private boolean transition(SagaInstance saga, SagaDefinition<?> definition, Instant now) {
        String step = stepName(saga, definition);
        return inSpan(saga, saga.type + " " + step, () -> {
            long started = System.nanoTime();
            SagaMachine.Transition t = machine.begin(saga, definition, now);
            if (t.callsOutside()) {
                // The step's own span is its call's (the Azure requests under it); this one only began it.
                Span.current().updateName(saga.type + " " + stepName(saga, definition) + " begun");
            } else {
                metrics.step(saga.type, step, Duration.ofNanos(System.nanoTime() - started));
            }
            publish(saga, t.effects());
            return t.callsOutside();
        });
    }

    /** Before the first step and after the last (or while undoing past the first) there is no step to name. */
    private static String stepName(SagaInstance saga, SagaDefinition<?> definition) {
        return saga.currentStep >= 0 && saga.currentStep < definition.steps().size()
                ? definition.steps().get(saga.currentStep).name() : "none";
    }

    /** Runs the call {@link #advance} left, on the committed copy of the saga, with no transaction open. */
    SagaMachine.CallResult call(SagaInstance leased, Instant now) {
        SagaDefinition<?> definition = definitionOf(leased);
        return leases.renewing("saga_instance", "id", leased.id, leased.version, () ->
                inSpan(leased, leased.type + " " + stepName(leased, definition), () -> {
                    long started = System.nanoTime();
                    SagaMachine.CallResult result = machine.call(leased, definition, now);
                    metrics.step(leased.type, result.step(), Duration.ofNanos(System.nanoTime() - started));
                    return result;
                }));
    }

    /**
     * Applies a call's result to the saga, in the caller's transaction, when the saga is still as the lease left it
     * (the same version); then goes on like {@link #advance}. Returns the saga leased again when it stopped before
     * another call (the copy to call with once this transaction commits), or null.
     */
    SagaInstance record(SagaInstance leased, SagaMachine.CallResult result, Instant now) {
        SagaInstance saga = em.find(SagaInstance.class, leased.id, LockModeType.PESSIMISTIC_WRITE);
        if (saga == null || saga.version != leased.version) {
            LOG.warnf("saga %s: the lease of its step %s ran out and another worker took it; this try's result (%s) "
                    + "is dropped", leased.id, result.step(), result.result());
            return null;
        }
        SagaDefinition<?> definition = definitionOf(saga);
        inSpan(saga, saga.type + " " + result.step() + " recorded", () -> {
            publish(saga, machine.complete(saga, definition, result, now));
            return null;
        });
        return advance(saga, definition, now, false) ? saga : null;
    }

    /** A transition as a span of the operation's trace (its Azure calls and outbox rows are in it). */
    private <T> T inSpan(SagaInstance saga, String name, Supplier<T> transition) {
        return spans.unchecked(name, SpanKind.INTERNAL, TraceContext.of(saga.traceParent, saga.traceState),
                saga.operationId, () -> {
                    Span.current().setAttribute(SAGA_STATUS, saga.status.name());
                    return transition.get();
                });
    }

    /**
     * A transition of this saga threw: it is tried again with backoff; after too many tries in a row its step
     * fails with InternalError and the saga compensates, so that one broken saga never holds up the others.
     */
    void transitionFailed(SagaInstance saga, Exception error, Instant now) {
        saga.failures++;
        saga.lastError = error.toString();
        RetryPolicy policy = RetryPolicy.DEFAULT;
        if (saga.failures < policy.maxAttempts()) {
            saga.nextAttemptAt = now.plus(policy.backoff(saga.failures, null));
            return;
        }
        String reason = "the step failed " + saga.failures + " times in a row: " + error;
        saga.failures = 0;
        saga.nextAttemptAt = now;
        try {
            inSpan(saga, saga.type + " failed", () -> {
                publish(saga, machine.failStep(saga, definitionOf(saga), new StepResult.Fail(ErrorCode.InternalError,
                        reason, List.of()), now));
                return null;
            });
        } catch (RuntimeException unreadable) {
            // Not even its state can be read: end it here, without compensation, and say so.
            LOG.errorf(unreadable, "saga %s cannot be read; it is ended without compensation", saga.id);
            saga.status = SagaInstance.Status.FAILED;
            saga.nextAttemptAt = null;
            saga.failureCode = ErrorCode.InternalError.name();
            saga.failureMessage = reason;
            publish(saga, List.of(new SagaEffect.Failed(ErrorCode.InternalError, reason + "; nothing was undone",
                    List.of(), List.of(), List.of())));
        }
    }

    private SagaDefinition<?> definitionOf(SagaInstance saga) {
        SagaDefinition<?> definition = byType.get(saga.type);
        if (definition == null) {
            throw new IllegalStateException("no saga definition for type " + saga.type + " in this service");
        }
        return definition;
    }

    private void publish(SagaInstance saga, List<SagaEffect> effects) {
        String causation = saga.id.toString();
        for (SagaEffect effect : effects) {
            if (effect instanceof SagaEffect.Progress p) {
                LOG.infof("%s %s: %s", saga.type, p.step(), p.message());
                status(saga, new OperationProgress(saga.operationId, saga.workspace, saga.computeName, saga.type,
                        p.step(), p.index(), p.count(), p.message(), p.warnings()));
            } else if (effect instanceof SagaEffect.Request r) {
                outbox.publish(Topics.sagaRequests(r.request().action().participant()), saga.id.toString(),
                        CloudEventTypes.of("SagaRequest"), CloudEventTypes.subject(saga.workspace, saga.computeName),
                        saga.operationId, causation, r.request());
            } else if (effect instanceof SagaEffect.Succeeded s) {
                finish(saga, Operation.Status.SUCCEEDED);
                metrics.ended(saga.type, "Succeeded", null);
                LOG.infof("%s succeeded", saga.type);
                status(saga, new OperationSucceeded(saga.operationId, saga.workspace, saga.computeName, saga.type,
                        s.compute(), s.message()));
            } else if (effect instanceof SagaEffect.Failed f) {
                finish(saga, Operation.Status.FAILED);
                metrics.ended(saga.type, "Failed", f.code() == null ? null : f.code().name());
                LOG.infof("%s failed: %s %s", saga.type, f.code(), f.message());
                status(saga, new OperationFailed(saga.operationId, saga.workspace, saga.computeName, saga.type,
                        f.code(), f.message(), f.details(), f.compensated(), f.compensationFailed()));
            }
        }
    }

    /** A status event naming the saga's caller; a saga from before callers were kept looks its operation up. */
    private void status(SagaInstance saga, StatusEvent event) {
        if (saga.caller != null) {
            outbox.status(event, saga.id.toString(), Outbox.USER, saga.caller);
        } else {
            outbox.status(event, saga.id.toString());
        }
    }

    private void finish(SagaInstance saga, Operation.Status status) {
        if (saga.serialised && locks.isResolvable()) {
            locks.get().release(saga.workspace, saga.computeName, saga.operationId);
        }
        Operation op = em.find(Operation.class, saga.operationId);
        if (op != null) {
            op.status = status;
            op.updatedAt = now();
        }
    }
}
