package io.akscompute.provisioner.saga;

import io.akscompute.common.azure.AzureFailures;
import com.azure.resourcemanager.containerservice.fluent.models.AgentPoolInner;
import io.akscompute.common.azure.Lro;
import io.akscompute.common.azure.VmSizeLookup;
import io.akscompute.common.contract.LocationVersions.VmSize;
import io.akscompute.common.contract.ErrorCode;
import io.akscompute.common.contract.event.ComputeSnapshot;
import io.akscompute.common.contract.event.Detail;
import io.akscompute.common.contract.model.ClusterPurpose;
import io.akscompute.common.contract.saga.RecordScale;
import io.akscompute.common.contract.saga.RegisterCreated;
import io.akscompute.common.contract.saga.LockCompute;
import io.akscompute.common.contract.saga.ReleaseName;
import io.akscompute.common.contract.saga.UnlockCompute;
import io.akscompute.common.contract.saga.ReserveName;
import io.akscompute.common.contract.saga.SagaReply;
import io.akscompute.common.contract.saga.UnregisterCreated;
import io.akscompute.common.rules.VmSizes;
import io.akscompute.common.saga.SagaContext;
import io.akscompute.common.saga.SagaDefinition;
import io.akscompute.common.saga.StepResult;
import io.akscompute.provisioner.azure.Arm;
import io.akscompute.provisioner.azure.ClusterSpec;
import io.akscompute.provisioner.config.ProvisionerConfig;
import io.akscompute.provisioner.domain.ClusterTags;
import io.akscompute.provisioner.domain.Provisioning;
import io.akscompute.provisioner.domain.ScaleRules;
import io.akscompute.provisioner.persistence.CreatedCluster;
import io.akscompute.provisioner.persistence.CreatedClusters;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The steps of the provisioner's sagas; each is safe to run again after a crash. A step reads (its rows, ARM),
 * lets {@link Provisioning} decide what that means, and records what it did in the saga state.
 */
@ApplicationScoped
public class ProvisionerSteps {
    /** lroHandle of a create whose PUT went out before a crash kept its URL: the cluster itself is watched. */
    static final String WATCH_CLUSTER = "watch-cluster";
    /** lroHandle of a scale that watches the pool (Azure was changing it) before it decides whether to PUT. */
    static final String WATCH_POOL = "watch-pool";

    @Inject
    Arm arm;

    @Inject
    CreatedClusters clusters;

    @Inject
    ProvisionerConfig config;

    @Inject
    VmSizeLookup vmSizes;

    // --- the compute lock and the name (attacher)

    /** One operation per compute across services: the attacher holds the locks. */
    Object lockCompute(SagaContext<ProvisionerState> ctx) {
        return new LockCompute(ctx.sagaType());
    }

    Object unlockCompute(SagaContext<ProvisionerState> ctx) {
        return new UnlockCompute(ctx.sagaType() + " " + ctx.operationId() + " ended");
    }

    Object reserveName(SagaContext<ProvisionerState> ctx) {
        return new ReserveName(ctx.state().location, ctx.state().description);
    }

    /** Undo of reserve-name: the name goes, unless an undo failed; then the compute stays, NeedsAttention. */
    Object releaseName(SagaContext<ProvisionerState> ctx) {
        return new ReleaseName("CreateCluster " + ctx.operationId() + " failed", ctx.compensationFailed());
    }

    // --- VM size

    /** Before anything is reserved: the size must be offered in the location and big enough for the purpose. */
    StepResult checkVmSize(SagaContext<ProvisionerState> ctx) {
        ProvisionerState s = ctx.state();
        List<VmSize> offered;
        try {
            offered = vmSizes.offered(s.location);
        } catch (RuntimeException e) {
            return AzureFailures.classify(e, "the VM sizes of " + s.location);
        }
        List<Detail> violations = Provisioning.vmSizeViolations(s.location, s.agentVmSize, s.agentCount, s.purpose,
                config.agentPool(), offered);
        if (!violations.isEmpty()) {
            return StepResult.fail(ErrorCode.ValidationFailed, String.join("; ",
                    violations.stream().map(Detail::message).toList()), violations);
        }
        VmSize size = VmSizes.find(offered, s.agentVmSize).orElseThrow();
        s.agentVmSize = size.name();
        return StepResult.done(size.name() + " (" + VmSizes.describe(size) + ") is offered in " + s.location);
    }

    // --- version

