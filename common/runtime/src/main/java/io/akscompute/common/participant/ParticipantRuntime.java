package io.akscompute.common.participant;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.akscompute.common.config.ServiceIdentity;
import io.akscompute.common.contract.CloudEventTypes;
import io.akscompute.common.contract.ErrorCode;
import io.akscompute.common.contract.Json;
import io.akscompute.common.contract.ServiceName;
import io.akscompute.common.contract.Topics;
import io.akscompute.common.contract.event.Detail;
import io.akscompute.common.contract.saga.ParticipantAction;
import io.akscompute.common.contract.saga.SagaReply;
import io.akscompute.common.contract.saga.SagaRequest;
import io.akscompute.common.inbox.Inbox;
import io.akscompute.common.outbox.Outbox;
import io.akscompute.common.participant.ParticipantDefinition.Action;
import io.akscompute.common.saga.FailureClassifier;
import io.akscompute.common.saga.RetryPolicy;
import io.akscompute.common.saga.StepResult;
import io.akscompute.common.tracing.Spans;
import io.akscompute.common.tracing.TraceContext;
import io.opentelemetry.api.trace.SpanKind;
import io.akscompute.common.work.OperationLogContext;
import io.akscompute.common.work.Outages;
import io.akscompute.common.work.Leases;
import io.akscompute.common.work.WorkLoops;
import io.akscompute.common.work.WorkSource;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * The participant side of the sagas, the counterpart of the saga engine: takes the requests the owner sends
 * ({@link #take}, deduplicated by request id, insert first), works them off through the handlers the service
 * declared in its {@link ParticipantDefinition}, and replies through the outbox in the transaction that records
 * the reply. A handler that calls outside (a cluster, Azure) runs between two transactions, on a lease, as a saga's
 * step does. A transient failure is retried a few times here and then answered as retryable, so that the owner,
 * which keeps the step's whole retry budget, decides.
 */
@ApplicationScoped
public class ParticipantRuntime implements WorkSource<ParticipantWork> {
    public static final String NAME = "participant";
    private static final Logger LOG = Logger.getLogger(ParticipantRuntime.class);
    /** Tries here before the owner is told to retry: short, the owner's own timeout is the outer bound. */
    static final RetryPolicy POLICY = new RetryPolicy(4, Duration.ofSeconds(1), Duration.ofSeconds(10),
            Duration.ZERO, Duration.ZERO);

    @Inject
    EntityManager em;

    @Inject
    Inbox inbox;

    @Inject
    Outbox outbox;

    @Inject
    ServiceIdentity identity;

    @Inject
    FailureClassifier classifier;

    @Inject
    @Any
    Instance<ParticipantDefinition> definitions;

    @Inject
    Event<WorkLoops.Due> due;

    @Inject
    Spans spans;

    @Inject
    Leases leases;

    private final Map<ParticipantAction, Action<?>> actions = new EnumMap<>(ParticipantAction.class);

    @PostConstruct
    void init() {
        for (ParticipantDefinition d : definitions) {
            actions.putAll(d.actions());
        }
    }

    /** The consumer name in the inbox: one per service. */
    String consumer() {
        return "saga-requests:" + identity.service().id();
    }

    /** Why this service cannot take a request for that action, or empty when it can. */
    public Optional<String> refusal(ParticipantAction action) {
        ServiceName me = identity.service();
        if (action.participant() != me) {
            return Optional.of("action " + action + " is carried out by " + action.participant().id() + ", not "
                    + me.id());
        }
        return actions.containsKey(action) ? Optional.empty()
                : Optional.of(me.id() + " declares no handler for " + action);
    }

    /** Stores a new request as due work, or sends the stored reply again for one seen before. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void take(SagaRequest request, Instant now) {
        if (inbox.record(consumer(), request.requestId().toString(), Inbox.Outcome.HANDLED).isPresent()) {
            ParticipantWork known = em.find(ParticipantWork.class, request.requestId());
            if (known != null && known.status == ParticipantWork.Status.ANSWERED) {
                LOG.infof("saga request %s asked again; sending the same reply", request.requestId());
                publish(known);
            } else {
                LOG.infof("saga request %s asked again while in progress; its reply follows", request.requestId());
            }
            return;
        }
        LOG.infof("saga %s asks %s for %s/%s (request %s)", request.sagaId(), request.action(), request.workspace(),
                request.computeName(), request.requestId());
        ParticipantWork w = new ParticipantWork();
        w.requestId = request.requestId();
        w.sagaId = request.sagaId();
        w.operationId = request.operationId();
        w.action = request.action().name();
        w.replyTo = request.replyTo().name();
        w.workspace = request.workspace();
        w.computeName = request.computeName();
        w.payload = request.payload() == null ? null : Json.write(request.payload());
        w.status = ParticipantWork.Status.PENDING;
        w.nextAttemptAt = now;
        w.deadline = request.deadline();
        w.createdAt = now;
        w.updatedAt = now;
        TraceContext trace = TraceContext.current();
        w.traceParent = trace.traceparent();
        w.traceState = trace.tracestate();
        em.persist(w);
        due.fire(new WorkLoops.Due(NAME));
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Optional<ParticipantWork> claim(Instant now) {
        return WorkSource.claimOne(em, ParticipantWork.class, """
                select * from participant_work where status = 'PENDING' and next_attempt_at <= :now
                order by next_attempt_at limit 1 for update skip locked""", now);
    }

    @Override
    public OperationLogContext logContext(ParticipantWork w) {
        return new OperationLogContext(w.operationId, w.workspace, w.computeName);
    }

    /**
     * In the claim's transaction: a late request is dropped, an inline handler runs and its result is recorded; a
     * handler that calls outside is only leased for {@link #afterCommit}.
     */
    @Override
    public void work(ParticipantWork w, Instant now) {
        w.updatedAt = now;
        if (w.deadline != null && now.isAfter(w.deadline)) {
            // Late work is not done: the owner undoes the step once it gives up, and must not meet it afterwards.
            LOG.warnf("saga request %s (%s for %s/%s) dropped: its deadline %s passed", w.requestId, w.action,
                    w.workspace, w.computeName, w.deadline);
            w.status = ParticipantWork.Status.DROPPED;
            w.nextAttemptAt = null;
            return;
        }
        if (callsOutside(w)) {
            w.nextAttemptAt = leases.until(now);
            w.callPending = true;
            return;
        }
        inSpan(w, w.action, () -> record(w, run(w, now, true), now));
    }

    /**
     * The handler's call outside, with no transaction open (the request is leased); its result is recorded in a
     * short transaction when the lease still holds, waiting for the database when it is away (given up, the request
     * would wait out its lease and be handled again).
     */
    @Override
    public void afterCommit(ParticipantWork leased, Instant now) throws Exception {
        if (!leased.callPending) {
            return;
        }
        StepResult result = leases.renewing("participant_work", "request_id", leased.requestId, leased.version,
                () -> inSpan(leased, leased.action, () -> run(leased, now, false)));
        Instant called = leases.now(); // a Wait or a backoff counts from when the call ended
        Outages.waitOut("saga request " + leased.requestId + " recording its result", () ->
                QuarkusTransaction.requiringNew().call(() -> {
                    ParticipantWork w = em.find(ParticipantWork.class, leased.requestId,
                            LockModeType.PESSIMISTIC_WRITE);
                    if (w == null || w.version != leased.version || w.status != ParticipantWork.Status.PENDING) {
                        LOG.warnf("saga request %s: its lease ran out and another worker took it; this try's result"
                                + " (%s) is dropped", leased.requestId, result);
                        return null;
                    }
                    w.handle = leased.handle;
                    inSpan(w, leased.action + " recorded", () -> record(w, result, called));
                    return null;
                }));
    }

    private boolean callsOutside(ParticipantWork w) {
        try {
            Action<?> declared = actions.get(ParticipantAction.valueOf(w.action));
            return declared != null && !declared.inline();
        } catch (IllegalArgumentException unknown) {
            return false; // answered as such by run()
        }
    }

    /** A try of the work as a span of the owner's trace: its Azure calls and its reply are in it. */
    private <T> T inSpan(ParticipantWork w, String name, Supplier<T> body) {
        return spans.unchecked(name, SpanKind.INTERNAL, TraceContext.of(w.traceParent, w.traceState), w.operationId,
                body::get);
    }

    private void inSpan(ParticipantWork w, String name, Runnable body) {
        inSpan(w, name, () -> {
            body.run();
            return null;
        });
    }

    /** What the handler's result means for the request: answered, or tried again later. */
    private void record(ParticipantWork w, StepResult result, Instant now) {
        w.updatedAt = now;
        if (result instanceof StepResult.Done done) {
            answer(w, true, null, done.message(), List.of(), false, done.result());
        } else if (result instanceof StepResult.Wait wait) {
            w.nextAttemptAt = now.plus(wait.after());
        } else if (result instanceof StepResult.Retry retry) {
            w.attempt++;
            if (w.attempt < POLICY.maxAttempts()) {
                LOG.infof("saga request %s: try %d failed (%s)", w.requestId, w.attempt, retry.reason());
                w.nextAttemptAt = now.plus(POLICY.backoff(w.attempt, retry.retryAfter()));
            } else {
                answer(w, false, retry.giveUpCode(), "gave up after " + w.attempt + " tries: " + retry.reason(),
                        List.of(), true, null);
            }
        } else {
            StepResult.Fail fail = (StepResult.Fail) result;
            answer(w, false, fail.code(), fail.message(), fail.details(), false, null);
        }
        w.failures = 0;
    }

    private StepResult run(ParticipantWork w, Instant now, boolean inTransaction) {
        ParticipantAction action;
        try {
            action = ParticipantAction.valueOf(w.action);
        } catch (IllegalArgumentException e) {
            return StepResult.fail(ErrorCode.InvalidCommand, "unknown action " + w.action);
        }
        Action<?> declared = actions.get(action);
        if (declared == null) {
            return StepResult.fail(ErrorCode.InvalidCommand, refusal(action).orElse("no handler for " + action));
        }
        return run(declared, w, now, inTransaction);
    }

    private <R> StepResult run(Action<R> declared, ParticipantWork w, Instant now, boolean inTransaction) {
        R request;
        try {
            JsonNode payload = w.payload == null ? null : Json.MAPPER.readTree(w.payload);
            if (payload == null || !payload.isObject()) {
                return StepResult.fail(ErrorCode.InvalidCommand, "the " + declared.action() + " request has no "
                        + "payload object", List.of(new Detail("payload", "required")));
            }
            request = Json.MAPPER.treeToValue(payload, declared.requestType());
        } catch (JsonProcessingException e) {
            return StepResult.fail(ErrorCode.InvalidCommand, "the " + declared.action() + " payload is not valid: "
                    + e.getOriginalMessage(), List.of(new Detail("payload", e.getOriginalMessage())));
        }
        try {
            return declared.handler().handle(new ParticipantContext<>(request, w, now));
        } catch (Exception e) {
            Outages.rethrowInTransaction(e, inTransaction);
            StepResult classified = classifier.classify(e);
            if (classified instanceof StepResult.Fail f && f.code() == ErrorCode.InternalError) {
                LOG.errorf(e, "saga request %s (%s) failed unexpectedly", w.requestId, w.action);
            }
            return classified;
        }
    }

    /** Outside the handler (a defect, a commit that failed): backed off, and after a few tries answered. */
    @Override
    public boolean failed(ParticipantWork claimed, Exception error, Instant now) {
        ParticipantWork w = em.find(ParticipantWork.class, claimed.requestId);
        if (w == null || w.status != ParticipantWork.Status.PENDING) {
            return true;
        }
        w.failures++;
        w.lastError = error.toString();
        w.updatedAt = now;
        if (w.failures < POLICY.maxAttempts()) {
            w.nextAttemptAt = now.plus(POLICY.backoff(w.failures, null));
        } else {
            inSpan(w, w.action + " failed", () -> answer(w, false, ErrorCode.InternalError, w.action + " failed "
                    + w.failures + " times in a row: " + error, List.of(), false, null));
        }
        return true;
    }

    private void answer(ParticipantWork w, boolean succeeded, ErrorCode code, String message, List<Detail> details,
            boolean retryable, Object result) {
        SagaReply reply = new SagaReply(w.sagaId, w.requestId, ParticipantAction.valueOf(w.action), succeeded, code,
                message, details == null || details.isEmpty() ? null : details, retryable,
                result == null ? null : Json.MAPPER.valueToTree(result));
        w.status = ParticipantWork.Status.ANSWERED;
        w.nextAttemptAt = null;
        w.reply = Json.write(reply);
        if (!succeeded) {
            LOG.infof("%s for %s/%s failed: %s %s", w.action, w.workspace, w.computeName, code, message);
        }
        publish(w);
    }

    private void publish(ParticipantWork w) {
        outbox.publish(Topics.sagaReplies(ServiceName.valueOf(w.replyTo)), w.sagaId.toString(),
                CloudEventTypes.of("SagaReply"), CloudEventTypes.subject(w.workspace, w.computeName), w.operationId,
                w.requestId.toString(), w.reply);
    }
}
