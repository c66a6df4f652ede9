package io.akscompute.attacher.saga;

import static io.akscompute.common.contract.saga.ParticipantAction.ConfigureTls;
import static io.akscompute.common.contract.saga.ParticipantAction.RemoveTls;

import io.akscompute.common.saga.SagaDefinition;
import io.akscompute.common.saga.TlsSteps;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;

/** The attacher's sagas, each read top to bottom as Azure ML users know the operation. */
@ApplicationScoped
public class AttacherSagas {
    public static final String ATTACH = "AttachCluster";
    public static final String DETACH = "DetachCluster";
    public static final String UPDATE = "UpdateCluster";
    public static final String REATTACH = "ReattachCluster";
    public static final String REPAIR = "RepairCompute";

    @Inject
    AttacherSteps steps;

    @Produces
    @ApplicationScoped
    SagaDefinition<AttacherState> attach() {
        return SagaDefinition.builder(ATTACH, AttacherState.class)
                .step("reserve-name").invokeInline(steps::reserveName)
                    .withCompensation().invoke(steps::releaseName)
                .step("find-cluster").invoke(steps::findCluster)
                .step("check-cluster").invoke(steps::checkCluster)
                .step("configure-tls").when(AttacherState::tlsWanted).ask(ConfigureTls, TlsSteps::configure, TlsSteps::configured)
                    .withCompensation().leaving(TlsSteps::secretOf).ask(RemoveTls, TlsSteps::removeAndDropIssued)
                .step("install-front-end").invoke(steps::installFrontEnd)
                    .withCompensation().evenWhenTheStepFailed().leaving(s -> "the front end in " + s.clusterResourceId)
                        .invoke(steps::removeFrontEnd)
                .step("register").invokeInline(steps::register)
                .onSuccess(steps::snapshot)
                .build();
    }

    @Produces
    @ApplicationScoped
    SagaDefinition<AttacherState> detach() {
        return SagaDefinition.builder(DETACH, AttacherState.class)
                .step("find-compute").invokeInline(steps::findCompute)
                .step("remove-front-end").invoke(steps::removeFrontEnd)
                .step("remove-tls").when(AttacherState::hadTls).ask(RemoveTls, TlsSteps::remove)
                .step("unregister").invokeInline(steps::unregister)
                .build();
    }

    @Produces
    @ApplicationScoped
    SagaDefinition<AttacherState> update() {
        return SagaDefinition.builder(UPDATE, AttacherState.class)
                .step("find-compute").invokeInline(steps::findCompute)
                .step("configure-tls").when(s -> s.tlsChanged && s.tlsWanted())
                    .ask(ConfigureTls, TlsSteps::configure, TlsSteps::configured)
                .step("remove-tls").when(s -> s.tlsChanged && !s.tlsWanted() && s.hadTls())
                    .ask(RemoveTls, TlsSteps::remove)
                .step("update-front-end").invoke(steps::installFrontEnd)
                .step("register").invokeInline(steps::register)
                .onSuccess(steps::snapshot)
                .build();
    }

    @Produces
    @ApplicationScoped
    SagaDefinition<AttacherState> reattach() {
        return SagaDefinition.builder(REATTACH, AttacherState.class)
                .step("find-compute").invokeInline(steps::findCompute)
                .step("restore-tls").when(AttacherState::tlsWanted).ask(ConfigureTls, TlsSteps::configure, TlsSteps::configured)
                .step("reinstall-front-end").invoke(steps::installFrontEnd)
                .step("register").invokeInline(steps::register)
                .onSuccess(steps::snapshot)
                .build();
    }

    /** Re-attach's steps, with the cluster read again first (gone: nothing to repair) and the drift read again last. */
    @Produces
    @ApplicationScoped
    SagaDefinition<AttacherState> repair() {
        return SagaDefinition.builder(REPAIR, AttacherState.class)
                .step("find-compute").invokeInline(steps::findCompute)
                .step("find-cluster").invoke(steps::findClusterToRepair)
                .step("restore-tls").when(AttacherState::tlsWanted).ask(ConfigureTls, TlsSteps::configure, TlsSteps::configured)
                .step("reinstall-front-end").invoke(steps::installFrontEnd)
                .step("register").invokeInline(steps::register)
                .step("check-drift").invoke(steps::checkDrift)
                .succeededWith(steps::repaired)
                .onSuccess(steps::snapshot)
                .build();
    }
}
