package io.akscompute.versioncatalog.rest;

import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** {@code GET /versions/{version}/supported}: what an attach or create check needs. */
@Schema(description = "Whether a location offers a Kubernetes version")
public record SupportedAnswer(
        String location,
        @Schema(example = "1.32.7") String version,
        boolean supported,
        @Schema(description = "The patch version it stands for (a minor version means its newest patch)")
        String resolvedVersion,
        @Schema(description = "When not supported: every version the location offers, newest first")
        List<String> supportedVersions,
        String message,
        Instant fetchedAt,
        boolean stale) {
}
