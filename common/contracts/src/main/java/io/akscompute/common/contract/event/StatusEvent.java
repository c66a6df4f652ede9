package io.akscompute.common.contract.event;

import io.akscompute.common.contract.CloudEventTypes;
import java.util.UUID;

/** An event on {@code aks.status}: one per state transition of an operation. */
public interface StatusEvent {
    UUID operationId();

    String workspace();

    String computeName();

    /** The command type name this operation runs, e.g. {@code CreateCluster}. */
    String operation();

    default String cloudEventType() {
        return CloudEventTypes.of(getClass().getSimpleName());
    }

    default String key() {
        return CloudEventTypes.key(workspace(), computeName());
    }

    default String subject() {
        return CloudEventTypes.subject(workspace(), computeName());
    }
}
