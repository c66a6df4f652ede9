package io.akscompute.tlsmanager.service;

import io.akscompute.common.contract.ErrorCode;
import io.akscompute.common.contract.Json;
import io.akscompute.common.contract.command.RenewCertificate;
import io.akscompute.common.contract.event.OperationFailed;
import io.akscompute.common.contract.saga.SagaReply;
import io.akscompute.common.contract.saga.SagaRequest;
import io.akscompute.common.outbox.Outbox;
import io.akscompute.tlsmanager.config.TlsManagerConfig;
import io.akscompute.tlsmanager.persistence.WorkItem;
import io.akscompute.tlsmanager.saga.SagaReplies;
import io.akscompute.tlsmanager.saga.TlsParticipant;
import io.quarkus.arc.Arc;
import io.quarkus.arc.ManagedContext;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jboss.logging.Logger;

/**
 * The one thread that talks to Azure: saga requests, RenewCertificate operations and the renewal schedule, one
 * at a time and in arrival order, so no consumer thread ever waits on Azure and no two tasks of this instance
 * touch the same secret at once. Items are claimed with {@code FOR UPDATE SKIP LOCKED}; an item whose worker
 * died is taken up again after the claim timeout.
 */
@ApplicationScoped
public class Worker {
    private static final Logger LOG = Logger.getLogger(Worker.class);

    @Inject
    EntityManager em;

    @Inject
    TlsParticipant participant;

    @Inject
    Renewals renewals;

    @Inject
    SagaReplies replies;

    @Inject
    Outbox outbox;

    @Inject
    TlsManagerConfig config;

    private final ExecutorService thread = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "tls-worker");
        t.setDaemon(true);
        return t;
    });
    private final AtomicBoolean drainScheduled = new AtomicBoolean();
    private final AtomicBoolean renewalScheduled = new AtomicBoolean();

    void afterCommit(@Observes(during = TransactionPhase.AFTER_SUCCESS) WorkQueue.Queued queued) {
        wakeUp();
    }

    @Scheduled(every = "${akscompute.tls-manager.work-sweep-interval:5s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void sweep() {
        wakeUp();
    }

    @Scheduled(every = "${akscompute.tls-manager.renewal-interval:1h}", delayed = "${akscompute.tls-manager.renewal-delay:30s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void renewalSchedule() {
        if (renewalScheduled.compareAndSet(false, true) && !thread.isShutdown()) {
            thread.execute(() -> {
                renewalScheduled.set(false);
                withRequestContext(() -> {
                    try {
                        renewals.runOnce();
                    } catch (RuntimeException e) {
                        LOG.warnf(e, "the renewal pass failed; the next one tries again");
                    }
                });
            });
        }
    }

    void onStop(@Observes ShutdownEvent event) {
        thread.shutdown();
    }

    public void wakeUp() {
        if (drainScheduled.compareAndSet(false, true) && !thread.isShutdown()) {
            thread.execute(() -> {
                drainScheduled.set(false);
                drain();
            });
        }
    }

    private void drain() {
        try {
            WorkItem item;
            while ((item = QuarkusTransaction.requiringNew().call(this::claim)) != null) {
                WorkItem claimed = item;
                withRequestContext(() -> process(claimed));
            }
        } catch (RuntimeException e) {
            LOG.warnf("the worker could not claim work, will retry: %s", e.getMessage());
        }
    }

    /** The entity manager outside a transaction needs a request context; this thread has none of its own. */
    private static void withRequestContext(Runnable task) {
        ManagedContext context = Arc.container().requestContext();
        if (context.isActive()) {
            task.run();
            return;
        }
        context.activate();
        try {
            task.run();
        } finally {
            context.terminate();
        }
    }

    @SuppressWarnings("unchecked")
    private WorkItem claim() {
        Instant stale = Instant.now().minus(config.workClaimTimeout());
        List<WorkItem> rows = em.createNativeQuery("""
                select * from work_item where status = 'PENDING' or (status = 'RUNNING' and claimed_at < :stale)
                order by created_at limit 1 for update skip locked""", WorkItem.class)
                .setParameter("stale", stale).getResultList();
        if (rows.isEmpty()) {
            return null;
        }
        WorkItem w = rows.get(0);
        w.status = WorkItem.Status.RUNNING;
        w.claimedAt = Instant.now();
        w.attempts++;
        em.flush();
        em.detach(w);
        return w;
    }

    private void process(WorkItem item) {
        Runnable finish;
        String reply = null;
        try {
            switch (item.kind) {
                case SAGA_REQUEST -> {
                    SagaRequest request = Json.MAPPER.readValue(item.request, SagaRequest.class);
                    SagaReply answer;
                    Runnable bookkeeping;
                    try {
                        TlsParticipant.Outcome outcome = participant.handle(request);
                        answer = outcome.reply();
                        bookkeeping = outcome.finish();
                    } catch (RuntimeException e) {
                        LOG.errorf(e, "saga request %s failed unexpectedly", request.requestId());
                        answer = TlsParticipant.failed(request, ErrorCode.InternalError,
                                "tls-manager failed unexpectedly: " + e.getClass().getSimpleName(), true);
                        bookkeeping = () -> { };
                    }
                    SagaReply sent = answer;
                    Runnable book = bookkeeping;
                    reply = Json.write(sent);
                    finish = () -> {
                        book.run();
                        replies.publish(request, sent);
                    };
                }
                case RENEW_CERTIFICATE -> {
                    RenewCertificate command = Json.MAPPER.readValue(item.request, RenewCertificate.class);
                    Runnable done;
                    try {
                        done = renewals.renewForOperation(item.id, command);
                    } catch (RuntimeException e) {
                        LOG.errorf(e, "RenewCertificate %s failed unexpectedly", item.id);
                        done = () -> outbox.status(new OperationFailed(item.id, command.workspace(),
                                command.computeName(), "RenewCertificate", ErrorCode.InternalError,
                                "renewal failed unexpectedly: " + e.getClass().getSimpleName(), List.of(), List.of()),
                                item.id.toString());
                    }
                    finish = done;
                }
                default -> throw new IllegalStateException("unknown work " + item.kind);
            }
        } catch (IOException e) {
            // written by us, so this is a bug; leaving it RUNNING would retry it forever
            LOG.errorf("work item %s cannot be read, dropping it: %s", item.id, e.getMessage());
            finish = () -> { };
        }
        String storedReply = reply;
        Runnable last = finish;
        try {
            QuarkusTransaction.requiringNew().run(() -> {
                last.run();
                WorkItem w = em.find(WorkItem.class, item.id);
                w.status = WorkItem.Status.DONE;
                w.reply = storedReply;
                w.doneAt = Instant.now();
            });
        } catch (RuntimeException e) {
            // stays RUNNING: taken up again after the claim timeout
            LOG.errorf(e, "finishing work item %s failed", item.id);
        }
    }
}
