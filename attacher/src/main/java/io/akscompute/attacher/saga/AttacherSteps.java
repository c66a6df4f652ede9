package io.akscompute.attacher.saga;

import com.azure.core.management.exception.ManagementException;
import io.akscompute.attacher.azure.ClusterLookup;
import io.akscompute.attacher.azure.FrontEnd;
import io.akscompute.attacher.azure.VersionLookup;
import io.akscompute.attacher.config.AttacherConfig;
import io.akscompute.attacher.domain.AttachEligibility;
import io.akscompute.attacher.domain.ClusterFacts;
import io.akscompute.attacher.persistence.Compute;
import io.akscompute.attacher.persistence.ComputeRegistry;
import io.akscompute.common.contract.ErrorCode;
import io.akscompute.common.contract.event.ComputeSnapshot;
import io.akscompute.common.contract.event.Detail;
import io.akscompute.common.contract.model.ClusterPurpose;
import io.akscompute.common.contract.model.LoadBalancerType;
import io.akscompute.common.contract.model.SslConfiguration;
import io.akscompute.common.contract.model.SslStatus;
import io.akscompute.common.contract.saga.ConfigureTls;
import io.akscompute.common.contract.saga.RemoveTls;
import io.akscompute.common.contract.saga.SagaReply;
import io.akscompute.common.contract.saga.TlsConfigured;
import io.akscompute.common.saga.SagaContext;
import io.akscompute.common.saga.SagaDefinition;
import io.akscompute.common.saga.StepResult;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** The steps the attacher's sagas are made of; each is safe to run again after a crash. */
@ApplicationScoped
public class AttacherSteps {
    private static final Duration POLL = Duration.ofSeconds(1);

    @Inject
    ComputeRegistry registry;

    @Inject
    ClusterLookup clusters;

    @Inject
    VersionLookup versions;

    @Inject
    FrontEnd frontEnd;

    @Inject
    AttacherConfig config;

    // --- attach

    StepResult reserveName(SagaContext<AttacherState> ctx) {
        Optional<Compute> taken = registry.reserve(ctx.workspace(), ctx.computeName(), ctx.operationId(), true,
                ctx.now());
        if (taken.isPresent()) {
            return StepResult.fail(ErrorCode.ComputeAlreadyExists, "a compute named " + ctx.computeName()
                    + " already exists in workspace " + ctx.workspace() + " (" + describe(taken.get())
                    + "); choose another name, or detach it first");
        }
        return StepResult.done("name " + ctx.computeName() + " reserved");
    }

    StepResult releaseName(SagaContext<AttacherState> ctx) {
        registry.release(ctx.workspace(), ctx.computeName(), ctx.operationId());
        return StepResult.done("name " + ctx.computeName() + " released");
    }

    StepResult findCluster(SagaContext<AttacherState> ctx) {
        AttacherState s = ctx.state();
        String rg = s.resourceGroup;
        String name = s.clusterName;
        if (s.clusterResourceId != null) {
            String[] parts = ClusterLookup.resourceGroupAndName(s.clusterResourceId);
            rg = parts[0];
            name = parts[1];
        }
        Optional<ClusterFacts> found = clusters.find(rg, name);
        if (found.isEmpty()) {
            return StepResult.fail(ErrorCode.ClusterNotFound, "no AKS cluster " + name + " in resource group " + rg
                    + (s.clusterResourceId != null ? " (looked up " + s.clusterResourceId + ")" : "")
                    + "; check the name, the resource group and the subscription");
        }
        s.cluster = found.get();
        s.clusterResourceId = found.get().resourceId();
        return StepResult.done("found " + s.clusterResourceId + " (Kubernetes " + s.cluster.kubernetesVersion()
                + ", " + s.cluster.agentCount() + " x " + s.cluster.agentVmSize() + ", " + s.cluster.location() + ")");
    }

