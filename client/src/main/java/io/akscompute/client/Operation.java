package io.akscompute.client;

import io.akscompute.common.contract.CommandType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * A published command, followed on {@code aks.status}: Azure ML's {@code wait_for_completion(show_output=True)}
 * ({@link #waitForCompletion(boolean)}), a future of the outcome, or the stream of its events.
 */
public final class Operation {
    /** Events kept for late readers; an operation has a few dozen, a bound keeps a stranger's flood out. */
    private static final int KEPT = 1000;

    private record Arrived(StatusUpdate update, long nanos) {
    }

    private final UUID id;
    private final CommandType type;
    private final String key;
    private final Duration timeout;
    private final long publishedNanos = System.nanoTime();
    private final List<Arrived> events = new ArrayList<>();
    private final CompletableFuture<Outcome> outcome = new CompletableFuture<>();
    private final List<Consumer<StatusUpdate>> listeners = new ArrayList<>();

    Operation(UUID id, CommandType type, String key, Duration timeout) {
        this.id = id;
        this.type = type;
        this.key = key;
        this.timeout = timeout;
    }

    /** The operation id: the command's CloudEvent id, carried by each of its status events. */
    public UUID id() {
        return id;
    }

    public CommandType type() {
        return type;
    }

    /** {@code <workspace>/<computeName>}. */
    public String key() {
        return key;
    }

    /**
     * Completes with the outcome, succeeded or failed; exceptionally only when the client closed first. It does
     * not time out by itself: {@code outcome().orTimeout(...)} if you want it to.
     */
    public CompletableFuture<Outcome> outcome() {
        return outcome.copy();
    }

    /** Waits for the outcome, printing each step to standard output when {@code showOutput}. */
    public Outcome waitForCompletion(boolean showOutput) {
        return waitForCompletion(showOutput ? System.out::println : line -> { }, timeout);
    }

    /**
     * Waits for the outcome, handing each event's lines to {@code output} as it comes (the first prefixed with
     * the seconds since the command was published); throws {@link OperationTimeoutException} after {@code wait}.
     */
    public Outcome waitForCompletion(Consumer<String> output, Duration wait) {
        Iterator<Arrived> it = arrivals(wait);
        while (it.hasNext()) {
            Arrived a = it.next();
            List<String> lines = StatusLines.of(a.update());
            output.accept(String.format("  %5.1fs  ", (a.nanos() - publishedNanos) / 1e9) + lines.get(0));
            lines.subList(1, lines.size()).forEach(output);
        }
        return outcome.join();
    }

    /**
     * Every event of the operation from the first, as they come; the stream ends after the outcome and throws
     * {@link OperationTimeoutException} when nothing ends it within the client's operation timeout.
     */
    public Stream<StatusUpdate> events() {
        Iterator<Arrived> it = arrivals(timeout);
        Iterator<StatusUpdate> updates = new Iterator<>() {
            @Override
            public boolean hasNext() {
                return it.hasNext();
            }

            @Override
            public StatusUpdate next() {
                return it.next().update();
            }
        };
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(updates, Spliterator.ORDERED), false);
    }

    /** A listener's registration; closing it stops the events (it throws nothing). */
    public interface Listening extends AutoCloseable {
        @Override
        void close();
    }

    /**
     * Hands {@code listener} every event so far, then each one as it comes, on the client's reader thread (so it
     * must not block), until the returned handle is closed. For servers that push progress to many watchers
     * without a thread each.
     */
    public Listening onEvent(Consumer<StatusUpdate> listener) {
        synchronized (this) {
            // Under the lock: a new event cannot be told before the earlier ones.
            events.forEach(a -> listener.accept(a.update()));
            listeners.add(listener);
        }
        return () -> {
            synchronized (Operation.this) {
                listeners.remove(listener);
            }
        };
    }

    /** Called by the follower's thread; true when this was the outcome. */
    boolean accept(StatusUpdate update) {
        List<Consumer<StatusUpdate>> toTell;
        synchronized (this) {
            if (outcome.isDone()) {
                return true;
            }
            if (events.size() < KEPT || update.isOutcome()) {
                events.add(new Arrived(update, System.nanoTime()));
            }
            toTell = List.copyOf(listeners);
            notifyAll();
        }
        toTell.forEach(l -> l.accept(update));
        if (update.isOutcome()) {
            outcome.complete(new Outcome(update));
            synchronized (this) {
                notifyAll(); // readers past the last event wait for the future too
            }
            return true;
        }
        return false;
    }

    /** The client closed before the outcome came. */
    void abandon(AksComputeException reason) {
        outcome.completeExceptionally(reason);
        synchronized (this) {
            notifyAll();
        }
    }

    private Iterator<Arrived> arrivals(Duration wait) {
        long deadline = System.nanoTime() + wait.toNanos();
        return new Iterator<>() {
            private int next;

            @Override
            public boolean hasNext() {
                synchronized (Operation.this) {
                    while (next >= events.size()) {
                        if (outcome.isDone()) {
                            rethrowIfAbandoned();
                            return false;
                        }
                        long left = deadline - System.nanoTime();
                        if (left <= 0) {
                            throw new OperationTimeoutException(Operation.this, wait);
                        }
                        try {
                            Operation.this.wait(Math.max(1, left / 1_000_000));
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                            throw new AksComputeException("interrupted while waiting for operation " + id, false);
                        }
                    }
                    return true;
                }
            }

            @Override
            public Arrived next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                synchronized (Operation.this) {
                    return events.get(next++);
                }
            }
        };
    }

    private void rethrowIfAbandoned() {
        if (outcome.isCompletedExceptionally()) {
            try {
                outcome.join();
            } catch (CompletionException e) {
                throw e.getCause() instanceof AksComputeException a ? a : e;
            }
        }
    }
}
