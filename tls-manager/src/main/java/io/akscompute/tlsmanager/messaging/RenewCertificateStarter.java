package io.akscompute.tlsmanager.messaging;

import io.akscompute.common.contract.CommandType;
import io.akscompute.common.contract.Json;
import io.akscompute.common.messaging.CommandEnvelope;
import io.akscompute.common.messaging.OperationStarter;
import io.akscompute.common.operation.Operation;
import io.akscompute.tlsmanager.persistence.WorkItem;
import io.akscompute.tlsmanager.service.WorkQueue;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** An accepted RenewCertificate becomes work for the worker, in the transaction that accepted it. */
@ApplicationScoped
public class RenewCertificateStarter implements OperationStarter {

    @Inject
    WorkQueue queue;

    @Override
    public boolean handles(CommandType type) {
        return type == CommandType.RENEW_CERTIFICATE;
    }

    @Override
    public void start(Operation operation, CommandEnvelope envelope) {
        operation.status = Operation.Status.RUNNING;
        queue.add(operation.id, WorkItem.Kind.RENEW_CERTIFICATE, Json.write(envelope.command()));
    }
}
