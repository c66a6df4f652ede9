package io.akscompute.common.contract.event;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.UUID;

/**
 * A resource akscompute made that no compute or running operation accounts for any more (a cluster whose
 * compensation could not delete it, a front end or TLS secret left in a cluster): reported once when the sweep finds
 * it ({@code removed} false) and again when the sweep removed it ({@code removed} true; only when the service is
 * configured to remove orphans). {@code kind} is {@code cluster}, {@code front-end} or {@code tls-secret};
 * {@code operationId} identifies this notice (the same notice has the same id); {@code operation} is
 * {@code OrphanSweep}.
 */
public record OrphanFound(
        @JsonProperty(required = true) UUID operationId,
        @JsonProperty(required = true) String workspace,
        @JsonProperty(required = true) String computeName,
        @JsonProperty(required = true) String operation,
        @JsonProperty(required = true) String kind,
        @JsonProperty(required = true) String resourceId,
        @JsonProperty(required = true) boolean removed,
        String message) implements StatusEvent {

    public static final String OPERATION = "OrphanSweep";
}
