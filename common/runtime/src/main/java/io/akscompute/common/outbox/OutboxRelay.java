package io.akscompute.common.outbox;

import io.akscompute.common.contract.CloudEventTypes;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.ce.OutgoingCloudEventMetadata;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * Publishes outbox rows in order, right after the transaction that wrote them commits and on a timer for
 * leftovers (a crash between commit and send, or a broker that was down). Rows are claimed with
 * {@code FOR UPDATE SKIP LOCKED} so two instances never publish the same row; the producer is idempotent.
 */
@ApplicationScoped
public class OutboxRelay {
    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    private static final int BATCH = 100;
    private static final Duration SEND_TIMEOUT = Duration.ofSeconds(30);

    @Inject
    EntityManager em;

    @Inject
    @Channel("outbox")
    MutinyEmitter<String> emitter;

    // One thread: keeps the order of rows and never blocks a caller's thread on Kafka.
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "outbox-relay");
        t.setDaemon(true);
        return t;
    });
    private final AtomicBoolean scheduled = new AtomicBoolean();

    void afterCommit(@Observes(during = TransactionPhase.AFTER_SUCCESS) Outbox.Written written) {
        wakeUp();
    }

    // Delayed: the first sweep must not run before the messaging channels are wired at start-up.
    @Scheduled(every = "${akscompute.outbox.sweep-interval:2s}", delayed = "${akscompute.outbox.sweep-delay:5s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void sweep() {
        wakeUp();
    }

    void onStop(@Observes ShutdownEvent event) {
        worker.shutdown();
    }

    /** Schedules one drain unless one is already waiting to run. */
    public void wakeUp() {
        if (scheduled.compareAndSet(false, true) && !worker.isShutdown()) {
            worker.execute(() -> {
                scheduled.set(false);
                drain();
            });
        }
    }

    private void drain() {
        try {
            int sent;
            do {
                sent = QuarkusTransaction.requiringNew().call(this::publishBatch);
            } while (sent == BATCH);
        } catch (RuntimeException e) {
            // The rows stay pending; the next sweep tries again.
            LOG.warnf("outbox relay: publishing failed, will retry: %s", e.getMessage());
        }
    }

    @SuppressWarnings("unchecked")
    private int publishBatch() {
        List<OutboxMessage> rows = em.createNativeQuery(
                "select * from outbox_message where published_at is null order by seq limit :n for update skip locked",
                OutboxMessage.class).setParameter("n", BATCH).getResultList();
        for (OutboxMessage row : rows) {
            emitter.sendMessage(toMessage(row)).await().atMost(SEND_TIMEOUT);
            row.publishedAt = Instant.now();
        }
        return rows.size();
    }

    private static Message<String> toMessage(OutboxMessage row) {
        var ce = OutgoingCloudEventMetadata.<String>builder()
                .withId(row.id.toString())
                .withType(row.ceType)
                .withSource(URI.create(row.ceSource))
                .withSubject(row.ceSubject)
                .withDataContentType(CloudEventTypes.JSON)
                .withTimestamp(row.createdAt.atZone(java.time.ZoneOffset.UTC));
        if (row.correlationId != null) {
            ce.withExtension(CloudEventTypes.EXT_CORRELATION_ID, row.correlationId.toString());
        }
        if (row.causationId != null) {
            ce.withExtension(CloudEventTypes.EXT_CAUSATION_ID, row.causationId);
        }
        var kafka = OutgoingKafkaRecordMetadata.<String>builder().withTopic(row.topic).withKey(row.recordKey).build();
        return Message.of(row.payload).addMetadata(ce.build()).addMetadata(kafka);
    }
}
