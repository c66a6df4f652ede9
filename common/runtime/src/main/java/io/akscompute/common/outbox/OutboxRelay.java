package io.akscompute.common.outbox;

import io.akscompute.common.contract.CloudEventRecords;
import io.akscompute.common.work.WorkSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.jboss.logging.Logger;

/**
 * Publishes outbox rows as CloudEvents in binary mode, in order, right after the transaction that wrote them
 * commits and on every sweep for leftovers (a crash between commit and send, a broker that was down). A batch of
 * rows is claimed with {@code FOR UPDATE SKIP LOCKED}, sent, and marked published once Kafka acknowledged all of
 * it; the producer is idempotent and consumers deduplicate by CloudEvent id.
 */
@ApplicationScoped
public class OutboxRelay implements WorkSource<List<OutboxMessage>> {
    public static final String NAME = "outbox";
    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    private static final int BATCH = 100;
    private static final long SEND_TIMEOUT_SECONDS = 30;

    @Inject
    EntityManager em;

    @Inject
    OutboxProducer producer;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    @SuppressWarnings("unchecked")
    public Optional<List<OutboxMessage>> claim(Instant now) {
        List<OutboxMessage> rows = em.createNativeQuery(
                "select * from outbox_message where published_at is null order by seq limit :n for update skip locked",
                OutboxMessage.class).setParameter("n", BATCH).getResultList();
        return rows.isEmpty() ? Optional.empty() : Optional.of(rows);
    }

    @Override
    public void work(List<OutboxMessage> rows, Instant now) throws Exception {
        List<Future<RecordMetadata>> sent = new ArrayList<>(rows.size());
        for (OutboxMessage row : rows) {
            sent.add(producer.get().send(CloudEventRecords.binary(row.topic, row.recordKey, event(row))));
        }
        for (Future<RecordMetadata> f : sent) {
            f.get(SEND_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        }
        Instant published = Instant.now();
        rows.forEach(row -> row.publishedAt = published);
    }

    /** The rows stay pending; the next sweep sends them again. */
    @Override
    public boolean failed(List<OutboxMessage> rows, Exception error, Instant now) {
        LOG.warnf("outbox: publishing %d row(s) failed, will retry: %s", rows.size(), error.toString());
        return false;
    }

    static io.cloudevents.CloudEvent event(OutboxMessage row) {
        return CloudEventRecords.event(row.id, row.ceType, row.ceSource, row.ceSubject, row.correlationId,
                row.causationId, row.createdAt.atOffset(ZoneOffset.UTC),
                row.payload.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
}