    StepResult pickVersion(SagaContext<ProvisionerState> ctx) {
        ProvisionerState s = ctx.state();
        Optional<String> version;
        try {
            version = arm.defaultVersion(s.location);
        } catch (RuntimeException e) {
            return AzureFailures.classify(e, "the Kubernetes versions of " + s.location);
        }
        if (version.isEmpty()) {
            return StepResult.retry(null, "no default Kubernetes version known for location " + s.location + " yet",
                    ErrorCode.UnknownLocation);
        }
        s.kubernetesVersion = version.get();
        return StepResult.done("Kubernetes " + s.kubernetesVersion + ", the default of " + s.location);
    }

    // --- resource group

    StepResult resourceGroup(SagaContext<ProvisionerState> ctx) {
        ProvisionerState s = ctx.state();
        try {
            boolean created = arm.ensureResourceGroup(s.resourceGroup, s.location,
                    Map.of(ClusterTags.CREATED_BY, "akscompute", ClusterTags.WORKSPACE, ctx.workspace()));
            return StepResult.done("resource group " + s.resourceGroup + (created ? " created in " + s.location
                    : " exists"));
        } catch (RuntimeException e) {
            return AzureFailures.classify(e, "the resource group " + s.resourceGroup);
        }
    }

    // --- cluster

    StepResult createCluster(SagaContext<ProvisionerState> ctx) {
        ProvisionerState s = ctx.state();
        String what = "the AKS cluster " + s.clusterName;
        if (ctx.lroHandle() == null) {
            return startCreate(ctx, what);
        }
        Optional<StepResult> overdue = Provisioning.overdue(s.lroStartedAt, ctx.now(), config.createTimeout(),
                "creating " + what);
        if (overdue.isPresent()) {
            return overdue.get();
        }
        if (!WATCH_CLUSTER.equals(ctx.lroHandle()) && !Lro.DONE.equals(ctx.lroHandle())) {
            Optional<StepResult> pending = Provisioning.operation(arm.status(ctx.lroHandle()), "the creation of " + what,
                    config.pollInterval(), provisioning(ctx, what));
            if (pending.isPresent()) {
                return pending.get();
            }
        }
        var cluster = arm.cluster(s.resourceGroup, s.clusterName);
        if (cluster.isEmpty()) {
            return StepResult.fail(ErrorCode.AzureError, what + " vanished while it was being created");
        }
        Optional<StepResult> pending = Provisioning.cluster(cluster.get().provisioningState(), what,
                config.pollInterval(), provisioning(ctx, what));
        if (pending.isPresent()) {
            return pending.get();
        }
        var c = cluster.get();
        s.clusterResourceId = c.id();
        s.clusterFqdn = c.fqdn() != null ? c.fqdn() : c.privateFqdn();
        s.kubernetesVersion = c.currentKubernetesVersion() != null ? c.currentKubernetesVersion()
                : c.kubernetesVersion();
        clusters.update(ctx.workspace(), ctx.computeName(), row -> {
            row.status = CreatedCluster.SUCCEEDED;
            row.clusterResourceId = c.id();
            row.kubernetesVersion = s.kubernetesVersion;
            row.updatedAt = ctx.now();
        });
        return StepResult.done(what + " is ready (" + c.fqdn() + ")");
    }

    /**
     * Creates only ({@code If-None-Match: *}): a cluster of that name is never overwritten. When one exists, one of
     * ours (a PUT sent before a restart whose URL was not kept) is watched, a stranger's refused.
     */
    private StepResult startCreate(SagaContext<ProvisionerState> ctx, String what) {
        ProvisionerState s = ctx.state();
        s.clusterResourceId = "/subscriptions/" + arm.subscriptionId() + "/resourceGroups/" + s.resourceGroup
                + "/providers/Microsoft.ContainerService/managedClusters/" + s.clusterName;
        CreatedCluster row = clusters.record(row(ctx));
        s.lroStartedAt = ctx.now();
        Optional<Lro.Begun> begun;
        try {
            begun = arm.beginCreate(s.resourceGroup, s.clusterName, new ClusterSpec(s.location,
                    ClusterTags.of(s.tags, ctx.workspace(), ctx.computeName(), ctx.operationId()), s.clusterName,
                    s.kubernetesVersion, config.agentPool(), s.agentCount, s.agentVmSize, s.network,
                    config.loadBalancerSku()));
        } catch (RuntimeException e) {
            return AzureFailures.classify(e, what);
        }
        if (begun.isEmpty()) {
            return alreadyThere(ctx, row, what);
        }
        warnIgnoredBridge(ctx);
        ctx.lroHandle(begun.get().handle());
        return StepResult.waitFor(begun.get().pollAfter(config.pollInterval()), "Azure accepted " + what + " ("
                + s.agentCount + " x " + s.agentVmSize + ", Kubernetes " + s.kubernetesVersion + ")");
    }

