package io.akscompute.attacher.saga;

import io.akscompute.attacher.azure.ClusterLookup;
import io.akscompute.attacher.azure.VersionLookup;
import io.akscompute.attacher.config.AttacherConfig;
import io.akscompute.attacher.domain.AttachEligibility;
import io.akscompute.attacher.domain.ClusterFacts;
import io.akscompute.attacher.domain.ComputeDrift;
import io.akscompute.attacher.persistence.Compute;
import io.akscompute.attacher.persistence.ComputeRegistry;
import io.akscompute.attacher.persistence.FrontEndFootprints;
import io.akscompute.attacher.service.ComputeDriftRecords;
import io.akscompute.attacher.service.ComputeNames;
import io.akscompute.attacher.service.FrontEndRollout;
import io.akscompute.common.azure.AzureFailures;
import io.akscompute.common.azure.ClusterRef;
import io.akscompute.common.azure.VmSizeLookup;
import io.akscompute.common.contract.LocationVersions.VmSize;
import io.akscompute.common.contract.ErrorCode;
import io.akscompute.common.contract.event.ComputeSnapshot;
import io.akscompute.common.contract.event.Detail;
import io.akscompute.common.contract.model.ClusterPurpose;
import io.akscompute.common.contract.model.LoadBalancerType;
import io.akscompute.common.contract.model.SslConfiguration;
import io.akscompute.common.contract.model.SslStatus;
import io.akscompute.common.rules.LoadBalancerRules;
import io.akscompute.common.saga.SagaContext;
import io.akscompute.common.saga.StepResult;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Optional;

/**
 * The steps the attacher's sagas are made of; each is safe to run again after a crash. A step that calls Azure or a
 * cluster runs with no transaction open: what it writes goes through adapters that open a short one of their own.
 */
@ApplicationScoped
public class AttacherSteps {
    @Inject
    ComputeRegistry registry;

    @Inject
    ClusterLookup clusters;

    @Inject
    VersionLookup versions;

    @Inject
    VmSizeLookup vmSizes;


    @Inject
    FrontEndRollout rollout;

    @Inject
    ComputeNames names;

    @Inject
    AttacherConfig config;

    @Inject
    ComputeDriftRecords drift;

    // --- attach

    StepResult reserveName(SagaContext<AttacherState> ctx) {
        return names.reserve(ctx.workspace(), ctx.computeName(), ctx.operationId(), true, ctx.now(),
                "choose another name, or detach it first");
    }

    StepResult releaseName(SagaContext<AttacherState> ctx) {
        return names.release(ctx.workspace(), ctx.computeName(), ctx.operationId(), ctx.compensationFailed(),
                ctx.now());
    }

    StepResult findCluster(SagaContext<AttacherState> ctx) {
        AttacherState s = ctx.state();
        String subscription = null;
        String rg = s.resourceGroup;
        String name = s.clusterName;
        if (s.clusterResourceId != null) {
            ClusterRef ref = ClusterRef.parse(s.clusterResourceId);
            subscription = ref.subscriptionId();
            rg = ref.resourceGroup();
            name = ref.name();
        }
        Optional<ClusterFacts> found = clusters.find(subscription, rg, name);
        if (found.isEmpty()) {
            return StepResult.fail(ErrorCode.ClusterNotFound, "no AKS cluster " + name + " in resource group " + rg
                    + (s.clusterResourceId != null ? " (looked up " + s.clusterResourceId + ")" : "")
                    + "; check the name, the resource group and the subscription");
        }
        s.cluster = found.get();
        s.clusterResourceId = found.get().resourceId();
        s.location = found.get().location();
        return StepResult.done("found " + s.clusterResourceId + " (Kubernetes " + s.cluster.kubernetesVersion()
                + ", " + s.cluster.agentCount() + " x " + s.cluster.agentVmSize() + ", " + s.cluster.location() + ")");
    }

