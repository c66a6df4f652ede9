package io.akscompute.provisioner.saga;

import com.azure.core.management.exception.ManagementException;
import com.azure.resourcemanager.containerservice.fluent.models.AgentPoolInner;
import com.azure.resourcemanager.containerservice.fluent.models.ManagedClusterInner;
import com.azure.resourcemanager.containerservice.models.AgentPoolMode;
import com.azure.resourcemanager.containerservice.models.AgentPoolType;
import com.azure.resourcemanager.containerservice.models.ContainerServiceNetworkProfile;
import com.azure.resourcemanager.containerservice.models.LoadBalancerSku;
import com.azure.resourcemanager.containerservice.models.ManagedClusterAgentPoolProfile;
import com.azure.resourcemanager.containerservice.models.ManagedClusterIdentity;
import com.azure.resourcemanager.containerservice.models.NetworkPlugin;
import com.azure.resourcemanager.containerservice.models.OSType;
import com.azure.resourcemanager.containerservice.models.ResourceIdentityType;
import io.akscompute.common.azure.AzureFailures;
import io.akscompute.common.contract.ErrorCode;
import io.akscompute.common.contract.event.ComputeSnapshot;
import io.akscompute.common.contract.event.Detail;
import io.akscompute.common.contract.model.AksNetworkingConfiguration;
import io.akscompute.common.contract.model.ClusterPurpose;
import io.akscompute.common.contract.saga.ConfigureTls;
import io.akscompute.common.contract.saga.RecordScale;
import io.akscompute.common.contract.saga.RegisterCreated;
import io.akscompute.common.contract.saga.ReleaseName;
import io.akscompute.common.contract.saga.RemoveTls;
import io.akscompute.common.contract.saga.ReserveName;
import io.akscompute.common.contract.saga.SagaReply;
import io.akscompute.common.contract.saga.TlsConfigured;
import io.akscompute.common.contract.saga.UnregisterCreated;
import io.akscompute.common.saga.SagaContext;
import io.akscompute.common.saga.SagaDefinition;
import io.akscompute.common.saga.StepResult;
import io.akscompute.provisioner.azure.Arm;
import io.akscompute.provisioner.config.ProvisionerConfig;
import io.akscompute.provisioner.domain.AzureErrors;
import io.akscompute.provisioner.domain.ClusterTags;
import io.akscompute.provisioner.domain.DefaultVersion;
import io.akscompute.provisioner.domain.ScaleRules;
import io.akscompute.provisioner.persistence.CreatedCluster;
import io.akscompute.provisioner.persistence.CreatedClusters;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The steps of the provisioner's sagas; each is safe to run again after a crash. */
@ApplicationScoped
public class ProvisionerSteps {
    /** lroHandle of a create whose PUT went out before a crash kept its URL: the cluster itself is watched. */
    static final String WATCH_CLUSTER = "watch-cluster";

    @Inject
    Arm arm;

    @Inject
    CreatedClusters clusters;

    @Inject
    ProvisionerConfig config;

    // --- name (attacher)

    Object reserveName(SagaContext<ProvisionerState> ctx) {
        return new ReserveName(ctx.state().location, ctx.state().description);
    }

    Object releaseName(SagaContext<ProvisionerState> ctx) {
        return new ReleaseName("CreateCluster " + ctx.operationId() + " failed");
    }

    // --- version

    StepResult pickVersion(SagaContext<ProvisionerState> ctx) {
        ProvisionerState s = ctx.state();
        Optional<String> version;
        try {
            version = DefaultVersion.of(arm.kubernetesVersions(s.location));
        } catch (ManagementException e) {
            if (e.getResponse() != null && e.getResponse().getStatusCode() < 500 && e.getResponse().getStatusCode() != 429
                    && e.getResponse().getStatusCode() != 404) {
                return AzureErrors.translate(code(e), message(e), "the Kubernetes versions of " + s.location);
            }
            if (e.getResponse() != null && e.getResponse().getStatusCode() == 404) {
                version = Optional.empty();
            } else {
                throw e;
            }
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
        } catch (ManagementException e) {
            return translated(e, "the resource group " + s.resourceGroup);
        }
    }

