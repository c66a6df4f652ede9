package io.akscompute.common.outbox;

import io.akscompute.common.contract.CloudEventRecords;
import io.akscompute.common.tracing.TraceContext;
import io.akscompute.common.work.Outages;
import io.akscompute.common.work.WorkSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import io.akscompute.common.rules.Text;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.ApiException;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.RetriableException;
import org.hibernate.Session;
import org.jboss.logging.Logger;

/**
 * Publishes outbox rows as CloudEvents in binary mode, in order, right after the transaction that wrote them
 * commits and on every sweep for leftovers (a crash between commit and send, a broker that was down). A batch of
 * rows is claimed with {@code FOR UPDATE SKIP LOCKED}, sent, and marked published once Kafka acknowledged all of
 * it; the producer is idempotent and consumers deduplicate by CloudEvent id. Of a service's replicas one relays at
 * a time (a transaction-scoped advisory lock on its database): two relays taking two batches side by side could
 * send a key's later row before its earlier one.
 */
@ApplicationScoped
public class OutboxRelay implements WorkSource<List<OutboxMessage>> {
    public static final String NAME = "outbox";
    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    private static final int BATCH = 100;
    private static final java.time.Duration PAUSE = java.time.Duration.ofSeconds(1);
    /** The advisory lock key of the relay: any constant, the same in every replica of a service. */
    public static final long RELAY_LOCK = 0x6f7574626f78L; // "outbox"

    @Inject
    EntityManager em;

    @Inject
    OutboxProducer producer;

    private volatile Instant resumeAt = Instant.MIN;

    @Override
    public String name() {
        return NAME;
    }

    /**
     * Read over the transaction's own connection, not as managed entities: the relay is the hottest path of every
     * service (a row per status event), and Hibernate's mapping of a native query's rows, the entities' snapshots and
     * the flush of one update per row took two thirds of the relay's CPU in a burst (docs/benchmarks.md).
     */
    @Override
    public Optional<List<OutboxMessage>> claim(Instant now) {
        if (Instant.now().isBefore(resumeAt)) {
            return Optional.empty(); // the broker failed a send just now: give it until the next sweep
        }
        List<OutboxMessage> rows = em.unwrap(Session.class).doReturningWork(connection -> {
            try (PreparedStatement lock = connection.prepareStatement("select pg_try_advisory_xact_lock(?)")) {
                lock.setLong(1, RELAY_LOCK);
                try (ResultSet r = lock.executeQuery()) {
                    if (!r.next() || !r.getBoolean(1)) {
                        return List.of(); // another replica is relaying; it takes these rows in order
                    }
                }
            }
            try (PreparedStatement pending = connection.prepareStatement(PENDING)) {
                pending.setInt(1, BATCH);
                try (ResultSet r = pending.executeQuery()) {
                    List<OutboxMessage> found = new ArrayList<>();
                    while (r.next()) {
                        found.add(row(r));
                    }
                    return found;
                }
            }
        });
        return rows.isEmpty() ? Optional.empty() : Optional.of(rows);
    }

    private static final String PENDING = "select seq, id, topic, record_key, ce_type, ce_source, ce_subject, "
            + "correlation_id, causation_id, payload, auth_type, auth_id, trace_parent, trace_state, created_at "
            + "from outbox_message where published_at is null and parked_at is null order by seq limit ? "
            + "for update skip locked";

    private static OutboxMessage row(ResultSet r) throws SQLException {
        OutboxMessage row = new OutboxMessage();
        row.seq = r.getLong("seq");
        row.id = r.getObject("id", UUID.class);
        row.topic = r.getString("topic");
        row.recordKey = r.getString("record_key");
        row.ceType = r.getString("ce_type");
        row.ceSource = r.getString("ce_source");
        row.ceSubject = r.getString("ce_subject");
        row.correlationId = r.getObject("correlation_id", UUID.class);
        row.causationId = r.getString("causation_id");
        row.payload = r.getString("payload");
        row.authType = r.getString("auth_type");
        row.authId = r.getString("auth_id");
        row.traceParent = r.getString("trace_parent");
        row.traceState = r.getString("trace_state");
        row.createdAt = r.getObject("created_at", OffsetDateTime.class).toInstant();
        return row;
    }

