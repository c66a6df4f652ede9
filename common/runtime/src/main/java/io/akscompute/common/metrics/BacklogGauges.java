package io.akscompute.common.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.Startup;
import io.quarkus.scheduler.Scheduled;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;

/**
 * Gauges read from this service's database on a timer, not on a scrape (a scrape must not wait for the database):
 * the outbox backlog and its oldest row, the running sagas and the oldest one's age. While the database is away
 * they keep their last values.
 */
@Startup
@ApplicationScoped
public class BacklogGauges {
    private static final Logger LOG = Logger.getLogger(BacklogGauges.class);

    @Inject
    MeterRegistry registry;

    @Inject
    EntityManager em;

    private final AtomicLong outboxBacklog = new AtomicLong();
    private final AtomicLong outboxOldestSeconds = new AtomicLong();
    private final AtomicLong sagasRunning = new AtomicLong();
    private final AtomicLong sagaOldestSeconds = new AtomicLong();

    /** At construction: the scheduler may call refresh() before start-up observers have run. */
    @PostConstruct
    void register() {
        Gauge.builder("akscompute.outbox.backlog", outboxBacklog, AtomicLong::get)
                .description("Outbox rows not published yet (parked ones excluded)").register(registry);
        Gauge.builder("akscompute.outbox.oldest.age", outboxOldestSeconds, AtomicLong::get).baseUnit("seconds")
                .description("Age of the oldest outbox row not published yet").register(registry);
        Gauge.builder("akscompute.sagas.running", sagasRunning, AtomicLong::get)
                .description("Sagas running or compensating").register(registry);
        Gauge.builder("akscompute.saga.oldest.age", sagaOldestSeconds, AtomicLong::get).baseUnit("seconds")
                .description("Age of the oldest saga running or compensating").register(registry);
    }

    @Scheduled(every = "${akscompute.metrics.refresh:15s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void refresh() {
        try {
            QuarkusTransaction.requiringNew().timeout(10).run(() -> {
                Instant now = Instant.now();
                Object[] outbox = (Object[]) em.createNativeQuery("select count(*), min(created_at) from outbox_message"
                        + " where published_at is null and parked_at is null").getSingleResult();
                outboxBacklog.set(((Number) outbox[0]).longValue());
                outboxOldestSeconds.set(ageSeconds(outbox[1], now));
                Object[] sagas = (Object[]) em.createNativeQuery("select count(*), min(created_at) from saga_instance"
                        + " where status in ('RUNNING', 'COMPENSATING')").getSingleResult();
                sagasRunning.set(((Number) sagas[0]).longValue());
                sagaOldestSeconds.set(ageSeconds(sagas[1], now));
            });
        } catch (RuntimeException e) {
            LOG.debugf("backlog gauges not refreshed: %s", e.toString());
        }
    }

    private static long ageSeconds(Object timestamp, Instant now) {
        Instant at = instant(timestamp);
        return at == null ? 0 : Math.max(0, now.getEpochSecond() - at.getEpochSecond());
    }

    /** A {@code timestamptz} as a native query returns it (the driver's type varies), or null. */
    public static Instant instant(Object timestamp) {
        return timestamp instanceof Instant i ? i : timestamp instanceof OffsetDateTime o ? o.toInstant()
                : timestamp instanceof java.sql.Timestamp t ? t.toInstant() : null;
    }
}
