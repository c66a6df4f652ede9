package io.akscompute.common.work;

import io.quarkus.arc.Arc;
import io.quarkus.arc.ManagedContext;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.narayana.jta.QuarkusTransactionException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * The one way akscompute works off rows that come due: one thread per {@link WorkSource}, woken right after the
 * transaction that made something due commits and by a sweep on a timer. Each item is claimed and worked in its
 * own transaction; an item that throws is handed back to its source to back off or park, and the loop goes on
 * with the next, so one failing item never blocks the others. When not even a claim succeeds (the database is
 * away), the loop waits for the next sweep.
 */
public final class WorkLoop<T> {
    private static final Logger LOG = Logger.getLogger(WorkLoop.class);
    private static final Duration QUIET = Duration.ofSeconds(30);

    private final WorkSource<T> source;
    private final Supplier<Instant> clock;
    private final int itemsPerWake;
    private final int transactionTimeoutSeconds;
    private final ScheduledExecutorService thread;
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private volatile Instant outageLoggedAt;

    public WorkLoop(WorkSource<T> source, Supplier<Instant> clock, int itemsPerWake, Duration transactionTimeout) {
        this.source = source;
        this.clock = clock;
        this.itemsPerWake = itemsPerWake;
        this.transactionTimeoutSeconds = (int) Math.max(1, transactionTimeout.toSeconds());
        this.thread = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "work-" + source.name());
            t.setDaemon(true);
            return t;
        });
    }

    public String name() {
        return source.name();
    }

    /** Starts the sweeps: the first after {@code delay}, then every {@code interval}. */
    public void start(Duration delay, Duration interval) {
        thread.scheduleWithFixedDelay(this::wakeUp, delay.toMillis(), Math.max(1, interval.toMillis()),
                TimeUnit.MILLISECONDS);
    }

    /** Runs the loop soon, unless a run is already waiting. */
    public void wakeUp() {
        if (scheduled.compareAndSet(false, true)) {
            try {
                thread.execute(() -> {
                    scheduled.set(false);
                    runDue();
                });
            } catch (RejectedExecutionException stopped) {
                scheduled.set(false);
            }
        }
    }

    /** Lets a running item finish (a few seconds at most), then stops. */
    public void stop() {
        thread.shutdown();
        try {
            if (!thread.awaitTermination(5, TimeUnit.SECONDS)) {
                thread.shutdownNow();
            }
        } catch (InterruptedException e) {
            thread.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    private void runDue() {
        ManagedContext requestContext = Arc.container().requestContext();
        requestContext.activate();
        try {
            for (int i = 0; i < itemsPerWake; i++) {
                if (!runOne()) {
                    return;
                }
            }
            wakeUp(); // more may be due: yield to other work on this thread, then go on
        } finally {
            requestContext.terminate();
        }
    }

    /** Claims and works one item; false when nothing is due or the loop must wait for the next sweep. */
    private boolean runOne() {
        Instant now = clock.get();
        Claimed<T> claimed = new Claimed<>();
        try {
            boolean leased = source.claimCommitsFirst();
            boolean due = QuarkusTransaction.requiringNew().timeout(transactionTimeoutSeconds).call(() -> {
                Optional<T> item = source.claim(now);
                if (item.isEmpty()) {
                    return false;
                }
                claimed.item = item.get();
                if (!leased) {
                    try (var logged = source.logContext(item.get()).enter()) {
                        source.work(item.get(), now);
                    }
                }
                return true;
            });
            if (due && leased) {
                try (var logged = source.logContext(claimed.item).enter()) {
                    source.work(claimed.item, now);
                }
            }
            return due;
        } catch (Exception e) {
            Exception cause = cause(e);
            if (claimed.item == null || Outages.isOutage(cause)) {
                logOutage(cause); // not the item's fault: it is neither backed off nor counted
                return false;
            }
            LOG.debugf(cause, "%s: an item failed; it is backed off and the others go on", source.name());
            try (var logged = source.logContext(claimed.item).enter()) {
                return QuarkusTransaction.requiringNew().call(() -> source.failed(claimed.item, cause, now));
            } catch (RuntimeException f) {
                logOutage(f);
                return false;
            }
        }
    }

    private void logOutage(Exception e) {
        Instant now = Instant.now();
        if (outageLoggedAt == null || outageLoggedAt.plus(QUIET).isBefore(now)) {
            outageLoggedAt = now;
            LOG.warnf("%s: cannot claim work (%s); trying again on the next sweep", source.name(), e.toString());
        }
    }

    private static Exception cause(Exception e) {
        return e instanceof QuarkusTransactionException && e.getCause() instanceof Exception c ? c : e;
    }

    private static final class Claimed<T> {
        T item;
    }
}
