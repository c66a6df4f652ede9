package io.akscompute.attacher.participant;

import com.fasterxml.jackson.databind.JsonNode;
import io.akscompute.common.azure.AzureFailures;
import io.akscompute.common.contract.CloudEventTypes;
import io.akscompute.common.contract.ErrorCode;
import io.akscompute.common.contract.Json;
import io.akscompute.common.contract.ServiceName;
import io.akscompute.common.contract.Topics;
import io.akscompute.common.contract.saga.SagaReply;
import io.akscompute.common.contract.saga.SagaRequest;
import io.akscompute.common.inbox.Inbox;
import io.akscompute.common.outbox.Outbox;
import io.akscompute.common.saga.RetryPolicy;
import io.akscompute.common.saga.StepResult;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jboss.logging.Logger;

/**
 * Takes saga requests (deduplicated by request id through the inbox, the reply kept for a redelivery) and works
 * them off on its own thread: a step that waits (for the scoring endpoint) never holds the consumer.
 */
@ApplicationScoped
public class ParticipantDesk {
    private static final Logger LOG = Logger.getLogger(ParticipantDesk.class);
    static final String CONSUMER = "saga-requests:attacher";

    @Inject
    EntityManager em;

    @Inject
    Inbox inbox;

    @Inject
    Outbox outbox;

    @Inject
    CreatedComputes computes;

    @Inject
    Event<Due> due;

    /** Fired in a transaction that made a request due; the worker runs after the commit. */
    public record Due() {
    }

    /** What handling a request decided: answer now, or look again later. */
    public sealed interface Outcome {
    }

    public record Answer(boolean succeeded, ErrorCode code, String message, Object result) implements Outcome {
        public static Answer ok(String message, Object result) {
            return new Answer(true, null, message, result);
        }

        public static Answer refuse(ErrorCode code, String message) {
            return new Answer(false, code, message, null);
        }
    }

    public record Later(Duration after) implements Outcome {
    }

    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "attacher-participant");
        t.setDaemon(true);
        return t;
    });
    private final AtomicBoolean scheduled = new AtomicBoolean();

    /** Stores a new request (or re-sends the reply to a known one); the work happens on the worker. */
    public void receive(SagaRequest request) {
        QuarkusTransaction.requiringNew().run(() -> {
            if (inbox.record(CONSUMER, request.requestId().toString(), Inbox.Outcome.HANDLED).isPresent()) {
                ParticipantRequest known = em.find(ParticipantRequest.class, request.requestId());
                if (known != null && known.status == ParticipantRequest.Status.ANSWERED) {
                    LOG.infof("saga request %s asked again; sending the same reply", request.requestId());
                    publish(known, known.reply);
                }
                return;
            }
            Instant now = Instant.now();
            ParticipantRequest r = new ParticipantRequest();
            r.requestId = request.requestId();
            r.sagaId = request.sagaId();
            r.operationId = request.operationId();
            r.action = request.action().name();
            r.replyTo = request.replyTo().name();
            r.workspace = request.workspace();
            r.computeName = request.computeName();
            r.payload = request.payload() == null ? null : Json.write(request.payload());
            r.status = ParticipantRequest.Status.PENDING;
            r.nextAttemptAt = now;
            r.createdAt = now;
            r.updatedAt = now;
            em.persist(r);
            due.fire(new Due());
        });
    }

    void afterCommit(@Observes(during = TransactionPhase.AFTER_SUCCESS) Due event) {
        wakeUp();
    }

    @Scheduled(every = "${akscompute.attacher.participant-interval:1s}", delayed = "3s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void sweep() {
        wakeUp();
    }

    void onStop(@Observes ShutdownEvent event) {
        worker.shutdownNow();
    }

    void wakeUp() {
        if (scheduled.compareAndSet(false, true) && !worker.isShutdown()) {
            worker.execute(() -> {
                scheduled.set(false);
                try {
                    while (QuarkusTransaction.requiringNew().timeout(300).call(this::workOneDue)) {
                        // one request per transaction, until none is due
                    }
                } catch (RuntimeException e) {
                    LOG.errorf(e, "attacher participant: handling a request failed; tried again on the next run");
                }
            });
        }
    }

    @SuppressWarnings("unchecked")
    private boolean workOneDue() {
        Instant now = Instant.now();
        List<ParticipantRequest> rows = em.createNativeQuery("""
                select * from participant_request where status = 'PENDING' and next_attempt_at <= :now
                order by next_attempt_at limit 1 for update skip locked""", ParticipantRequest.class)
                .setParameter("now", now).getResultList();
        if (rows.isEmpty()) {
            return false;
        }
        ParticipantRequest r = rows.get(0);
        Outcome outcome;
        try {
            outcome = computes.handle(r, now);
        } catch (Exception e) {
            outcome = failed(r, AzureFailures.classify(e), now);
        }
        r.updatedAt = now;
        if (outcome instanceof Later later) {
            r.nextAttemptAt = now.plus(later.after());
        } else {
            answer(r, (Answer) outcome);
        }
        return true;
    }

    /** A transient failure is tried again with backoff; when the tries run out the owner may ask again. */
    private Outcome failed(ParticipantRequest r, StepResult result, Instant now) {
        if (result instanceof StepResult.Retry retry) {
            r.attempt++;
            if (r.attempt < RetryPolicy.DEFAULT.maxAttempts()) {
                LOG.infof("saga request %s: try %d failed (%s)", r.requestId, r.attempt, retry.reason());
                return new Later(RetryPolicy.DEFAULT.backoff(r.attempt, retry.retryAfter()));
            }
            return new Answer(false, retry.giveUpCode(), "gave up after " + r.attempt + " tries: " + retry.reason(),
                    null);
        }
        StepResult.Fail fail = (StepResult.Fail) result;
        return new Answer(false, fail.code(), fail.message(), null);
    }

    private void answer(ParticipantRequest r, Answer a) {
        JsonNode result = a.result() == null ? null : Json.MAPPER.valueToTree(a.result());
        SagaReply reply = new SagaReply(r.sagaId, r.requestId,
                io.akscompute.common.contract.saga.ParticipantAction.valueOf(r.action), a.succeeded(), a.code(),
                a.message(), List.of(), false, result);
        r.status = ParticipantRequest.Status.ANSWERED;
        r.nextAttemptAt = null;
        r.reply = Json.write(reply);
        publish(r, r.reply);
    }

    private void publish(ParticipantRequest r, String reply) {
        outbox.publish(Topics.sagaReplies(ServiceName.valueOf(r.replyTo)), r.sagaId.toString(),
                CloudEventTypes.of("SagaReply"), CloudEventTypes.subject(r.workspace, r.computeName), r.operationId,
                r.requestId.toString(), reply);
    }
}
