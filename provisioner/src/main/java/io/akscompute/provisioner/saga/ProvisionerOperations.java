package io.akscompute.provisioner.saga;

import io.akscompute.common.contract.CommandType;
import io.akscompute.common.contract.command.CreateCluster;
import io.akscompute.common.contract.command.ScaleCluster;
import io.akscompute.common.messaging.CommandEnvelope;
import io.akscompute.common.rules.Locations;
import io.akscompute.common.saga.SagaStarter;
import io.akscompute.provisioner.config.ProvisionerConfig;
import io.akscompute.provisioner.domain.ClusterTags;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** Starts the saga of an accepted create, delete or scale; one operation per compute at a time. */
@ApplicationScoped
public class ProvisionerOperations extends SagaStarter<ProvisionerState> {

    @Inject
    ProvisionerConfig config;

    ProvisionerOperations() {
        super(ProvisionerState.class, CommandType.CREATE_CLUSTER, CommandType.DELETE_CLUSTER,
                CommandType.SCALE_CLUSTER);
    }

    @Override
    protected ProvisionerState state(CommandEnvelope envelope) {
        ProvisionerState state = new ProvisionerState();
        switch (envelope.type()) {
            case CREATE_CLUSTER -> {
                CreateCluster c = ((CreateCluster) envelope.command()).withDefaults();
                state.location = Locations.normalize(c.location() != null ? c.location()
                        : config.locationOf(c.workspace()));
                state.resourceGroup = c.resourceGroup() != null ? c.resourceGroup()
                        : config.resourceGroupPrefix() + c.workspace();
                state.clusterName = ClusterTags.clusterName(c.computeName(), envelope.id());
                state.agentCount = c.agentCount();
                state.agentVmSize = c.agentVmSize();
                state.purpose = c.clusterPurpose();
                state.network = c.aksNetworkingConfiguration();
                state.loadBalancerType = c.loadBalancerType();
                state.loadBalancerSubnet = c.loadBalancerSubnet();
                state.ssl = c.sslConfiguration();
                state.description = c.description();
                state.tags = c.tags();
            }
            case SCALE_CLUSTER -> {
                ScaleCluster c = (ScaleCluster) envelope.command();
                state.agentCount = c.agentCount();
                state.requestedVmSize = c.agentVmSize();
            }
            default -> {
                // delete starts from the compute as the provisioner recorded it
            }
        }
        return state;
    }
}
