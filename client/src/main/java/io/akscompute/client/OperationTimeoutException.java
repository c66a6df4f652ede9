package io.akscompute.client;

import java.time.Duration;
import java.util.UUID;

/** No outcome within the time given: the service that owns the operation is most likely not running. */
public final class OperationTimeoutException extends AksComputeException {
    private final UUID operationId;

    OperationTimeoutException(Operation operation, Duration timeout) {
        super("no outcome of operation " + operation.id() + " within " + timeout.toSeconds() + " s: is the "
                + operation.type().owner().id() + " service running?", true);
        this.operationId = operation.id();
    }

    public UUID operationId() {
        return operationId;
    }
}
