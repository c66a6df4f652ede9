package io.akscompute.versioncatalog.azure;

import io.akscompute.common.contract.LocationVersions;
import io.akscompute.versioncatalog.domain.VersionTable;

/**
 * A location's catalog as Azure just answered it.
 *
 * @param sourceApi {@link #CURRENT_API} or {@link #LEGACY_API}
 */
public record FetchedVersions(LocationVersions catalog, String sourceApi) {
    public static final String CURRENT_API = "kubernetesVersions";
    public static final String LEGACY_API = VersionTable.ORCHESTRATORS_API;
}
