package io.akscompute.provisioner.saga;

import static io.akscompute.common.contract.saga.ParticipantAction.ConfigureTls;
import static io.akscompute.common.contract.saga.ParticipantAction.LockCompute;
import static io.akscompute.common.contract.saga.ParticipantAction.UnlockCompute;
import static io.akscompute.common.contract.saga.ParticipantAction.RecordScale;
import static io.akscompute.common.contract.saga.ParticipantAction.RegisterCreated;
import static io.akscompute.common.contract.saga.ParticipantAction.ReleaseName;
import static io.akscompute.common.contract.saga.ParticipantAction.RemoveTls;
import static io.akscompute.common.contract.saga.ParticipantAction.ReserveName;
import static io.akscompute.common.contract.saga.ParticipantAction.UnregisterCreated;

import io.akscompute.common.saga.SagaDefinition;
import io.akscompute.common.saga.TlsSteps;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;

/**
 * The provisioner's sagas, each read top to bottom as Azure ML users know the operation. Each holds its compute
 * (the attacher's lock) from its first step: reserve-name or lock-compute; its last step on the attacher or its
 * compensation gives it back.
 */
@ApplicationScoped
public class ProvisionerSagas {
    public static final String CREATE = "CreateCluster";
    public static final String DELETE = "DeleteCluster";
    public static final String SCALE = "ScaleCluster";

    @Inject
    ProvisionerSteps steps;

    @Produces
    @ApplicationScoped
    SagaDefinition<ProvisionerState> create() {
        return SagaDefinition.builder(CREATE, ProvisionerState.class)
                .step("check-vm-size").invoke(steps::checkVmSize)
                .step("reserve-name").ask(ReserveName, steps::reserveName)
                    .withCompensation().ask(ReleaseName, steps::releaseName)
                .step("pick-version").invoke(steps::pickVersion)
                .step("resource-group").invoke(steps::resourceGroup)
                .step("create-cluster").invoke(steps::createCluster)
                    .withCompensation().evenWhenTheStepFailed().leaving(s -> s.clusterResourceId)
                        .invoke(steps::deleteCreatedCluster)
                .step("configure-tls").when(ProvisionerState::tlsWanted).ask(ConfigureTls, TlsSteps::configure, TlsSteps::configured)
                    .withCompensation().leaving(TlsSteps::secretOf).ask(RemoveTls, TlsSteps::removeAndDropIssued)
                .step("register").ask(RegisterCreated, steps::registerRequest, steps::onRegistered)
                .onSuccess(ctx -> ctx.state().snapshot)
                .build();
    }

    @Produces
    @ApplicationScoped
    SagaDefinition<ProvisionerState> delete() {
        return SagaDefinition.builder(DELETE, ProvisionerState.class)
                .step("lock-compute").ask(LockCompute, steps::lockCompute)
                    .withCompensation().ask(UnlockCompute, steps::unlockCompute)
                .step("find-compute").invokeInline(steps::findCreated)
                .step("unregister").ask(UnregisterCreated, steps::unregisterRequest)
                .step("delete-cluster").when(s -> s.created).invoke(steps::deleteCluster)
                .step("release-name").ask(ReleaseName, steps::releaseAfterDelete)
                .build();
    }

    @Produces
    @ApplicationScoped
    SagaDefinition<ProvisionerState> scale() {
        return SagaDefinition.builder(SCALE, ProvisionerState.class)
                .step("lock-compute").ask(LockCompute, steps::lockCompute)
                    .withCompensation().ask(UnlockCompute, steps::unlockCompute)
                .step("check-scale").invoke(steps::checkScale)
                .step("scale-node-pool").invoke(steps::scaleNodePool)
                .step("update-registry").ask(RecordScale, steps::recordScaleRequest, steps::onRegistered)
                .onSuccess(ctx -> ctx.state().snapshot)
                .build();
    }
}
