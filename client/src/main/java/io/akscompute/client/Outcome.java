package io.akscompute.client;

import com.fasterxml.jackson.databind.JsonNode;
import io.akscompute.common.contract.event.ComputeSnapshot;
import io.akscompute.common.contract.event.OperationFailed;
import io.akscompute.common.contract.event.OperationSucceeded;
import java.util.Optional;

/** How an operation ended: its {@code OperationSucceeded} or {@code OperationFailed} event. */
public record Outcome(StatusUpdate event) {

    public boolean succeeded() {
        return StatusUpdate.SUCCEEDED.equals(event.type());
    }

    /** The event's data as published. */
    public JsonNode data() {
        return event.data();
    }

    /** The success; throws when the operation failed. */
    public OperationSucceeded success() {
        if (!succeeded()) {
            throw new IllegalStateException("the operation failed: " + failure().code());
        }
        return event.as(OperationSucceeded.class);
    }

    /** The failure with its code, each problem and what was undone; throws when the operation succeeded. */
    public OperationFailed failure() {
        if (succeeded()) {
            throw new IllegalStateException("the operation succeeded");
        }
        return event.as(OperationFailed.class);
    }

    /** The compute as it is after a successful operation; empty after a detach or delete, or a failure. */
    public Optional<ComputeSnapshot> compute() {
        return succeeded() ? Optional.ofNullable(success().compute()) : Optional.empty();
    }
}
