package io.akscompute.common.saga;

import io.akscompute.common.contract.ErrorCode;
import java.io.IOException;
import java.io.UncheckedIOException;
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

    /**
     * A {@link StepFailure} is what it says; lost connections and timeouts may pass; anything else is a defect
     * retrying cannot fix.
     */
    static StepResult generic(Throwable error) {
        Throwable e = unwrap(error);
        if (e instanceof StepFailure refusal) {
            return refusal.result();
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
