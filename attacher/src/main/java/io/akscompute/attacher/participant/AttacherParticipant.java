package io.akscompute.attacher.participant;

import io.akscompute.attacher.config.AttacherConfig;
import io.akscompute.attacher.persistence.Compute;
import io.akscompute.attacher.persistence.ComputeRegistry;
import io.akscompute.attacher.persistence.FrontEndFootprints;
import io.akscompute.attacher.service.ComputeNames;
import io.akscompute.attacher.service.FrontEndRollout;
import io.akscompute.common.contract.CommandType;
import io.akscompute.common.contract.ErrorCode;
import io.akscompute.common.contract.event.Detail;
import io.akscompute.common.contract.Json;
import io.akscompute.common.contract.model.LoadBalancerType;
import io.akscompute.common.contract.saga.CreatedUnregistered;
import io.akscompute.common.contract.saga.LockCompute;
import io.akscompute.common.contract.saga.UnlockCompute;
import io.akscompute.common.contract.saga.ParticipantAction;
import io.akscompute.common.contract.saga.RecordScale;
import io.akscompute.common.contract.saga.RegisterCreated;
import io.akscompute.common.contract.saga.ReleaseName;
import io.akscompute.common.contract.saga.ReserveName;
import io.akscompute.common.contract.saga.UnregisterCreated;
import io.akscompute.common.participant.ParticipantContext;
import io.akscompute.common.participant.ParticipantDefinition;
import io.akscompute.common.saga.ComputeLocks;
import io.akscompute.common.saga.StepResult;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Optional;

/** The registry's side of the provisioner's sagas: names, front end and entries of clusters akscompute created. */
@ApplicationScoped
public class AttacherParticipant {

    @Inject
    ComputeRegistry registry;


    @Inject
    FrontEndRollout rollout;

    @Inject
    ComputeNames names;

    @Inject
    AttacherConfig config;

    @Inject
    ComputeLocks locks;

    @Produces
    @ApplicationScoped
    ParticipantDefinition actions() {
        return ParticipantDefinition.builder()
                .onInline(ParticipantAction.ReserveName, ReserveName.class, this::reserve)
                    .undoneByInline(ParticipantAction.ReleaseName, ReleaseName.class, this::release)
                .on(ParticipantAction.RegisterCreated, RegisterCreated.class, this::register)
                    .undoneByInline(ParticipantAction.UnregisterCreated, UnregisterCreated.class, this::unregister)
                .onInline(ParticipantAction.RecordScale, RecordScale.class, this::recordScale)
                .onInline(ParticipantAction.LockCompute, LockCompute.class, this::lock)
                    .undoneByInline(ParticipantAction.UnlockCompute, UnlockCompute.class, this::unlock)
                .build();
    }

    StepResult reserve(ParticipantContext<ReserveName> r) {
        // A name someone else holds is refused as taken (below) without taking its compute.
        boolean takenByOther = registry.find(r.workspace(), r.computeName())
                .filter(c -> !c.operationId.equals(r.operationId())).isPresent();
        Optional<StepResult> busy = takenByOther ? Optional.empty() : take(r, CommandType.CREATE_CLUSTER.typeName());
        if (busy.isPresent()) {
            return busy.get();
        }
        StepResult reserved = names.reserve(r.workspace(), r.computeName(), r.operationId(), false, r.now(),
                "a cluster with the same name already exists, choose another name");
        if (reserved instanceof StepResult.Done) {
            registry.find(r.workspace(), r.computeName()).ifPresent(c -> {
                c.location = r.request().location();
                c.description = r.request().description();
            });
        }
        return reserved;
    }

    StepResult lock(ParticipantContext<LockCompute> r) {
        return take(r, r.request().operation()).orElseGet(() -> StepResult.done("compute " + r.computeName()
                + " is this operation's until it ends"));
    }

    StepResult unlock(ParticipantContext<UnlockCompute> r) {
        locks.release(r.workspace(), r.computeName(), r.operationId());
        return StepResult.done("compute " + r.computeName() + " given back");
    }

    /** Takes the compute for the request's operation; the failure naming the holder when another has it. */
    private Optional<StepResult> take(ParticipantContext<?> r, String operation) {
        return locks.take(r.workspace(), r.computeName(), r.operationId(), operation, r.now())
                .map(h -> StepResult.fail(ErrorCode.OperationInProgress, h.operation() + " operation " + h.operationId()
                        + " is still running for compute " + r.computeName() + "; send this command again once it"
                        + " has finished", List.of(new Detail("operationId", h.operationId().toString()))));
    }

    StepResult release(ParticipantContext<ReleaseName> r) {
        locks.release(r.workspace(), r.computeName(), r.operationId());
        return names.release(r.workspace(), r.computeName(), r.operationId(), r.request().leftBehind(), r.now());
    }

