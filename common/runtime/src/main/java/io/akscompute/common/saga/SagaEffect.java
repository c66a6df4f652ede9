package io.akscompute.common.saga;

import io.akscompute.common.contract.ErrorCode;
import io.akscompute.common.contract.event.ComputeSnapshot;
import io.akscompute.common.contract.event.Detail;
import io.akscompute.common.contract.saga.SagaRequest;
import java.util.List;

/** What the engine must publish after a transition; written to the outbox in the transition's transaction. */
public sealed interface SagaEffect {

    /** A step started, finished, was retried or undone: one OperationProgress each. */
    record Progress(String step, int index, int count, String message, List<String> warnings) implements SagaEffect {
    }

    /** Ask a participant for a step (or a compensation). */
    record Request(SagaRequest request) implements SagaEffect {
    }

    record Succeeded(ComputeSnapshot compute, String message) implements SagaEffect {
    }

    record Failed(ErrorCode code, String message, List<Detail> details, List<String> compensated,
            List<String> compensationFailed) implements SagaEffect {
    }
}
