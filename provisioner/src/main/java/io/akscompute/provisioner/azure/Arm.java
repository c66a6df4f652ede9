package io.akscompute.provisioner.azure;

import com.azure.resourcemanager.containerservice.ContainerServiceManager;
import com.azure.resourcemanager.containerservice.fluent.models.AgentPoolInner;
import com.azure.resourcemanager.containerservice.fluent.models.ManagedClusterInner;
import com.azure.resourcemanager.resources.ResourceManager;
import io.akscompute.common.azure.AzureFailures;
import io.akscompute.common.azure.Lro;
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

    public String subscriptionId() {
        return aks.serviceClient().getSubscriptionId();
    }

    /** The location's versions; empty when ARM knows no versions there (an unknown location). */
    public List<DefaultVersion.Minor> kubernetesVersions(String location) {
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

    /** Sends the PUT of the cluster (once); returns the URL to poll. */
    public String beginCreate(String resourceGroup, String name, ClusterSpec spec) {
        return Lro.begin(aks.serviceClient().getManagedClusters().createOrUpdateWithResponseAsync(resourceGroup, name,
                spec.body(subscriptionId()), null, null));
    }

    public String beginDelete(String resourceGroup, String name) {
        return Lro.begin(aks.serviceClient().getManagedClusters().deleteWithResponseAsync(resourceGroup, name, null));
    }

    /** Sends the PUT of the node pool with its new count (once); returns the URL to poll. */
    public String beginScale(String resourceGroup, String cluster, String pool, int count) {
        AgentPoolInner body = aks.serviceClient().getAgentPools().get(resourceGroup, cluster, pool).withCount(count);
        return Lro.begin(aks.serviceClient().getAgentPools().createOrUpdateWithResponseAsync(resourceGroup, cluster,
                pool, body, null, null));
    }

    public Lro.Status status(String url) {
        return Lro.poll(aks.serviceClient().getHttpPipeline(), url);
    }
}
