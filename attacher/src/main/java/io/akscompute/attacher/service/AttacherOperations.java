package io.akscompute.attacher.service;

import io.akscompute.attacher.config.AttacherConfig;
import io.akscompute.attacher.saga.AttacherSagas;
import io.akscompute.attacher.saga.AttacherState;
import io.akscompute.common.contract.CommandType;
import io.akscompute.common.contract.ErrorCode;
import io.akscompute.common.contract.command.AttachCluster;
import io.akscompute.common.contract.command.UpdateCluster;
import io.akscompute.common.contract.event.Detail;
import io.akscompute.common.contract.event.OperationFailed;
import io.akscompute.common.contract.model.LoadBalancerType;
import io.akscompute.common.messaging.CommandEnvelope;
import io.akscompute.common.messaging.OperationStarter;
import io.akscompute.common.operation.Operation;
import io.akscompute.common.outbox.Outbox;
import io.akscompute.common.saga.SagaDefinition;
import io.akscompute.common.saga.SagaEngine;
import io.akscompute.common.saga.SagaInstance;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Starts the saga of an accepted attach, detach, update or re-attach; one operation per compute at a time. */
@ApplicationScoped
public class AttacherOperations implements OperationStarter {
    private static final Set<CommandType> OWNED = EnumSet.of(CommandType.ATTACH_CLUSTER, CommandType.DETACH_CLUSTER,
            CommandType.UPDATE_CLUSTER, CommandType.REATTACH_CLUSTER);

    @Inject
    SagaEngine sagas;

    @Inject
    Outbox outbox;

    @Inject
    AttacherConfig config;

    @Inject
    @Any
    Instance<SagaDefinition<AttacherState>> definitions;

    @Override
    public boolean handles(CommandType type) {
        return OWNED.contains(type);
    }

    @Override
    public void start(Operation operation, CommandEnvelope envelope) {
        Optional<SagaInstance> running = sagas.running(operation.workspace, operation.computeName);
        if (running.isPresent()) {
            operation.status = Operation.Status.FAILED;
            outbox.status(new OperationFailed(operation.id, operation.workspace, operation.computeName,
                    operation.commandType, ErrorCode.OperationInProgress, running.get().type + " operation "
                    + running.get().operationId + " is still running for compute " + operation.computeName
                    + "; send this command again once it has finished",
                    List.of(new Detail("operationId", running.get().operationId.toString())), List.of()),
                    operation.id.toString());
            return;
        }
        AttacherState state = new AttacherState();
        String saga = switch (envelope.type()) {
            case ATTACH_CLUSTER -> {
                AttachCluster c = ((AttachCluster) envelope.command()).withDefaults();
                state.clusterResourceId = c.resourceId();
                state.resourceGroup = c.resourceGroup();
                state.clusterName = c.clusterName();
                state.purpose = c.clusterPurpose();
                state.loadBalancerType = c.loadBalancerType();
                state.loadBalancerSubnet = c.loadBalancerType() == LoadBalancerType.InternalLoadBalancer
                        && c.loadBalancerSubnet() == null ? config.defaultInternalSubnet() : c.loadBalancerSubnet();
                state.ssl = c.sslConfiguration();
                state.description = c.description();
                yield AttacherSagas.ATTACH;
            }
            case UPDATE_CLUSTER -> {
                UpdateCluster c = (UpdateCluster) envelope.command();
                state.loadBalancerType = c.loadBalancerType();
                state.loadBalancerSubnet = c.loadBalancerSubnet();
                state.ssl = c.sslConfiguration();
                state.tlsChanged = c.sslConfiguration() != null;
                yield AttacherSagas.UPDATE;
            }
            case DETACH_CLUSTER -> AttacherSagas.DETACH;
            case REATTACH_CLUSTER -> AttacherSagas.REATTACH;
            default -> throw new IllegalArgumentException("not an attacher command: " + envelope.type());
        };
        sagas.start(definition(saga), operation, state);
    }

    private SagaDefinition<AttacherState> definition(String type) {
        for (SagaDefinition<AttacherState> d : definitions) {
            if (d.type().equals(type)) {
                return d;
            }
        }
        throw new IllegalStateException("no saga " + type);
    }
}
