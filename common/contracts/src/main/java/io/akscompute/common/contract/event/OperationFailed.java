package io.akscompute.common.contract.event;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.akscompute.common.contract.ErrorCode;
import java.util.List;
import java.util.UUID;

/**
 * The operation ended in failure; {@code compensated} names the finished steps that were undone, in order;
 * {@code compensationFailed} what could not be undone even after retrying, and what it left behind (the compute then
 * shows NeedsAttention).
 */
public record OperationFailed(
        @JsonProperty(required = true) UUID operationId,
        @JsonProperty(required = true) String workspace,
        @JsonProperty(required = true) String computeName,
        @JsonProperty(required = true) String operation,
        @JsonProperty(required = true) ErrorCode code,
        String message,
        List<Detail> details,
        List<String> compensated,
        List<String> compensationFailed) implements StatusEvent {

    /** A failure that left nothing behind. */
    public OperationFailed(UUID operationId, String workspace, String computeName, String operation, ErrorCode code,
            String message, List<Detail> details, List<String> compensated) {
        this(operationId, workspace, computeName, operation, code, message, details, compensated, List.of());
    }
}
