package io.akscompute.attacher.saga;

import io.akscompute.common.contract.CommandType;
import io.akscompute.common.contract.command.AttachCluster;
import io.akscompute.common.contract.command.UpdateCluster;
import io.akscompute.common.messaging.CommandEnvelope;
import io.akscompute.common.saga.SagaStarter;
import jakarta.enterprise.context.ApplicationScoped;

/** Starts the saga of an accepted attach, detach, update, re-attach or repair; one operation per compute at a time. */
@ApplicationScoped
public class AttacherOperations extends SagaStarter<AttacherState> {

    AttacherOperations() {
        super(AttacherState.class, CommandType.ATTACH_CLUSTER, CommandType.DETACH_CLUSTER,
                CommandType.UPDATE_CLUSTER, CommandType.REATTACH_CLUSTER, CommandType.REPAIR_COMPUTE);
    }

    @Override
    protected AttacherState state(CommandEnvelope envelope) {
        AttacherState state = new AttacherState();
        switch (envelope.type()) {
            case ATTACH_CLUSTER -> {
                AttachCluster c = ((AttachCluster) envelope.command()).withDefaults();
                state.clusterResourceId = c.resourceId();
                state.resourceGroup = c.resourceGroup();
                state.clusterName = c.clusterName();
                state.purpose = c.clusterPurpose();
                state.loadBalancerType = c.loadBalancerType();
                state.loadBalancerSubnet = c.loadBalancerSubnet(); // check-cluster names the default it uses
                state.ssl = c.sslConfiguration();
                state.description = c.description();
            }
            case UPDATE_CLUSTER -> {
                UpdateCluster c = (UpdateCluster) envelope.command();
                state.loadBalancerType = c.loadBalancerType();
                state.loadBalancerSubnet = c.loadBalancerSubnet();
                state.ssl = c.sslConfiguration();
                state.tlsChanged = c.sslConfiguration() != null;
            }
            default -> {
                // detach, re-attach and repair start from the compute as it is
            }
        }
        return state;
    }
}
