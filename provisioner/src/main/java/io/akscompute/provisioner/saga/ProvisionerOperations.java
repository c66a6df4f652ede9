package io.akscompute.provisioner.saga;

import io.akscompute.common.contract.CommandType;
import io.akscompute.common.contract.command.CreateCluster;
import io.akscompute.common.contract.command.ScaleCluster;
import io.akscompute.common.messaging.CommandEnvelope;
import io.akscompute.common.messaging.OperationStarter;
import io.akscompute.common.operation.Operation;
import io.akscompute.common.saga.SagaDefinition;
import io.akscompute.common.saga.SagaEngine;
import io.akscompute.provisioner.config.ProvisionerConfig;
import io.akscompute.provisioner.domain.ClusterTags;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.EnumSet;
import java.util.Set;

/** Starts the saga of an accepted create, delete or scale; one operation per compute at a time. */
@ApplicationScoped
public class ProvisionerOperations implements OperationStarter {
    private static final Set<CommandType> OWNED = EnumSet.of(CommandType.CREATE_CLUSTER, CommandType.DELETE_CLUSTER,
            CommandType.SCALE_CLUSTER);

    @Inject
    SagaEngine sagas;

    @Inject
    ProvisionerConfig config;

    @Override
    public boolean handles(CommandType type) {
        return OWNED.contains(type);
    }

    @Override
    public void start(Operation operation, CommandEnvelope envelope) {
        if (sagas.refuseWhileBusy(operation)) {
            return;
        }
        ProvisionerState state = new ProvisionerState();
        String saga = switch (envelope.type()) {
            case CREATE_CLUSTER -> {
                CreateCluster c = ((CreateCluster) envelope.command()).withDefaults();
                state.location = c.location() != null ? c.location() : config.locationOf(c.workspace());
                state.resourceGroup = c.resourceGroup() != null ? c.resourceGroup()
                        : config.resourceGroupPrefix() + c.workspace();
                state.clusterName = ClusterTags.clusterName(c.computeName(), operation.id);
                state.agentCount = c.agentCount();
                state.agentVmSize = c.agentVmSize();
                state.purpose = c.clusterPurpose();
                state.network = c.aksNetworkingConfiguration();
                state.loadBalancerType = c.loadBalancerType();
                state.loadBalancerSubnet = c.loadBalancerSubnet();
                state.ssl = c.sslConfiguration();
                state.description = c.description();
                state.tags = c.tags();
                yield ProvisionerSagas.CREATE;
            }
            case SCALE_CLUSTER -> {
                ScaleCluster c = (ScaleCluster) envelope.command();
                state.agentCount = c.agentCount();
                state.requestedVmSize = c.agentVmSize();
                yield ProvisionerSagas.SCALE;
            }
            case DELETE_CLUSTER -> ProvisionerSagas.DELETE;
            default -> throw new IllegalArgumentException("not a provisioner command: " + envelope.type());
        };
        sagas.start(definition(saga), operation, state);
    }

    private SagaDefinition<ProvisionerState> definition(String type) {
        return sagas.definition(type, ProvisionerState.class);
    }
}
