package io.akscompute.versioncatalog.rest;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The body of every 4xx/5xx answer. */
@Schema(description = "What went wrong and how to fix it")
public record ApiError(
        @Schema(example = "UnknownLocation") String code,
        String message,
        @Schema(description = "Locations this service already knows (a starting point; Azure has more)")
        List<String> knownLocations) {
}