    // --- cluster

    StepResult createCluster(SagaContext<ProvisionerState> ctx) {
        ProvisionerState s = ctx.state();
        String what = "the AKS cluster " + s.clusterName;
        if (ctx.lroHandle() == null) {
            Optional<ManagedClusterInner> existing = arm.cluster(s.resourceGroup, s.clusterName);
            if (existing.isPresent() && !ClusterTags.createdBy(existing.get().tags(), ctx.workspace(),
                    ctx.computeName(), ctx.operationId())) {
                return StepResult.fail(ErrorCode.ComputeAlreadyExists, "an AKS cluster named " + s.clusterName
                        + " already exists in resource group " + s.resourceGroup + " and was not created by this "
                        + "operation; attach it, or create the compute under another name");
            }
            s.clusterResourceId = resourceId(s);
            clusters.record(row(ctx));
            s.lroStartedAt = ctx.now();
            if (existing.isPresent()) {
                // Our PUT went out before a restart but its URL was not kept: watch the cluster, never PUT again.
                ctx.lroHandle(WATCH_CLUSTER);
                return StepResult.waitFor(config.pollInterval(), "resuming: Azure is creating " + what);
            }
            try {
                ctx.lroHandle(arm.beginCreate(s.resourceGroup, s.clusterName, cluster(ctx)));
            } catch (ManagementException e) {
                return translated(e, what);
            }
            return StepResult.waitFor(config.pollInterval(), "Azure accepted " + what + " (" + s.agentCount + " x "
                    + s.agentVmSize + ", Kubernetes " + s.kubernetesVersion + ")");
        }
        if (!WATCH_CLUSTER.equals(ctx.lroHandle()) && !Arm.DONE.equals(ctx.lroHandle())) {
            Arm.LroStatus status = arm.status(ctx.lroHandle());
            if (status.throttled()) {
                return StepResult.retry(status.retryAfter(), "Azure answered " + status.code()
                        + " while polling the creation");
            }
            if (status.running()) {
                return provisioning(ctx, what);
            }
            if (!status.succeeded()) {
                return AzureErrors.translate(status.code(), status.message(), "the creation of " + what);
            }
        }
        Optional<ManagedClusterInner> cluster = arm.cluster(s.resourceGroup, s.clusterName);
        if (cluster.isEmpty()) {
            return StepResult.fail(ErrorCode.AzureError, what + " vanished while it was being created");
        }
        String state = cluster.get().provisioningState();
        if ("Creating".equalsIgnoreCase(state) || "Updating".equalsIgnoreCase(state)) {
            return provisioning(ctx, what);
        }
        if (!"Succeeded".equalsIgnoreCase(state)) {
            return StepResult.fail(ErrorCode.AzureError, what + " ended " + state);
        }
        ManagedClusterInner c = cluster.get();
        s.clusterResourceId = c.id();
        s.kubernetesVersion = c.currentKubernetesVersion() != null ? c.currentKubernetesVersion()
                : c.kubernetesVersion();
        clusters.find(ctx.workspace(), ctx.computeName()).ifPresent(row -> {
            row.status = CreatedCluster.SUCCEEDED;
            row.clusterResourceId = c.id();
            row.kubernetesVersion = s.kubernetesVersion;
            row.updatedAt = ctx.now();
        });
        return StepResult.done(what + " is ready (" + c.fqdn() + ")");
    }

