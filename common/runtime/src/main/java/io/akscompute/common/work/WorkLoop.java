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
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * The one way akscompute works off rows that come due: a bounded pool of worker threads per {@link WorkSource}
 * (one unless configured otherwise), woken right after the transaction that made something due commits and by a
 * sweep on a timer. Each item is claimed ({@code SKIP LOCKED}, so two workers never take the same one) and worked
 * in its own transaction (what calls slow outside systems after it, see {@link WorkSource#afterCommit}); a worker that found an item wakes another, so a burst spreads over the pool. An item
 * that throws is handed back to its source to back off or park, and the worker goes on with the next, so one
 * failing item never blocks the others. When not even a claim succeeds (the database is away), the loop waits for
 * the next sweep.
 */
public final class WorkLoop<T> {
    private static final Logger LOG = Logger.getLogger(WorkLoop.class);
    private static final Duration QUIET = Duration.ofSeconds(30);

    private final WorkSource<T> source;
    private final Supplier<Instant> clock;
    private final int itemsPerWake;
    private final int transactionTimeoutSeconds;
    private final int workers;
    private final ScheduledExecutorService thread;
    /** Workers queued or running; at most {@link #workers}. */
    private final AtomicInteger active = new AtomicInteger();
    /** A wake-up came while every worker was busy: the next one to finish looks again. */
    private final AtomicBoolean missed = new AtomicBoolean();
    private volatile Instant outageLoggedAt;

    public WorkLoop(WorkSource<T> source, Supplier<Instant> clock, int itemsPerWake, Duration transactionTimeout) {
        this(source, clock, itemsPerWake, transactionTimeout, 1);
    }

    public WorkLoop(WorkSource<T> source, Supplier<Instant> clock, int itemsPerWake, Duration transactionTimeout,
            int workers) {
        if (workers < 1) {
            throw new IllegalArgumentException("a work loop needs at least one worker");
        }
        this.source = source;
        this.clock = clock;
        this.itemsPerWake = itemsPerWake;
        this.workers = workers;
        this.transactionTimeoutSeconds = (int) Math.max(1, transactionTimeout.toSeconds());
        AtomicInteger numbers = new AtomicInteger();
        this.thread = Executors.newScheduledThreadPool(workers, r -> {
            Thread t = new Thread(r, "work-" + source.name() + (workers == 1 ? "" : "-" + numbers.incrementAndGet()));
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

    /** Starts one more worker soon, unless every worker is already queued or running. */
    public void wakeUp() {
        while (true) {
            int now = active.get();
            if (now >= workers) {
                missed.set(true);
                return;
            }
            if (active.compareAndSet(now, now + 1)) {
                break;
            }
        }
        try {
            thread.execute(() -> {
                try {
                    runDue();
                } finally {
                    active.decrementAndGet();
                    if (missed.getAndSet(false)) {
                        wakeUp();
                    }
                }
            });
        } catch (RejectedExecutionException stopped) {
            active.decrementAndGet();
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
                if (i == 0 && workers > 1) {
                    wakeUp(); // there was work: more may be due, for a free worker
                }
            }
            missed.set(true); // more may be due: yield to other work on this thread, then go on
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
            if (due) {
                try (var logged = source.logContext(claimed.item).enter()) {
                    if (leased) {
                        source.work(claimed.item, now);
                    } else {
                        source.afterCommit(claimed.item, now);
                    }
                }
            }
            return due;
        } catch (Exception e) {
            Exception cause = cause(e);
            if (cause instanceof InterruptedException) {
                Thread.currentThread().interrupt(); // stopping (while an outage was waited out): not the item's fault
                return false;
            }
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