    StepResult checkCluster(SagaContext<AttacherState> ctx) {
        AttacherState s = ctx.state();
        var supported = versions.supported(s.cluster.location());
        List<VmSize> offered;
        try {
            // Only production rules count vCPUs: a DevTest attach asks Azure nothing more.
            offered = s.purpose.isProduction() ? vmSizes.offered(s.cluster.location()) : List.of();
        } catch (RuntimeException e) {
            return AzureFailures.classify(e, "the VM sizes of " + s.cluster.location());
        }
        var refusal = AttachEligibility.check(s.cluster, s.purpose, supported, config.controlPlaneRanges(), offered);
        if (refusal.isPresent()) {
            return StepResult.fail(refusal.get().code(), refusal.get().message(), refusal.get().details());
        }
        Optional<Compute> attached = registry.attachmentOf(s.clusterResourceId)
                .filter(c -> !(c.workspace.equals(ctx.workspace()) && c.name.equals(ctx.computeName())));
        if (attached.isPresent()) {
            return StepResult.fail(ErrorCode.ClusterAlreadyAttached, "cluster " + s.cluster.name()
                    + " is already attached as compute " + attached.get().name + " in workspace "
                    + attached.get().workspace + "; attaching it twice breaks the first attachment. Detach it there"
                    + " first", List.of(new Detail("attachment", attached.get().workspace + "/" + attached.get().name)));
        }
        registry.assignCluster(ctx.workspace(), ctx.computeName(), s.clusterResourceId);
        AttachEligibility.warnings(s.cluster, supported).forEach(ctx::warn);
        if (s.internal() && s.loadBalancerSubnet == null) {
            defaultSubnet(ctx);
        }
        return StepResult.done("cluster can be attached");
    }

    /** An internal load balancer without a subnet goes to Azure ML's default one, and the user is told so. */
    private void defaultSubnet(SagaContext<AttacherState> ctx) {
        ctx.state().loadBalancerSubnet = config.defaultInternalSubnet();
        ctx.warn("no loadBalancerSubnet given: the internal load balancer takes its address from subnet "
                + config.defaultInternalSubnet() + " of the cluster's virtual network (Azure ML's default)");
    }

    // --- front end

    /** Install, update and re-attach alike: the front end is brought to the spec in place. */
    StepResult installFrontEnd(SagaContext<AttacherState> ctx) {
        AttacherState s = ctx.state();
        return rollout.deploy(new FrontEndFootprints.Footprint(s.clusterResourceId, ctx.workspace(),
                ctx.computeName(), ctx.operationId()), rollout.spec(s.purpose, s.internal(), s.loadBalancerSubnet, s.tls,
                s.tlsWanted()), s.frontEnd, ctx.now());
    }

    StepResult removeFrontEnd(SagaContext<AttacherState> ctx) {
        return StepResult.done(rollout.remove(ctx.state().clusterResourceId) ? "front end removed"
                : "the cluster no longer exists");
    }

    // --- registry

    StepResult register(SagaContext<AttacherState> ctx) {
        AttacherState s = ctx.state();
        Compute c = registry.find(ctx.workspace(), ctx.computeName()).orElseThrow();
        ClusterFacts cluster = s.cluster;
        registry.register(c, new ComputeRegistry.Registration(ctx.operationId(), s.clusterResourceId,
                cluster == null ? null : cluster.location(), cluster == null ? null : cluster.kubernetesVersion(),
                cluster == null ? null : cluster.agentCount(), cluster == null ? null : cluster.agentVmSize(),
                s.purpose, s.loadBalancerType, s.loadBalancerSubnet, s.tls,
                s.ssl == null ? null : s.ssl.leafDomainLabel(), !s.tlsWanted(), s.frontEnd.endpoint,
                config.frontEndVersion(), s.description, cluster == null ? null : cluster.fqdn(), null,
                s.frontEnd.tlsFingerprint), ctx.now());
        return StepResult.done("compute " + ctx.computeName() + " is ready");
    }