    /** The create found a cluster of that name: ours is watched (never PUT twice), a stranger's refused. */
    private StepResult alreadyThere(SagaContext<ProvisionerState> ctx, CreatedCluster row, String what) {
        ProvisionerState s = ctx.state();
        var existing = arm.cluster(s.resourceGroup, s.clusterName);
        if (existing.isEmpty()) {
            // Deleted between the two requests: the next run creates it.
            return StepResult.waitFor(config.pollInterval(), what + " was being deleted; creating it after");
        }
        if (!ClusterTags.createdBy(existing.get().tags(), ctx.workspace(), ctx.computeName(), ctx.operationId())) {
            if (row.operationId.equals(ctx.operationId())) {
                clusters.remove(row); // recorded for the PUT, which created nothing
            }
            return StepResult.fail(ErrorCode.ComputeAlreadyExists, "an AKS cluster named " + s.clusterName
                    + " already exists in resource group " + s.resourceGroup + " and was not created by this "
                    + "operation; attach it, or create the compute under another name");
        }
        // Our PUT went out before a restart but its URL was not kept: watch the cluster.
        warnIgnoredBridge(ctx);
        ctx.lroHandle(WATCH_CLUSTER);
        return StepResult.waitFor(config.pollInterval(), "resuming: Azure is creating " + what);
    }

    private static void warnIgnoredBridge(SagaContext<ProvisionerState> ctx) {
        var network = ctx.state().network;
        if (network != null && network.dockerBridgeCidr() != null) {
            ctx.warn("dockerBridgeCidr " + network.dockerBridgeCidr() + " is ignored: the AKS API no longer takes "
                    + "it (nodes run containerd, which has no docker bridge)");
        }
    }

    private static String provisioning(SagaContext<ProvisionerState> ctx, String what) {
        return "Azure is provisioning " + what + " (" + Provisioning.seconds(ctx.state().lroStartedAt, ctx.now())
                + " s so far; it usually takes about 10 minutes)";
    }

    /** Undo of create-cluster, also when it failed half-way: deletes the cluster if this operation created it. */
    StepResult deleteCreatedCluster(SagaContext<ProvisionerState> ctx) {
        Optional<CreatedCluster> row = clusters.find(ctx.workspace(), ctx.computeName())
                .filter(r -> r.operationId.equals(ctx.operationId()));
        if (row.isEmpty()) {
            return StepResult.done("no cluster was created");
        }
        return deleteRow(ctx, row.get(), true);
    }

    /** DeleteCluster's last step: the cluster of the compute goes, then the provisioner's record of it. */
    StepResult deleteCluster(SagaContext<ProvisionerState> ctx) {
        Optional<CreatedCluster> row = clusters.find(ctx.workspace(), ctx.computeName());
        if (row.isEmpty()) {
            return StepResult.done("no cluster to delete");
        }
        return deleteRow(ctx, row.get(), false);
    }

    private StepResult deleteRow(SagaContext<ProvisionerState> ctx, CreatedCluster row, boolean onlyThisOperation) {
        String what = "the AKS cluster " + row.clusterName;
        var cluster = arm.cluster(row.resourceGroup, row.clusterName);
        if (cluster.isEmpty()) {
            clusters.remove(row);
            return StepResult.done(ctx.lroHandle() == null ? what + " does not exist" : what + " deleted");
        }
        var tags = cluster.get().tags();
        boolean ours = onlyThisOperation ? ClusterTags.createdBy(tags, ctx.workspace(), ctx.computeName(),
                ctx.operationId()) : ClusterTags.ours(tags, ctx.workspace(), ctx.computeName());
        if (!ours) {
            clusters.remove(row);
            return StepResult.done(what + " was not created by akscompute for this compute; left alone");
        }
        if (ctx.lroHandle() != null) {
            Optional<StepResult> overdue = Provisioning.overdue(ctx.state().lroStartedAt, ctx.now(),
                    config.deleteTimeout(), "deleting " + what);
            if (overdue.isPresent()) {
                return overdue.get();
            }
            Optional<StepResult> pending = Provisioning.operation(arm.status(ctx.lroHandle()), "the deletion of "
                    + what, config.pollInterval(), "Azure is deleting " + what);
            if (pending.isPresent() && pending.get() instanceof StepResult.Fail) {
                // The delete failed in Azure: the next try (an undo is tried again) sends a new one.
                ctx.lroHandle(null);
                return pending.get();
            }
            if (pending.isPresent()) {
                return pending.get();
            }
        }
        if (ctx.lroHandle() == null) {
            String state = cluster.get().provisioningState();
            if (Provisioning.busy(state)) {
                // Azure takes one change at a time: delete once the running operation ends.
                return StepResult.waitFor(config.pollInterval(), what + " is still " + state + "; deleting it after");
            }
            Lro.Begun begun;
            try {
                begun = arm.beginDelete(row.resourceGroup, row.clusterName);
            } catch (RuntimeException e) {
                if (AzureFailures.isConflict(e)) {
                    return StepResult.waitFor(config.pollInterval(), what + " is busy; deleting it after");
                }
                throw e;
            }
            ctx.lroHandle(begun.handle());
            clusters.update(row.workspace, row.computeName, r -> {
                r.status = CreatedCluster.DELETING;
                r.updatedAt = ctx.now();
            });
            ctx.state().lroStartedAt = ctx.now();
            return StepResult.waitFor(begun.pollAfter(config.pollInterval()), "Azure is deleting " + what);
        }
        return StepResult.waitFor(config.pollInterval(), "Azure is deleting " + what);
    }

