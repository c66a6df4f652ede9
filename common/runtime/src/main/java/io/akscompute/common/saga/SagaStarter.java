package io.akscompute.common.saga;

import io.akscompute.common.contract.CommandType;
import io.akscompute.common.messaging.CommandEnvelope;
import io.akscompute.common.messaging.OperationStarter;
import io.akscompute.common.operation.Operation;
import jakarta.inject.Inject;
import java.util.EnumSet;
import java.util.Set;

/**
 * Starts the saga named like an accepted command (an AttachCluster command starts the saga AttachCluster) with the
 * state the command gives; a service says which commands it starts and how their state begins. Commands for one
 * compute are serialised: while a saga of the compute runs, a new one fails with OperationInProgress.
 */
public abstract class SagaStarter<S> implements OperationStarter {

    @Inject
    protected SagaEngine sagas;

    private final Class<S> stateType;
    private final Set<CommandType> commands;

    protected SagaStarter(Class<S> stateType, CommandType first, CommandType... rest) {
        this.stateType = stateType;
        this.commands = EnumSet.of(first, rest);
    }

    @Override
    public boolean handles(CommandType type) {
        return commands.contains(type);
    }

    @Override
    public void start(Operation operation, CommandEnvelope envelope) {
        if (serialised() && sagas.refuseWhileBusy(operation)) {
            return;
        }
        sagas.start(sagas.definition(envelope.type().typeName(), stateType), operation, state(envelope), serialised());
    }

    /** The saga's state as the command begins it. */
    protected abstract S state(CommandEnvelope envelope);

    /** False for commands that are not about one compute's resources (RefreshVersions). */
    protected boolean serialised() {
        return true;
    }
}