    private StepResult provisioning(SagaContext<ProvisionerState> ctx, String what) {
        ProvisionerState s = ctx.state();
        long seconds = s.lroStartedAt == null ? 0 : Duration.between(s.lroStartedAt, ctx.now()).toSeconds();
        return StepResult.waitFor(config.pollInterval(), "Azure is provisioning " + what + " (" + seconds
                + " s so far; it usually takes about 10 minutes)");
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
        Optional<ManagedClusterInner> cluster = arm.cluster(row.resourceGroup, row.clusterName);
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
        if (ctx.lroHandle() == null) {
            String state = cluster.get().provisioningState();
            if ("Creating".equalsIgnoreCase(state) || "Updating".equalsIgnoreCase(state)) {
                // Azure takes one change at a time: delete once the running operation ends.
                return StepResult.waitFor(config.pollInterval(), what + " is still " + state + "; deleting it after");
            }
            try {
                ctx.lroHandle(arm.beginDelete(row.resourceGroup, row.clusterName));
            } catch (ManagementException e) {
                if (e.getResponse() != null && e.getResponse().getStatusCode() == 409) {
                    return StepResult.waitFor(config.pollInterval(), what + " is busy; deleting it after");
                }
                throw e;
            }
            row.status = CreatedCluster.DELETING;
            row.updatedAt = ctx.now();
        }
        return StepResult.waitFor(config.pollInterval(), "Azure is deleting " + what);
    }

    // --- TLS (tls-manager)

    Object tlsRequest(SagaContext<ProvisionerState> ctx) {
        ProvisionerState s = ctx.state();
        return new ConfigureTls(s.clusterResourceId, s.location, s.ssl, s.loadBalancerType);
    }

    StepResult onTls(SagaContext<ProvisionerState> ctx, SagaReply reply) {
        if (!reply.succeeded()) {
            return SagaDefinition.defaultReply(ctx, reply);
        }
        TlsConfigured tls = SagaDefinition.result(reply, TlsConfigured.class);
        ctx.state().tls = tls;
        return StepResult.done("certificate for " + (tls.fqdn() != null ? tls.fqdn() : tls.cname())
                + " written to the cluster");
    }

    /** The certificate was issued or imported for this cluster alone: it goes with it. */
    Object dropTls(SagaContext<ProvisionerState> ctx) {
        return new RemoveTls(ctx.state().clusterResourceId, true);
    }

    // --- registry (attacher)

    Object registerRequest(SagaContext<ProvisionerState> ctx) {
        ProvisionerState s = ctx.state();
        return new RegisterCreated(s.clusterResourceId, s.location, s.kubernetesVersion, s.agentCount, s.agentVmSize,
                s.purpose, s.loadBalancerType, s.loadBalancerSubnet, s.network, s.ssl, s.tls, s.description);
    }

    StepResult onRegistered(SagaContext<ProvisionerState> ctx, SagaReply reply) {
        if (!reply.succeeded()) {
            return SagaDefinition.defaultReply(ctx, reply);
        }
        ComputeSnapshot snapshot = SagaDefinition.result(reply, ComputeSnapshot.class);
        ctx.state().snapshot = snapshot;
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
        List<Detail> violations = ScaleRules.check(s.purpose, c.agentVmSize, s.agentCount, s.requestedVmSize);
        if (!violations.isEmpty()) {
            return StepResult.fail(ErrorCode.ValidationFailed, violations.stream().map(Detail::message)
                    .reduce((a, b) -> a + "; " + b).orElseThrow(), violations);
        }
        return StepResult.done("from " + c.agentCount + " to " + s.agentCount + " x " + c.agentVmSize);
    }

