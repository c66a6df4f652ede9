package io.akscompute.provisioner.azure;

import com.azure.resourcemanager.containerservice.ContainerServiceManager;
import com.azure.resourcemanager.containerservice.fluent.models.AgentPoolInner;
import com.azure.resourcemanager.containerservice.fluent.models.ManagedClusterInner;
import com.azure.resourcemanager.resources.ResourceManager;
import io.akscompute.common.azure.AzureFailures;
import io.akscompute.common.azure.Lro;
import io.akscompute.common.versions.VersionCache;
import io.akscompute.provisioner.domain.ClusterTags;
import io.akscompute.provisioner.domain.DefaultVersion;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The ARM calls of the provisioner. A long-running operation is started once and its operation URL returned
 * ({@link Lro}): the saga keeps it and polls it on later runs, so a restart resumes the same operation.
 */
@ApplicationScoped
public class Arm {

    @Inject
    ContainerServiceManager aks;

    @Inject
    ResourceManager resources;

    @Inject
    VersionCache catalog;

    public String subscriptionId() {
        return aks.serviceClient().getSubscriptionId();
    }

    /**
     * The version a create uses in the location: version-catalog's ({@code aks.versions}, the same rule,
     * event-carried), or from ARM's list for a location the catalog lacks; empty when neither knows one.
     */
    public Optional<String> defaultVersion(String location) {
        Optional<String> known = catalog.defaultVersion(location);
        return known.isPresent() ? known : DefaultVersion.of(kubernetesVersions(location));
    }

    /** The location's versions; empty when ARM knows no versions there (an unknown location). */
    private List<DefaultVersion.Minor> kubernetesVersions(String location) {
        try {
            var list = aks.serviceClient().getManagedClusters().listKubernetesVersions(location);
            if (list == null || list.values() == null) {
                return List.of();
            }
            return list.values().stream().map(v -> new DefaultVersion.Minor(v.version(),
                    Boolean.TRUE.equals(v.isDefault()), v.patchVersions() == null ? List.of()
                            : v.patchVersions().keySet())).toList();
        } catch (RuntimeException e) {
            if (AzureFailures.isNotFound(e)) {
                return List.of();
            }
            throw e;
        }
    }

    /** Creates the resource group when missing; true when it did. */
    public boolean ensureResourceGroup(String name, String location, Map<String, String> tags) {
        if (resources.resourceGroups().contain(name)) {
            return false;
        }
        resources.resourceGroups().define(name).withRegion(location).withTags(tags).create();
        return true;
    }

    public Optional<ManagedClusterInner> cluster(String resourceGroup, String name) {
        try {
            return Optional.ofNullable(aks.serviceClient().getManagedClusters().getByResourceGroup(resourceGroup, name));
        } catch (RuntimeException e) {
            if (AzureFailures.isNotFound(e)) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /** Clusters of the subscription that akscompute tagged as its own, at most {@code limit}. */
    public List<ManagedClusterInner> clustersMadeByAkscompute(int limit) {
        return aks.serviceClient().getManagedClusters().list().stream()
                .filter(c -> ClusterTags.madeByAkscompute(c.tags())).limit(limit).toList();
    }

    /** Starts deleting a cluster and does not wait for it (the orphan sweep). */
    public void startDelete(String clusterResourceId) {
        String[] p = clusterResourceId.split("/");
        beginDelete(p[4], p[8]);
    }

    /**
     * Sends the PUT of the cluster (once) as a create only ({@code If-None-Match: *}): returns the URL to poll and
     * when to, or empty when a cluster of that name exists, which the PUT then left as it was.
     */
    public Optional<Lro.Begun> beginCreate(String resourceGroup, String name, ClusterSpec spec) {
        try {
            return Optional.of(Lro.begin(aks.serviceClient().getManagedClusters().createOrUpdateWithResponseAsync(
                    resourceGroup, name, spec.body(subscriptionId()), null, "*")));
        } catch (RuntimeException e) {
            if (AzureFailures.isPreconditionFailed(e)) {
                return Optional.empty();
            }
            throw e;
        }
    }

    public Lro.Begun beginDelete(String resourceGroup, String name) {
        return Lro.begin(aks.serviceClient().getManagedClusters().deleteWithResponseAsync(resourceGroup, name, null));
    }

    public AgentPoolInner agentPool(String resourceGroup, String cluster, String pool) {
        return aks.serviceClient().getAgentPools().get(resourceGroup, cluster, pool);
    }

    /** Sends the PUT of the node pool as read, with its new count (once); returns the URL to poll and when to. */
    public Lro.Begun beginScale(String resourceGroup, String cluster, AgentPoolInner pool, int count) {
        return Lro.begin(aks.serviceClient().getAgentPools().createOrUpdateWithResponseAsync(resourceGroup, cluster,
                pool.name(), pool.withCount(count), null, null));
    }

    public Lro.Status status(String url) {
        return Lro.poll(aks.serviceClient().getHttpPipeline(), url);
    }
}
