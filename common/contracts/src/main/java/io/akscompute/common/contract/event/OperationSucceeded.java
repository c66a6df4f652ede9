package io.akscompute.common.contract.event;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.UUID;

/** The operation finished; {@code compute} is the compute as it is now (null after detach or delete). */
public record OperationSucceeded(
        @JsonProperty(required = true) UUID operationId,
        @JsonProperty(required = true) String workspace,
        @JsonProperty(required = true) String computeName,
        @JsonProperty(required = true) String operation,
        ComputeSnapshot compute,
        String message) implements StatusEvent {
}