    StepResult checkCluster(SagaContext<AttacherState> ctx) {
        AttacherState s = ctx.state();
        var supported = versions.supported(s.cluster.location());
        var refusal = AttachEligibility.check(s.cluster, s.purpose, supported, config.controlPlaneRanges());
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
        registry.find(ctx.workspace(), ctx.computeName()).ifPresent(c -> c.clusterResourceId = s.clusterResourceId);
        AttachEligibility.warnings(s.cluster, supported).forEach(ctx::warn);
        return StepResult.done("cluster can be attached");
    }

    // --- TLS (tls-manager)

    Object tlsRequest(SagaContext<AttacherState> ctx) {
        AttacherState s = ctx.state();
        return new ConfigureTls(s.clusterResourceId, location(ctx), s.ssl, s.loadBalancerType);
    }

    StepResult onTls(SagaContext<AttacherState> ctx, SagaReply reply) {
        if (!reply.succeeded()) {
            return SagaDefinition.defaultReply(ctx, reply);
        }
        TlsConfigured tls = SagaDefinition.result(reply, TlsConfigured.class);
        ctx.state().tls = tls;
        return StepResult.done("certificate for " + (tls.fqdn() != null ? tls.fqdn() : tls.cname())
                + " written to the cluster");
    }

    /** Undo of configure-tls in a failed attach: an auto-issued certificate was ours alone and goes too. */
    Object dropTls(SagaContext<AttacherState> ctx) {
        return new RemoveTls(ctx.state().clusterResourceId, ctx.state().ssl.status() == SslStatus.Auto);
    }

    /** Detach and update: the secret leaves the cluster, the certificate stays for a later attach. */
    Object removeTls(SagaContext<AttacherState> ctx) {
        return new RemoveTls(ctx.state().clusterResourceId, false);
    }

    // --- front end

    StepResult installFrontEnd(SagaContext<AttacherState> ctx) {
        return deployFrontEnd(ctx, false);
    }

    StepResult reinstallFrontEnd(SagaContext<AttacherState> ctx) {
        return deployFrontEnd(ctx, true);
    }

    private StepResult deployFrontEnd(SagaContext<AttacherState> ctx, boolean fresh) {
        AttacherState s = ctx.state();
        if (s.endpointDeadline == null) {
            if (fresh) {
                frontEnd.remove(s.clusterResourceId);
            }
            String dnsLabel = s.tls != null ? s.tls.dnsLabel() : null;
            frontEnd.install(s.clusterResourceId, new FrontEnd.Spec(config.frontEndVersion(),
                    s.purpose != null && s.purpose.isProduction() ? 3 : 1, s.internal(), s.loadBalancerSubnet,
                    dnsLabel, s.tlsWanted()));
            s.endpointDeadline = ctx.now().plus(config.endpointTimeout());
        }
        Optional<FrontEnd.Endpoint> endpoint = frontEnd.endpoint(s.clusterResourceId, s.internal());
        if (endpoint.isPresent()) {
            s.endpoint = endpoint.get();
            return StepResult.done("scoring endpoint " + (s.internal() ? "(internal) " : "") + endpoint.get().ip());
        }
        if (ctx.now().isAfter(s.endpointDeadline)) {
            return StepResult.fail(ErrorCode.AzureError, "the load balancer of the scoring endpoint got no "
                    + (s.internal() ? "address in subnet " + s.loadBalancerSubnet : "public IP") + " within "
                    + config.endpointTimeout().toSeconds() + " s");
        }
        return StepResult.waitFor(POLL, "waiting for the load balancer's " + (s.internal() ? "internal" : "public")
                + " address");
    }

    StepResult removeFrontEnd(SagaContext<AttacherState> ctx) {
        try {
            frontEnd.remove(ctx.state().clusterResourceId);
        } catch (ManagementException e) {
            if (e.getResponse() != null && e.getResponse().getStatusCode() == 404) {
                return StepResult.done("the cluster no longer exists");
            }
            throw e;
        }
        return StepResult.done("front end removed");
    }

    // --- registry

