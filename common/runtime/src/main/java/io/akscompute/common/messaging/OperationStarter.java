package io.akscompute.common.messaging;

import io.akscompute.common.contract.CommandType;
import io.akscompute.common.operation.Operation;

/**
 * What a service does with an accepted command, beyond storing it: start a saga, schedule a refresh.
 * Called inside the transaction that accepts the command, so whatever it writes (saga rows, outbox
 * events) commits or rolls back together with the acceptance. It must not call Azure or block.
 */
public interface OperationStarter {

    boolean handles(CommandType type);

    void start(Operation operation, CommandEnvelope envelope);
}