    StepResult scaleNodePool(SagaContext<ProvisionerState> ctx) {
        ProvisionerState s = ctx.state();
        CreatedCluster row = clusters.find(ctx.workspace(), ctx.computeName()).orElseThrow();
        String what = "the node pool " + row.agentPool + " of " + row.clusterName;
        if (ctx.lroHandle() == null) {
            try {
                AgentPoolInner pool = arm.agentPool(row.resourceGroup, row.clusterName, row.agentPool);
                pool.withCount(s.agentCount);
                s.lroStartedAt = ctx.now();
                ctx.lroHandle(arm.beginPoolUpdate(row.resourceGroup, row.clusterName, row.agentPool, pool));
            } catch (ManagementException e) {
                return translated(e, "scaling " + what);
            }
            return StepResult.waitFor(config.pollInterval(), "Azure accepted scaling " + what + " to "
                    + s.agentCount + " nodes");
        }
        if (!Arm.DONE.equals(ctx.lroHandle())) {
            Arm.LroStatus status = arm.status(ctx.lroHandle());
            if (status.throttled()) {
                return StepResult.retry(status.retryAfter(), "Azure answered " + status.code() + " while polling");
            }
            if (status.running()) {
                long seconds = Duration.between(s.lroStartedAt, ctx.now()).toSeconds();
                return StepResult.waitFor(config.pollInterval(), "Azure is scaling " + what + " (" + seconds
                        + " s so far)");
            }
            if (!status.succeeded()) {
                return AzureErrors.translate(status.code(), status.message(), "scaling " + what);
            }
        }
        row.agentCount = s.agentCount;
        row.updatedAt = ctx.now();
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

    private String resourceId(ProvisionerState s) {
        return "/subscriptions/" + arm.subscriptionId() + "/resourceGroups/" + s.resourceGroup
                + "/providers/Microsoft.ContainerService/managedClusters/" + s.clusterName;
    }

    /** The managed cluster as Azure ML asks for it: one system pool, the location's default version, our tags. */
    private ManagedClusterInner cluster(SagaContext<ProvisionerState> ctx) {
        ProvisionerState s = ctx.state();
        ManagedClusterAgentPoolProfile pool = new ManagedClusterAgentPoolProfile().withName(config.agentPool())
                .withCount(s.agentCount).withVmSize(s.agentVmSize).withMode(AgentPoolMode.SYSTEM)
                .withOsType(OSType.LINUX).withType(AgentPoolType.VIRTUAL_MACHINE_SCALE_SETS);
        ContainerServiceNetworkProfile network = new ContainerServiceNetworkProfile()
                .withLoadBalancerSku(LoadBalancerSku.fromString(config.loadBalancerSku()));
        AksNetworkingConfiguration n = s.network;
        if (n != null && n.subnetName() != null) {
            pool.withVnetSubnetId("/subscriptions/" + arm.subscriptionId() + "/resourceGroups/"
                    + n.vnetResourceGroupName() + "/providers/Microsoft.Network/virtualNetworks/" + n.vnetName()
                    + "/subnets/" + n.subnetName());
            network.withNetworkPlugin(NetworkPlugin.AZURE).withServiceCidr(n.serviceCidr())
                    .withDnsServiceIp(n.dnsServiceIp());
        } else {
            network.withNetworkPlugin(NetworkPlugin.KUBENET);
        }
        return new ManagedClusterInner().withLocation(s.location)
                .withTags(ClusterTags.of(s.tags, ctx.workspace(), ctx.computeName(), ctx.operationId()))
                .withIdentity(new ManagedClusterIdentity().withType(ResourceIdentityType.SYSTEM_ASSIGNED))
                .withDnsPrefix(s.clusterName).withKubernetesVersion(s.kubernetesVersion)
                .withAgentPoolProfiles(List.of(pool)).withNetworkProfile(network);
    }

    /** Policy and quota refusals said for people; throttling and server errors retried (AzureFailures). */
    private static StepResult translated(ManagementException e, String what) {
        StepResult classified = AzureFailures.classify(e);
        if (classified instanceof StepResult.Retry) {
            return classified;
        }
        return AzureErrors.translate(code(e), message(e), what);
    }

    private static String code(ManagementException e) {
        return e.getValue() != null ? e.getValue().getCode() : String.valueOf(e.getResponse().getStatusCode());
    }

    private static String message(ManagementException e) {
        return e.getValue() != null ? e.getValue().getMessage() : e.getMessage();
    }

}
