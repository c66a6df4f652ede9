package io.akscompute.common.saga;

import io.akscompute.common.contract.ErrorCode;
import io.akscompute.common.work.Outages;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;

/**
 * Turns what a step or a participant's handler threw into {@link StepResult.Retry} or {@link StepResult.Fail}.
 * The runtime knows no cloud: the service's adapters module provides the classifier that knows Azure's failures
 * ({@code io.akscompute.common.azure.AzureFailures}); without it {@link #generic} applies.
 */
public interface FailureClassifier {

    StepResult classify(Throwable error);

    /** How long a step waits when it met akscompute's own database away. */
    Duration DATABASE_AWAY = Duration.ofSeconds(2);

    /**
     * A {@link StepFailure} is what it says; akscompute's database away (or a connection it closed) is waited out,
     * never counted as a try; lost connections and timeouts may pass; anything else is a defect retrying cannot fix.
     */
    static StepResult generic(Throwable error) {
        Throwable e = unwrap(error);
        if (e instanceof StepFailure refusal) {
            return refusal.result();
        }
        if (Outages.isDatabaseOutage(e)) {
            return StepResult.waitFor(DATABASE_AWAY, "akscompute's database was unreachable; trying again");
        }
        if (e instanceof IOException || e instanceof UncheckedIOException || e instanceof TimeoutException) {
            return StepResult.retry("could not reach Azure: " + e);
        }
        return StepResult.fail(ErrorCode.InternalError, "unexpected " + e);
    }

    /** The failure inside the wrappers that futures and reactive pipelines put around it. */
    static Throwable unwrap(Throwable error) {
        Throwable t = error;
        while ((t instanceof CompletionException || t instanceof ExecutionException
                || t.getClass().getName().equals("reactor.core.Exceptions$ReactiveException")) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }
}
