package io.akscompute.common.contract.event;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The attacher's periodic read-back found that a compute's cluster no longer matches what was recorded, or that
 * what it found changed since the last notice: {@code differences} lists each field with its expected and actual
 * value, and is empty when the drift is gone (by a repair or by other hands). Sent only when the set of
 * differences changes. {@code operationId} identifies this notice; {@code operation} is {@code DriftCheck}.
 * {@code RepairCompute} puts back what can be put back.
 */
public record ComputeDriftDetected(
        @JsonProperty(required = true) UUID operationId,
        @JsonProperty(required = true) String workspace,
        @JsonProperty(required = true) String computeName,
        @JsonProperty(required = true) String operation,
        @JsonProperty(required = true) List<DriftDifference> differences,
        @JsonProperty(required = true) Instant checkedAt,
        ComputeSnapshot compute,
        String message) implements StatusEvent {

    public static final String OPERATION = "DriftCheck";
}
