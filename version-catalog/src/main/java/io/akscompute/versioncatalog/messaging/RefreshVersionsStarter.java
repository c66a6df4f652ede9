package io.akscompute.versioncatalog.messaging;

import io.akscompute.common.contract.CommandType;
import io.akscompute.common.messaging.CommandEnvelope;
import io.akscompute.common.messaging.OperationStarter;
import io.akscompute.common.operation.Operation;
import io.akscompute.versioncatalog.service.RefreshOperations;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.time.Instant;

/**
 * The effect of an accepted RefreshVersions: marks the operation running and asks for the refresh, which starts
 * once the accepting transaction committed, on the sync worker (the Kafka consumer thread never waits on Azure).
 */
@ApplicationScoped
public class RefreshVersionsStarter implements OperationStarter {

    @Inject
    Event<RefreshOperations.Requested> requested;

    @Override
    public boolean handles(CommandType type) {
        return type == CommandType.REFRESH_VERSIONS;
    }

    @Override
    public void start(Operation operation, CommandEnvelope envelope) {
        operation.status = Operation.Status.RUNNING;
        operation.updatedAt = Instant.now();
        requested.fire(new RefreshOperations.Requested(operation.id));
    }
}