    @Override
    public void work(List<OutboxMessage> rows, Instant now) throws Exception {
        List<Future<RecordMetadata>> sent = new ArrayList<>(rows.size());
        for (OutboxMessage row : rows) {
            sent.add(producer.get().send(CloudEventRecords.binary(row.topic, row.recordKey, event(row))));
        }
        Instant published = Instant.now();
        // Waits for the producer's verdict on each send: a send given up on earlier is still in the producer, which
        // delivers it once the broker is back, and sending its row again then puts a copy on the topic (seen after
        // the chaos runs' broker outage, 31 s apart).
        long deadline = System.nanoTime() + producer.sendWait().toNanos();
        List<Long> acknowledged = new ArrayList<>(rows.size());
        List<OutboxMessage> refused = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            OutboxMessage row = rows.get(i);
            try {
                sent.get(i).get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                acknowledged.add(row.seq);
            } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
                Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
                if (!refused(cause)) {
                    // The broker is away or slow: what it acknowledged stays published (sent again it would be a
                    // copy), the rest waits for the next sweep.
                    resumeAt = Instant.now().plus(PAUSE);
                    LOG.warnf("outbox: the broker did not take row %d: %s; trying again shortly", row.seq,
                            cause.toString());
                    continue;
                }
                // The broker will never take this row: keep it (parked, with why) and go on with the others.
                row.parkReason = Text.cut(String.valueOf(cause), Text.REASON);
                refused.add(row);
                LOG.errorf("outbox: row %d (%s to %s, key %s) refused by the broker and parked: %s", row.seq,
                        row.ceType, row.topic, Text.cut(row.recordKey, Text.QUOTE), row.parkReason);
            }
        }
        mark(acknowledged, refused, published);
    }

    /** One statement for every acknowledged row; a refused row (rare) is parked with its own reason. */
    private void mark(List<Long> acknowledged, List<OutboxMessage> refused, Instant at) {
        OffsetDateTime time = at.atOffset(ZoneOffset.UTC);
        em.unwrap(Session.class).doWork(connection -> {
            if (!acknowledged.isEmpty()) {
                try (PreparedStatement update = connection.prepareStatement(
                        "update outbox_message set published_at = ? where seq = any(?)")) {
                    update.setObject(1, time);
                    update.setArray(2, connection.createArrayOf("bigint", acknowledged.toArray()));
                    update.executeUpdate();
                }
            }
            if (!refused.isEmpty()) {
                try (PreparedStatement park = connection.prepareStatement(
                        "update outbox_message set parked_at = ?, park_reason = ? where seq = ?")) {
                    for (OutboxMessage row : refused) {
                        park.setObject(1, time);
                        park.setString(2, row.parkReason);
                        park.setLong(3, row.seq);
                        park.executeUpdate();
                    }
                }
            }
        });
    }

    /**
     * A refusal that sending again cannot change: the record itself is wrong for the broker. An outage is not
     * ({@link Outages#isOutage}: the broker away, or out of step with the idempotent producer after one), nor the
     * broker refusing the service's credentials.
     */
    static boolean refused(Throwable cause) {
        return cause instanceof ApiException && !(cause instanceof RetriableException) && !Outages.isOutage(cause)
                && !(cause instanceof AuthenticationException) && !(cause instanceof AuthorizationException);
    }

    /** Rows the broker refused for good: kept in the table, counted here. */
    public long parked() {
        return ((Number) em.createNativeQuery("select count(*) from outbox_message where parked_at is not null")
                .getSingleResult()).longValue();
    }

    /** The rows stay pending; the next sweep sends them again. */
    @Override
    public boolean failed(List<OutboxMessage> rows, Exception error, Instant now) {
        LOG.warnf("outbox: publishing %d row(s) failed, will retry: %s", rows.size(), error.toString());
        return false;
    }

    static io.cloudevents.CloudEvent event(OutboxMessage row) {
        var event = CloudEventRecords.event(row.id, row.ceType, row.ceSource, row.ceSubject, row.correlationId,
                row.causationId, row.createdAt.atOffset(ZoneOffset.UTC),
                row.payload.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        event = TraceContext.of(row.traceParent, row.traceState).on(event);
        return row.authType == null ? event : CloudEventRecords.withAuthContext(event, row.authType, row.authId);
    }
}
