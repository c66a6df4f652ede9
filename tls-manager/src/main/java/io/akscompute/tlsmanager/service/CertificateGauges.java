package io.akscompute.tlsmanager.service;

import io.akscompute.common.metrics.BacklogGauges;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.Startup;
import io.quarkus.scheduler.Scheduled;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Days until each certificate a compute uses expires, read from the database on a timer (a scrape never waits
 * for it); while the database is away the last values stay.
 */
@Startup
@ApplicationScoped
public class CertificateGauges {
    private static final Logger LOG = Logger.getLogger(CertificateGauges.class);
    /** More certificates in use than this are not shown one by one. */
    static final int MAX_SHOWN = 1000;

    @Inject
    MeterRegistry registry;

    @Inject
    EntityManager em;

    private MultiGauge days;

    /** At construction: the scheduler may call refresh() before start-up observers have run. */
    @PostConstruct
    void register() {
        days = MultiGauge.builder("akscompute.certificate.days.to.expiry")
                .description("Days until a certificate in use expires (negative once it has)").register(registry);
    }

    @Scheduled(every = "${akscompute.metrics.refresh:15s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    @SuppressWarnings("unchecked")
    void refresh() {
        try {
            List<Object[]> rows = QuarkusTransaction.requiringNew().timeout(10).call(() -> em.createNativeQuery(
                    "select distinct c.id, c.kind, c.not_after from certificate c join certificate_use u"
                            + " on u.certificate_id = c.id order by c.not_after limit " + MAX_SHOWN).getResultList());
            Instant now = Instant.now();
            days.register(rows.stream().map(r -> MultiGauge.Row.of(Tags.of("certificate", String.valueOf(r[0]),
                    "kind", String.valueOf(r[1])), Duration.between(now, BacklogGauges.instant(r[2])).toHours() / 24.0)).toList(),
                    true);
        } catch (RuntimeException e) {
            LOG.debugf("certificate gauges not refreshed: %s", e.toString());
        }
    }
}