    StepResult register(ParticipantContext<RegisterCreated> r) {
        var created = r.request();
        Optional<Compute> reserved = registry.find(r.workspace(), r.computeName())
                .filter(c -> c.operationId.equals(r.operationId()));
        if (reserved.isEmpty()) {
            return StepResult.fail(ErrorCode.ComputeNotFound, "the name " + r.computeName() + " is not reserved for "
                    + "operation " + r.operationId() + " in workspace " + r.workspace());
        }
        boolean internal = created.loadBalancerType() == LoadBalancerType.InternalLoadBalancer;
        FrontEndRollout.Progress progress = progress(r.handle());
        StepResult deployed = rollout.deploy(new FrontEndFootprints.Footprint(created.clusterResourceId(),
                r.workspace(), r.computeName(), r.operationId()), rollout.spec(created.clusterPurpose(),
                internal, created.loadBalancerSubnet(), created.tls(), created.tls() != null), progress, r.now());
        r.handle(Json.write(progress));
        if (!(deployed instanceof StepResult.Done)) {
            return deployed;
        }
        // The front end is in; the registration is a short transaction of its own (the rollout held none).
        return QuarkusTransaction.joiningExisting().call(() -> registerDeployed(r, progress));
    }

    private StepResult registerDeployed(ParticipantContext<RegisterCreated> r, FrontEndRollout.Progress progress) {
        var created = r.request();
        Compute c = registry.find(r.workspace(), r.computeName()).orElseThrow();
        c.attached = false;
        registry.register(c, new ComputeRegistry.Registration(r.operationId(), created.clusterResourceId(),
                created.location(), created.kubernetesVersion(), created.agentCount(), created.agentVmSize(),
                created.clusterPurpose(), created.loadBalancerType(), created.loadBalancerSubnet(), created.tls(),
                created.sslConfiguration() == null ? null : created.sslConfiguration().leafDomainLabel(),
                created.tls() == null, progress.endpoint, config.frontEndVersion(), created.description(),
                created.clusterFqdn(), created.aksNetworkingConfiguration(), progress.tlsFingerprint), r.now());
        locks.release(r.workspace(), r.computeName(), r.operationId());
        return StepResult.done("compute " + r.computeName() + " is ready at " + progress.endpoint.ip(),
                ComputeRegistry.snapshot(c));
    }

    StepResult recordScale(ParticipantContext<RecordScale> r) {
        Optional<Compute> found = registry.find(r.workspace(), r.computeName()).filter(c -> !c.attached);
        if (found.isEmpty()) {
            return StepResult.fail(ErrorCode.ComputeNotFound, "there is no created compute " + r.computeName()
                    + " in workspace " + r.workspace());
        }
        Compute c = found.get();
        c.agentCount = r.request().agentCount();
        if (r.request().agentVmSize() != null) {
            c.agentVmSize = r.request().agentVmSize();
        }
        c.modifiedOn = r.now();
        locks.release(r.workspace(), r.computeName(), r.operationId());
        return StepResult.done("compute " + r.computeName() + " has " + r.request().agentCount() + " nodes",
                ComputeRegistry.snapshot(c));
    }

    /**
     * The detach half of a delete: the compute shows Deleting; its name stays reserved for the delete operation,
     * which releases it (ReleaseName) once the cluster is gone. The front end is left in the cluster the operation
     * deletes next: its footprint stays, so a cluster that outlives the delete (Azure refused, or not ours after
     * all) has it removed by the orphan sweep once the compute is gone.
     */
    StepResult unregister(ParticipantContext<UnregisterCreated> r) {
        Optional<Compute> found = registry.find(r.workspace(), r.computeName());
        if (found.isEmpty()) {
            return StepResult.fail(ErrorCode.ComputeNotFound, "there is no compute " + r.computeName()
                    + " in workspace " + r.workspace());
        }
        Compute c = found.get();
        if (c.attached) {
            return StepResult.fail(ErrorCode.NotCreatedByAkscompute, "compute " + r.computeName() + " was attached, "
                    + "not created by akscompute: DeleteCluster only deletes clusters akscompute created. Use "
                    + "DetachCluster to detach it; the AKS cluster " + c.clusterResourceId + " stays");
        }
        c.operationId = r.operationId();
        c.provisioningState = Compute.DELETING;
        c.endpointIp = null;
        c.modifiedOn = r.now();
        return StepResult.done("compute " + r.computeName() + " detached from its cluster; the name stays reserved "
                + "until the cluster is deleted", new CreatedUnregistered(c.clusterResourceId));
    }

    private static FrontEndRollout.Progress progress(String handle) {
        if (handle == null) {
            return new FrontEndRollout.Progress();
        }
        try {
            return Json.MAPPER.readValue(handle, FrontEndRollout.Progress.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
