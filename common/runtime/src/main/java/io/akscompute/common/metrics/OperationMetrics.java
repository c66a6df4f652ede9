package io.akscompute.common.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.time.Duration;

/**
 * What the runtime counts of operations, saga steps and dead letters. A count made inside a transaction is
 * taken when it commits: a transition rolled back and run again is counted once. Every tag comes from a bounded
 * set (operation types, step names, error codes, a dead-letter reason class), never from a caller's input.
 */
@ApplicationScoped
public class OperationMetrics {
    static final String STARTED = "akscompute.operations.started";
    static final String ENDED = "akscompute.operations.ended";
    static final String STEP = "akscompute.saga.step";
    static final String DEAD_LETTERS = "akscompute.dead.letters";

    @Inject
    MeterRegistry registry;

    @Inject
    TransactionSynchronizationRegistry transactions;

    public void started(String type) {
        afterCommit(() -> Counter.builder(STARTED).description("Operations this service started, by type")
                .tag("type", type).register(registry).increment());
    }

    /** @param code the failure's error code; none for a success */
    public void ended(String type, String outcome, String code) {
        afterCommit(() -> Counter.builder(ENDED).description("Operations this service ended, by type and outcome")
                .tag("type", type).tag("outcome", outcome).tag("code", code == null ? "none" : code)
                .register(registry).increment());
    }

    /** One transition of a saga in a step: how long the step's work took (Azure and Kubernetes calls included). */
    public void step(String saga, String step, Duration took) {
        Timer.builder(STEP).description("Time a saga step's transition took").tag("saga", saga).tag("step", step)
                .register(registry).record(took);
    }

    public void deadLetter(String topic, String reason) {
        Counter.builder(DEAD_LETTERS).description("Records put on a dead-letter topic, by topic and reason")
                .tag("topic", topic).tag("reason", DeadLetterReasons.classify(reason)).register(registry).increment();
    }

    private void afterCommit(Runnable count) {
        if (transactions.getTransactionKey() == null) {
            count.run();
            return;
        }
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                if (status == Status.STATUS_COMMITTED) {
                    count.run();
                }
            }
        });
    }
}
