package io.akscompute.common.contract;

import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * version-catalog's {@code GET /versions} as JSON: one entry per patch version, newest first, as the table lists
 * them. The client reads it as this record; the annotations only describe it in the service's OpenAPI document.
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
}