    /** Loads the compute an operation acts on into the state. */
    StepResult findCompute(SagaContext<AttacherState> ctx) {
        Optional<Compute> found = registry.find(ctx.workspace(), ctx.computeName())
                .filter(c -> Compute.SUCCEEDED.equals(c.provisioningState)
                        || Compute.NEEDS_ATTENTION.equals(c.provisioningState) || c.operationId.equals(ctx.operationId()));
        if (found.isEmpty()) {
            return StepResult.fail(ErrorCode.ComputeNotFound, "there is no compute " + ctx.computeName()
                    + " in workspace " + ctx.workspace());
        }
        Compute c = found.get();
        AttacherState s = ctx.state();
        s.clusterResourceId = c.clusterResourceId;
        s.location = c.location;
        s.purpose = c.clusterPurpose == null ? null : ClusterPurpose.valueOf(c.clusterPurpose);
        s.previousSsl = currentSsl(c);
        if (s.loadBalancerType == null) {
            s.loadBalancerType = LoadBalancerType.valueOf(c.loadBalancerType);
            s.loadBalancerSubnet = c.loadBalancerSubnet;
        } else if (s.internal() && s.loadBalancerSubnet == null) {
            if (c.loadBalancerSubnet != null) {
                s.loadBalancerSubnet = c.loadBalancerSubnet;
            } else {
                defaultSubnet(ctx);
            }
        }
        if (!s.tlsChanged) {
            s.ssl = s.previousSsl;
        }
        if (LoadBalancerRules.tlsConflict(s.loadBalancerType, s.tlsWanted())) {
            return StepResult.fail(ErrorCode.ValidationFailed, LoadBalancerRules.TLS_WITH_INTERNAL + "; compute "
                    + ctx.computeName() + " would have both. Disable TLS "
                    + "(sslConfiguration.status Disabled) in the same update, or keep the public load balancer",
                    List.of(new Detail("loadBalancerType", "InternalLoadBalancer with TLS enabled")));
        }
        return StepResult.done("compute " + ctx.computeName() + " on " + c.clusterResourceId);
    }

    StepResult unregister(SagaContext<AttacherState> ctx) {
        registry.find(ctx.workspace(), ctx.computeName()).ifPresent(registry::remove);
        return StepResult.done("compute " + ctx.computeName() + " removed from workspace " + ctx.workspace()
                + "; the AKS cluster itself stays");
    }

    // --- repair

    /** The compute's cluster read again: gone from Azure is the one drift a repair cannot mend. */
    StepResult findClusterToRepair(SagaContext<AttacherState> ctx) {
        AttacherState s = ctx.state();
        ClusterRef ref = ClusterRef.parse(s.clusterResourceId);
        Compute c = registry.find(ctx.workspace(), ctx.computeName()).orElseThrow();
        s.driftBefore = ComputeRegistry.drift(c);
        Optional<ClusterFacts> found = clusters.find(ref.subscriptionId(), ref.resourceGroup(), ref.name());
        if (found.isEmpty()) {
            return StepResult.fail(ErrorCode.ClusterNotFound, "the AKS cluster " + ref.name() + " of compute "
                    + ctx.computeName() + " is gone from Azure (" + s.clusterResourceId + "); there is nothing to "
                    + "repair: detach the compute, or attach another cluster",
                    List.of(new Detail("cluster", "expected present, found missing")));
        }
        s.cluster = found.get();
        s.location = found.get().location();
        s.accepted = ComputeDrift.changedInAzure(ComputeDriftRecords.expected(c), found.get());
        return StepResult.done("found " + s.clusterResourceId + (s.accepted.isEmpty() ? ""
                : "; changed in Azure, taken as the new record: " + ComputeDrift.describe(s.accepted)));
    }

    /** Reads the cluster back against the record just written; what a repair could not mend stays as drift. */
    StepResult checkDrift(SagaContext<AttacherState> ctx) {
        AttacherState s = ctx.state();
        Compute c = registry.find(ctx.workspace(), ctx.computeName()).orElseThrow();
        s.driftAfter = ComputeDrift.differences(ComputeDriftRecords.expected(c), drift.read(c.clusterResourceId,
                c.location));
        drift.record(ctx.workspace(), ctx.computeName(), s.driftAfter, ctx.now());
        return StepResult.done(s.driftAfter.isEmpty() ? "no drift" : "still differs: "
                + ComputeDrift.describe(s.driftAfter));
    }

    String repaired(SagaContext<AttacherState> ctx) {
        AttacherState s = ctx.state();
        return ComputeDrift.repairOutcome(ctx.computeName(), s.driftBefore, s.accepted, s.driftAfter);
    }

    ComputeSnapshot snapshot(SagaContext<AttacherState> ctx) {
        return registry.find(ctx.workspace(), ctx.computeName()).map(ComputeRegistry::snapshot).orElse(null);
    }


    /** TLS as the compute has it, for re-configuring it (re-attach) or removing it (detach). */
    private static SslConfiguration currentSsl(Compute c) {
        SslStatus status = SslStatus.valueOf(c.sslStatus);
        return switch (status) {
            case Disabled -> new SslConfiguration(SslStatus.Disabled, null, null, null, null, null);
            case Auto -> new SslConfiguration(SslStatus.Auto, null, null, c.leafDomainLabel, true, null);
            case Enabled -> new SslConfiguration(SslStatus.Enabled, c.certificateRef, c.cname, null, null, null);
        };
    }

}