    StepResult register(SagaContext<AttacherState> ctx) {
        AttacherState s = ctx.state();
        Compute c = registry.find(ctx.workspace(), ctx.computeName()).orElseThrow();
        c.operationId = ctx.operationId();
        c.clusterResourceId = s.clusterResourceId;
        c.clusterPurpose = s.purpose == null ? c.clusterPurpose : s.purpose.name();
        c.loadBalancerType = s.loadBalancerType.name();
        c.loadBalancerSubnet = s.internal() ? s.loadBalancerSubnet : null;
        if (s.cluster != null) {
            c.location = s.cluster.location();
            c.kubernetesVersion = s.cluster.kubernetesVersion();
            c.agentCount = s.cluster.agentCount();
            c.agentVmSize = s.cluster.agentVmSize();
        }
        if (s.tls != null) {
            c.sslStatus = s.tls.status().name();
            c.certificateRef = s.tls.certificateRef();
            c.cname = s.tls.cname();
            c.fqdn = s.tls.fqdn() != null ? s.tls.fqdn() : s.tls.cname();
            c.leafDomainLabel = s.ssl.leafDomainLabel();
        } else if (!s.tlsWanted()) {
            c.sslStatus = SslStatus.Disabled.name();
            c.fqdn = s.endpoint != null ? s.endpoint.hostname() : null;
        }
        c.endpointIp = s.endpoint != null ? s.endpoint.ip() : c.endpointIp;
        c.componentVersion = config.frontEndVersion();
        c.description = s.description != null ? s.description : c.description;
        c.provisioningState = Compute.SUCCEEDED;
        c.provisioningErrors = null;
        c.modifiedOn = ctx.now();
        return StepResult.done("compute " + ctx.computeName() + " is ready");
    }

    /** Loads the compute an operation acts on into the state. */
    StepResult findCompute(SagaContext<AttacherState> ctx) {
        Optional<Compute> found = registry.find(ctx.workspace(), ctx.computeName())
                .filter(c -> Compute.SUCCEEDED.equals(c.provisioningState) || c.operationId.equals(ctx.operationId()));
        if (found.isEmpty()) {
            return StepResult.fail(ErrorCode.ComputeNotFound, "there is no compute " + ctx.computeName()
                    + " in workspace " + ctx.workspace());
        }
        Compute c = found.get();
        AttacherState s = ctx.state();
        s.clusterResourceId = c.clusterResourceId;
        s.purpose = c.clusterPurpose == null ? null : ClusterPurpose.valueOf(c.clusterPurpose);
        s.previousSsl = currentSsl(c);
        if (s.loadBalancerType == null) {
            s.loadBalancerType = LoadBalancerType.valueOf(c.loadBalancerType);
            s.loadBalancerSubnet = c.loadBalancerSubnet;
        } else if (s.internal() && s.loadBalancerSubnet == null) {
            s.loadBalancerSubnet = c.loadBalancerSubnet != null ? c.loadBalancerSubnet : config.defaultInternalSubnet();
        }
        if (!s.tlsChanged) {
            s.ssl = s.previousSsl;
        }
        if (s.tlsWanted() && s.internal()) {
            return StepResult.fail(ErrorCode.ValidationFailed, "TLS is not supported together with the internal "
                    + "load balancer; compute " + ctx.computeName() + " would have both. Disable TLS "
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

    ComputeSnapshot snapshot(SagaContext<AttacherState> ctx) {
        return registry.find(ctx.workspace(), ctx.computeName()).map(ComputeRegistry::snapshot).orElse(null);
    }

    private String location(SagaContext<AttacherState> ctx) {
        AttacherState s = ctx.state();
        if (s.cluster != null) {
            return s.cluster.location();
        }
        return registry.find(ctx.workspace(), ctx.computeName()).map(c -> c.location).orElse(null);
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

    private static String describe(Compute c) {
        return c.clusterResourceId != null ? "attached to " + c.clusterResourceId
                : "being set up by operation " + c.operationId;
    }
}
