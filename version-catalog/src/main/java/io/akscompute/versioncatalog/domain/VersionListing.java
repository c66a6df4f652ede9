package io.akscompute.versioncatalog.domain;

import io.akscompute.common.contract.LocationVersions;
import io.akscompute.common.contract.LocationVersions.MinorVersion;
import io.akscompute.common.contract.LocationVersions.PatchVersion;
import io.akscompute.common.rules.KubernetesVersions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * {@code GET /versions} as JSON: one entry per patch version, newest first, as the table lists them.
 *
 * @param fetchedAt when Azure last answered for this location
 * @param stale     true when the last attempt to reach Azure failed and this is the last good catalog
 */
@Schema(description = "The Kubernetes versions a location offers for AKS")
public record VersionListing(
        @Schema(example = "westus") String location,
        Instant fetchedAt,
        @Schema(description = "true when Azure could not be reached on the last sync; the versions are the last good ones")
        boolean stale,
        @Schema(description = "The version a create uses when it names none", example = "1.32.7")
        String defaultVersion,
        List<Version> versions) {

    @Schema(description = "One patch version")
    public record Version(
            @Schema(example = "1.32.7") String version,
            @Schema(example = "1.32") String minorVersion,
            boolean isPreview,
            boolean isDefault,
            @Schema(description = "KubernetesOfficial and/or AKSLongTermSupport") List<String> supportPlan,
            @Schema(description = "Versions a cluster on this version can upgrade to, oldest first")
            List<Upgrade> upgrades) {
    }

    public record Upgrade(String version, boolean isPreview) {
    }

    public static VersionListing of(LocationVersions catalog, boolean stale) {
        List<Version> versions = new ArrayList<>();
        for (MinorVersion minor : catalog.versions()) {
            for (PatchVersion patch : minor.patchVersions()) {
                List<Upgrade> upgrades = patch.upgrades().stream()
                        .map(u -> new Upgrade(u, KubernetesVersions.isPreview(catalog, u))).toList();
                versions.add(new Version(patch.version(), minor.version(), minor.isPreview(), patch.isDefault(),
                        minor.supportPlan(), upgrades));
            }
        }
        versions.sort(Comparator.comparing(Version::version, KubernetesVersions.ORDER).reversed());
        return new VersionListing(catalog.location(), catalog.fetchedAt(), stale, catalog.defaultVersion(),
                List.copyOf(versions));
    }
}
