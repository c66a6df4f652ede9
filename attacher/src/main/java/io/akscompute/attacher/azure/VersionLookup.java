package io.akscompute.attacher.azure;

import com.azure.resourcemanager.containerservice.ContainerServiceManager;
import com.azure.resourcemanager.containerservice.models.KubernetesVersion;
import io.akscompute.attacher.domain.SupportedVersions;
import io.akscompute.common.contract.LocationVersions;
import io.akscompute.common.rules.KubernetesVersions;
import io.akscompute.common.versions.VersionCache;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The Kubernetes versions a region supports: from version-catalog's {@code aks.versions} (event-carried, so
 * attach works while version-catalog is down), or from ARM directly for a region the catalog has not
 * published yet.
 */
@ApplicationScoped
public class VersionLookup {

    @Inject
    VersionCache cache;

    @Inject
    ContainerServiceManager aks;

    public SupportedVersions supported(String location) {
        Optional<LocationVersions> catalog = cache.get(location);
        if (catalog.isPresent()) {
            List<String> versions = KubernetesVersions.supportedVersions(catalog.get());
            Set<String> previews = new HashSet<>();
            versions.stream().filter(v -> KubernetesVersions.isPreview(catalog.get(), v)).forEach(previews::add);
            return new SupportedVersions(location, versions, Set.copyOf(previews));
        }
        return fromAzure(location);
    }

    private SupportedVersions fromAzure(String location) {
        List<String> versions = new ArrayList<>();
        Set<String> previews = new HashSet<>();
        for (KubernetesVersion minor : aks.serviceClient().getManagedClusters().listKubernetesVersions(location)
                .values()) {
            if (minor.patchVersions() == null) {
                continue;
            }
            for (String patch : minor.patchVersions().keySet()) {
                versions.add(patch);
                if (Boolean.TRUE.equals(minor.isPreview())) {
                    previews.add(patch);
                }
            }
        }
        versions.sort(KubernetesVersions.ORDER.reversed());
        return new SupportedVersions(location, List.copyOf(versions), Set.copyOf(previews));
    }
}
