package io.akscompute.common.contract.event;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.UUID;

/** Step {@code index} of {@code count} (1-based) started, finished or is still running; warnings are not failures. */
public record OperationProgress(
        @JsonProperty(required = true) UUID operationId,
        @JsonProperty(required = true) String workspace,
        @JsonProperty(required = true) String computeName,
        @JsonProperty(required = true) String operation,
        String step,
        int index,
        int count,
        String message,
        List<String> warnings) implements StatusEvent {
}
