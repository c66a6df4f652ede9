package io.akscompute.common.saga;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * One operation per compute across services. The service that keeps the workspace registry (the attacher) implements
 * it over a table whose key is the compute, so the database refuses a second holder; its own sagas take the lock when
 * their command is accepted and give it back when they end, and other services' sagas take it by asking it
 * (LockCompute, ReserveName) and give it back with their last step or their compensation.
 */
public interface ComputeLocks {

    /** Takes the compute for the operation (again is fine), or returns the operation that holds it. */
    Optional<Holder> take(String workspace, String computeName, UUID operationId, String operation, Instant now);

    /** Gives the compute back if this operation holds it; anyone else's lock stays. */
    void release(String workspace, String computeName, UUID operationId);

    record Holder(UUID operationId, String operation) {
    }
}
