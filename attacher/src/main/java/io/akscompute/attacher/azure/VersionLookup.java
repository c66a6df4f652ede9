package io.akscompute.attacher.azure;

import com.azure.resourcemanager.containerservice.ContainerServiceManager;
import com.azure.resourcemanager.containerservice.fluent.models.KubernetesVersionListResultInner;
import com.azure.resourcemanager.containerservice.models.KubernetesVersion;
import io.akscompute.attacher.domain.SupportedVersions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** The Kubernetes versions ARM offers in a region, as attach needs them (patch versions, previews). */
@ApplicationScoped
public class VersionLookup {

    @Inject
    ContainerServiceManager aks;

    public SupportedVersions supported(String location) {
        KubernetesVersionListResultInner result = aks.serviceClient().getManagedClusters()
                .listKubernetesVersions(location);
        List<String> versions = new ArrayList<>();
        Set<String> previews = new HashSet<>();
        for (KubernetesVersion minor : result.values()) {
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
        versions.sort(VersionLookup::compareVersions);
        return new SupportedVersions(location, List.copyOf(versions), Set.copyOf(previews));
    }

    static int compareVersions(String a, String b) {
        String[] x = a.split("\\.");
        String[] y = b.split("\\.");
        for (int i = 0; i < Math.min(x.length, y.length); i++) {
            int c = Integer.compare(Integer.parseInt(x[i]), Integer.parseInt(y[i]));
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(x.length, y.length);
    }
}
