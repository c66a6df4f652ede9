package io.akscompute.client;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/** One thread reading aks.status for every operation the client follows, handing each its events. */
final class StatusFollower implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(StatusFollower.class.getName());

    private final StatusFeed feed;
    private final Map<UUID, Operation> following = new ConcurrentHashMap<>();
    private final Thread thread;
    private volatile boolean closed;

    /** Opens the feed at the end first: an operation published after this returns misses none of its events. */
    StatusFollower(ClientSettings settings) {
        this.feed = StatusFeed.openAtEnd(settings);
        this.thread = new Thread(this::run, "akscompute-client-status");
        thread.setDaemon(true);
        thread.start();
    }

    void follow(Operation operation) {
        following.put(operation.id(), operation);
    }

    void forget(UUID operationId) {
        following.remove(operationId);
    }

    private void run() {
        while (!closed) {
            try {
                for (StatusUpdate update : feed.poll(Duration.ofMillis(500))) {
                    UUID id = parse(update.operationId());
                    Operation op = id == null ? null : following.get(id);
                    if (op != null && op.accept(update)) {
                        following.remove(op.id());
                    }
                }
            } catch (AksComputeException e) {
                // Kafka away for a while: keep reading; the operations' own timeouts tell the callers.
                LOG.log(System.Logger.Level.WARNING, "reading aks.status: " + e.getMessage());
                pause();
            }
        }
    }

    private static UUID parse(String id) {
        if (id == null) {
            return null;
        }
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private void pause() {
        try {
            Thread.sleep(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            closed = true;
        }
    }

    @Override
    public void close() {
        closed = true;
        feed.wakeup();
        try {
            thread.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        feed.close();
        AksComputeException reason = new AksComputeException("the client was closed before the outcome", false);
        following.values().forEach(op -> op.abandon(reason));
        following.clear();
    }
}
