package io.akscompute.versioncatalog.rest;

import io.akscompute.versioncatalog.service.VersionSync;
import io.smallrye.common.annotation.NonBlocking;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

/** The VM sizes of a location, kept beside its versions and answered the same way (in memory, synced on first use). */
@Path("/vmsizes")
@Tag(name = "versions", description = "Kubernetes versions Azure offers for AKS, per location")
public class VmSizesResource {

    @Inject
    VersionSync sync;

    @GET
    @Operation(summary = "VM sizes a location offers",
            description = "Each size with vCPUs, memory (GiB) and, when the subscription may not use it there, the "
                    + "restriction Azure names (e.g. NotAvailableForSubscription). From Azure's Resource SKUs; "
                    + "what create, attach and scale check a size against.")
    @APIResponse(responseCode = "200", description = "location, fetchedAt, stale, vmSizes")
    @APIResponse(responseCode = "400", description = "Location missing, malformed or not offering AKS",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "503", description = "Location not known yet and Azure cannot be reached",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ApiError.class)))
    @NonBlocking
    @FirstRequestSync
    public RestResponse<?> vmSizes(
            @Parameter(description = "Azure location name", example = "westus") @QueryParam("location") String location) {
        return Answers.withView(sync, location, view -> {
            var rendered = view.vmSizesJson();
            return RestResponse.ResponseBuilder.ok(rendered.body(), VersionsResource.JSON)
                    .header(HttpHeaders.ETAG, rendered.etag()).build();
        });
    }
}
