package io.akscompute.common.azure;

import com.azure.resourcemanager.containerservice.ContainerServiceManager;
import io.akscompute.common.contract.LocationVersions;
import io.akscompute.common.contract.LocationVersions.VmSize;
import io.akscompute.common.rules.Locations;
import io.akscompute.common.versions.VersionCache;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;

/**
 * The VM sizes a location offers: from version-catalog's {@code aks.versions} (event-carried, so it answers while
 * version-catalog is down), or from ARM's Resource SKUs for a location the catalog has no sizes of yet.
 * Blocking: called from saga steps only.
 */
@ApplicationScoped
public class VmSizeLookup {

    @Inject
    VersionCache cache;

    @Inject
    ContainerServiceManager arm;

    public List<VmSize> offered(String location) {
        String normalized = Locations.normalize(location);
        List<VmSize> cached = cache.get(normalized).map(LocationVersions::vmSizes).orElse(List.of());
        return cached.isEmpty() ? ResourceSkus.virtualMachines(arm, normalized) : cached;
    }
}
