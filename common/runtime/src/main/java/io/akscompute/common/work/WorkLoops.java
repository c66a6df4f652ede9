package io.akscompute.common.work;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Runs a {@link WorkLoop} for every {@link WorkSource} bean of the service. A source that makes an item due fires
 * {@link Due} inside its transaction; its loop wakes once that transaction committed.
 */
@ApplicationScoped
public class WorkLoops {

    /** Something of that source became due in the running transaction. */
    public record Due(String source) {
    }

    @Inject
    @Any
    Instance<WorkSource<?>> sources;

    @Inject
    WorkConfig config;

    @Inject
    Instance<Clock> clock;

    private final Map<String, WorkLoop<?>> loops = new ConcurrentHashMap<>();

    void onStart(@Observes StartupEvent event) {
        for (WorkSource<?> source : sources) {
            WorkLoop<?> loop = new WorkLoop<>(source, this::now, config.itemsPerWake(), config.transactionTimeout(),
                    config.workers(source.name()));
            if (loops.putIfAbsent(source.name(), loop) != null) {
                throw new IllegalStateException("two work sources are named " + source.name());
            }
            loop.start(config.startDelay(source.name()), config.sweepInterval(source.name()));
        }
    }

    void onStop(@Observes ShutdownEvent event) {
        loops.values().parallelStream().forEach(WorkLoop::stop);
    }

    void afterCommit(@Observes(during = TransactionPhase.AFTER_SUCCESS) Due due) {
        wakeUp(due.source());
    }

    /** Wakes the loop of that source now (outside a transaction, or when nothing needs to commit first). */
    public void wakeUp(String source) {
        WorkLoop<?> loop = loops.get(source);
        if (loop != null) {
            loop.wakeUp();
        }
    }

    private Instant now() {
        return clock.isResolvable() ? clock.get().instant() : Instant.now();
    }
}
