package io.akscompute.attacher.saga;

import io.akscompute.attacher.config.AttacherConfig;
import io.akscompute.common.contract.CommandType;
import io.akscompute.common.contract.command.AttachCluster;
import io.akscompute.common.contract.command.UpdateCluster;
import io.akscompute.common.contract.model.LoadBalancerType;
import io.akscompute.common.messaging.CommandEnvelope;
import io.akscompute.common.messaging.OperationStarter;
import io.akscompute.common.operation.Operation;
import io.akscompute.common.saga.SagaDefinition;
import io.akscompute.common.saga.SagaEngine;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.EnumSet;
import java.util.Set;

/** Starts the saga of an accepted attach, detach, update or re-attach; one operation per compute at a time. */
@ApplicationScoped
public class AttacherOperations implements OperationStarter {
    private static final Set<CommandType> OWNED = EnumSet.of(CommandType.ATTACH_CLUSTER, CommandType.DETACH_CLUSTER,
            CommandType.UPDATE_CLUSTER, CommandType.REATTACH_CLUSTER);

    @Inject
    SagaEngine sagas;

    @Inject
    AttacherConfig config;

    @Override
    public boolean handles(CommandType type) {
        return OWNED.contains(type);
    }

    @Override
    public void start(Operation operation, CommandEnvelope envelope) {
        if (sagas.refuseWhileBusy(operation)) {
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
        return sagas.definition(type, AttacherState.class);
    }
}
