package io.akscompute.common.work;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * The lease of an item whose work calls outside this service (a saga's step, a participant's request): the
 * transaction that claims the item moves its {@code next_attempt_at} on by {@code akscompute.work.lease} and
 * commits, so that no other worker takes it while the call runs with no transaction open; the lease is renewed every
 * third of it meanwhile. A worker killed during the call leaves the item to be taken again when the lease runs out.
 * The row's {@code @Version} is the lease's token: the transaction that records the call's result applies it only
 * when the version is still the one the claim committed, and a renewal never changes it.
 */
@ApplicationScoped
public class Leases {
    private static final Logger LOG = Logger.getLogger(Leases.class);

    @Inject
    EntityManager em;

    @Inject
    WorkConfig config;

    /** A test's clock when it has one, as the work loops go by. */
    @Inject
    Instance<Clock> clock;

    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "lease-renewal");
        t.setDaemon(true);
        return t;
    });

    @PreDestroy
    void stop() {
        timer.shutdownNow();
    }

    /** The time the work loops go by: a renewal, or the record of a call that took a while, is dated with it. */
    public Instant now() {
        return clock.isResolvable() ? clock.get().instant() : Instant.now();
    }

    /** Until when a lease taken now holds. */
    public Instant until(Instant now) {
        return now.plus(config.lease());
    }

    /**
     * Runs the call while renewing the lease of row {@code id} of {@code table} (its key column {@code key}), as long
     * as the row keeps {@code version}.
     */
    public <T> T renewing(String table, String key, Object id, long version, Supplier<T> call) {
        long every = Math.max(1, config.lease().toMillis() / 3);
        ScheduledFuture<?> renewal = timer.scheduleAtFixedRate(() -> renew(table, key, id, version), every, every,
                TimeUnit.MILLISECONDS);
        try {
            return call.get();
        } finally {
            renewal.cancel(false);
        }
    }

    private void renew(String table, String key, Object id, long version) {
        try {
            QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("update " + table
                    + " set next_attempt_at = :until where " + key + " = :id and version = :version")
                    .setParameter("until", until(now())).setParameter("id", id)
                    .setParameter("version", version).executeUpdate());
        } catch (RuntimeException e) {
            LOG.warnf("could not renew the lease of %s %s (%s); the call goes on", table, id, e.toString());
        }
    }
}
