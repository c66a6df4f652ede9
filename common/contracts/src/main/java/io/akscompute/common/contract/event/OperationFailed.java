package io.akscompute.common.contract.event;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.akscompute.common.contract.ErrorCode;
import java.util.List;
import java.util.UUID;

/** The operation ended in failure; {@code compensated} names the finished steps that were undone, in order. */
public record OperationFailed(
        @JsonProperty(required = true) UUID operationId,
        @JsonProperty(required = true) String workspace,
        @JsonProperty(required = true) String computeName,
        @JsonProperty(required = true) String operation,
        @JsonProperty(required = true) ErrorCode code,
        String message,
        List<Detail> details,
        List<String> compensated) implements StatusEvent {
}