    // --- registry (attacher)

    Object registerRequest(SagaContext<ProvisionerState> ctx) {
        ProvisionerState s = ctx.state();
        return new RegisterCreated(s.clusterResourceId, s.location, s.kubernetesVersion, s.agentCount, s.agentVmSize,
                s.purpose, s.loadBalancerType, s.loadBalancerSubnet, s.network, s.ssl, s.tls, s.description,
                s.clusterFqdn);
    }

    StepResult onRegistered(SagaContext<ProvisionerState> ctx, SagaReply reply) {
        if (!reply.succeeded()) {
            return SagaDefinition.defaultReply(ctx, reply);
        }
        ctx.state().snapshot = SagaDefinition.result(reply, ComputeSnapshot.class);
        return StepResult.done(reply.message());
    }

    // --- delete

    StepResult findCreated(SagaContext<ProvisionerState> ctx) {
        Optional<CreatedCluster> row = clusters.find(ctx.workspace(), ctx.computeName());
        ProvisionerState s = ctx.state();
        s.created = row.isPresent();
        if (row.isEmpty()) {
            // Attached, or unknown: the attacher's registry tells which (and refuses both).
            return StepResult.done("akscompute did not create a cluster for " + ctx.computeName()
                    + "; asking the registry");
        }
        s.clusterResourceId = row.get().clusterResourceId;
        s.resourceGroup = row.get().resourceGroup;
        s.clusterName = row.get().clusterName;
        return StepResult.done("compute " + ctx.computeName() + " is the cluster " + s.clusterResourceId
                + " akscompute created");
    }

    /** Last step of a delete: the name becomes free only once the cluster is gone. */
    Object releaseAfterDelete(SagaContext<ProvisionerState> ctx) {
        return new ReleaseName("DeleteCluster " + ctx.operationId() + " deleted the cluster");
    }

    Object unregisterRequest(SagaContext<ProvisionerState> ctx) {
        return new UnregisterCreated(ctx.state().clusterResourceId);
    }

    // --- scale

    StepResult checkScale(SagaContext<ProvisionerState> ctx) {
        ProvisionerState s = ctx.state();
        Optional<CreatedCluster> row = clusters.find(ctx.workspace(), ctx.computeName())
                .filter(r -> CreatedCluster.SUCCEEDED.equals(r.status));
        if (row.isEmpty()) {
            return StepResult.fail(ErrorCode.ComputeNotFound, "akscompute created no cluster " + ctx.computeName()
                    + " in workspace " + ctx.workspace() + "; an attached cluster is scaled in AKS itself "
                    + "(az aks scale)");
        }
        CreatedCluster c = row.get();
        s.purpose = ClusterPurpose.valueOf(c.clusterPurpose);
        s.resourceGroup = c.resourceGroup;
        s.clusterName = c.clusterName;
        s.clusterResourceId = c.clusterResourceId;
        s.agentVmSize = c.agentVmSize;
        s.location = c.location;
        List<VmSize> offered;
        try {
            offered = vmSizes.offered(c.location);
        } catch (RuntimeException e) {
            return AzureFailures.classify(e, "the VM sizes of " + c.location);
        }
        List<Detail> violations = ScaleRules.check(s.purpose, c.location, config.agentPool(), c.agentVmSize,
                c.agentCount, s.agentCount, s.requestedVmSize, offered);
        if (!violations.isEmpty()) {
            return StepResult.fail(ErrorCode.ValidationFailed, violations.stream().map(Detail::message)
                    .reduce((a, b) -> a + "; " + b).orElseThrow(), violations);
        }
        return StepResult.done("from " + c.agentCount + " to " + s.agentCount + " x " + c.agentVmSize);
    }

    /**
     * Reads the pool before it writes: a pool already at the count (a PUT that went out before a crash) is done, one
     * Azure is changing is watched; otherwise the PUT goes out once and its operation is polled until the deadline.
     */
    StepResult scaleNodePool(SagaContext<ProvisionerState> ctx) {
        ProvisionerState s = ctx.state();
        CreatedCluster row = clusters.find(ctx.workspace(), ctx.computeName()).orElseThrow();
        String what = "the node pool " + row.agentPool + " of " + row.clusterName;
        String scaling = "scaling " + what;
        if (s.lroStartedAt == null) {
            s.lroStartedAt = ctx.now();
        }
        Optional<StepResult> overdue = Provisioning.overdue(s.lroStartedAt, ctx.now(), config.scaleTimeout(), scaling);
        if (overdue.isPresent()) {
            return overdue.get();
        }
        if (ctx.lroHandle() == null || WATCH_POOL.equals(ctx.lroHandle())) {
            AgentPoolInner pool;
            try {
                pool = arm.agentPool(row.resourceGroup, row.clusterName, row.agentPool);
            } catch (RuntimeException e) {
                return AzureFailures.classify(e, scaling);
            }
            boolean atCount = pool.count() != null && pool.count() == s.agentCount;
            if (Provisioning.busy(pool.provisioningState())) {
                ctx.lroHandle(WATCH_POOL);
                return StepResult.waitFor(config.pollInterval(), "Azure is changing " + what + " ("
                        + Provisioning.seconds(s.lroStartedAt, ctx.now()) + " s so far)");
            }
            if (!atCount) {
                Lro.Begun begun;
                try {
                    begun = arm.beginScale(row.resourceGroup, row.clusterName, pool, s.agentCount);
                } catch (RuntimeException e) {
                    if (AzureFailures.isConflict(e)) {
                        ctx.lroHandle(WATCH_POOL); // another change runs: watch it end, then read again
                        return StepResult.waitFor(config.pollInterval(), what + " is busy; scaling it after");
                    }
                    return AzureFailures.classify(e, scaling);
                }
                ctx.lroHandle(begun.handle());
                return StepResult.waitFor(begun.pollAfter(config.pollInterval()), "Azure accepted scaling " + what + " to "
                        + s.agentCount + " nodes");
            }
            ctx.lroHandle(Lro.DONE);
        }
        if (!Lro.DONE.equals(ctx.lroHandle())) {
            Optional<StepResult> pending = Provisioning.operation(arm.status(ctx.lroHandle()), scaling,
                    config.pollInterval(), "Azure is scaling " + what + " ("
                            + Provisioning.seconds(s.lroStartedAt, ctx.now()) + " s so far)");
            if (pending.isPresent()) {
                return pending.get();
            }
        }
        clusters.update(ctx.workspace(), ctx.computeName(), r -> {
            r.agentCount = s.agentCount;
            r.updatedAt = ctx.now();
        });
        return StepResult.done(what + " has " + s.agentCount + " nodes");
    }

    Object recordScaleRequest(SagaContext<ProvisionerState> ctx) {
        return new RecordScale(ctx.state().agentCount, ctx.state().agentVmSize);
    }

    // --- helpers

    private CreatedCluster row(SagaContext<ProvisionerState> ctx) {
        ProvisionerState s = ctx.state();
        CreatedCluster c = new CreatedCluster();
        c.workspace = ctx.workspace();
        c.computeName = ctx.computeName();
        c.operationId = ctx.operationId();
        c.resourceGroup = s.resourceGroup;
        c.clusterName = s.clusterName;
        c.clusterResourceId = s.clusterResourceId;
        c.location = s.location;
        c.clusterPurpose = s.purpose.name();
        c.agentPool = config.agentPool();
        c.agentCount = s.agentCount;
        c.agentVmSize = s.agentVmSize;
        c.kubernetesVersion = s.kubernetesVersion;
        c.status = CreatedCluster.CREATING;
        c.createdAt = ctx.now();
        c.updatedAt = ctx.now();
        return c;
    }
}
