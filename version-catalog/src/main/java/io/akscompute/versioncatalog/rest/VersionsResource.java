package io.akscompute.versioncatalog.rest;

import io.akscompute.common.versions.KubernetesVersions;
import io.akscompute.versioncatalog.config.VersionCatalogConfig;
import io.akscompute.versioncatalog.domain.Locations;
import io.akscompute.versioncatalog.domain.VersionListing;
import io.akscompute.versioncatalog.service.CatalogView;
import io.akscompute.versioncatalog.service.SyncResult;
import io.akscompute.versioncatalog.service.VersionSync;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The Kubernetes versions of a location, answered from the in-memory catalog (no database or Azure call once a
 * location is known). A location not known yet is synced from Azure on first request.
 */
@Path("/versions")
@Tag(name = "versions", description = "Kubernetes versions Azure offers for AKS, per location")
public class VersionsResource {
    // Parsed once: a media type given as a string is parsed again on every response.
    static final MediaType TEXT = MediaType.valueOf(MediaType.TEXT_PLAIN + ";charset=utf-8");
    static final MediaType JSON = MediaType.APPLICATION_JSON_TYPE;

    @Inject
    VersionSync sync;

    @Inject
    VersionCatalogConfig config;

    private String cacheControl;

    @GET
    // No @Produces: the representation is chosen here (output= or Accept) and its type set on the response;
    // negotiating between two declared types on every request costs a third of the throughput.
    @Operation(summary = "Versions a location offers",
            description = "Each patch version with its upgrades, preview flag, default flag and support plan. "
                    + "As text (Accept: text/plain or output=table) exactly the table `az aks get-versions -l <location> "
                    + "-o table` prints. When Azure cannot be reached the last good catalog is served with stale=true.")
    @APIResponse(responseCode = "200", description = "The catalog", content = {
            @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = VersionListing.class)),
            @Content(mediaType = MediaType.TEXT_PLAIN, schema = @Schema(type = SchemaType.STRING,
                    example = "KubernetesVersion    Upgrades\n-------------------  ----------------\n1.16.13              1.17.7, 1.17.9\n"))})
    @APIResponse(responseCode = "304", description = "Unchanged since the ETag given in If-None-Match")
    @APIResponse(responseCode = "400", description = "Location missing, malformed or not offering AKS",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "503", description = "Location not known yet and Azure cannot be reached",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ApiError.class)))
    public Uni<Response> versions(
            @Parameter(description = "Azure location name", example = "westus") @QueryParam("location") String location,
            @Parameter(description = "json (default) or table") @QueryParam("output") String output,
            @HeaderParam(HttpHeaders.ACCEPT) String accept,
            @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch) {
        Optional<Boolean> table = wantsTable(output, accept);
        if (table.isEmpty()) {
            return Uni.createFrom().item(error(400, "InvalidOutput",
                    "output must be json or table, not '" + output + "'"));
        }
        return withView(location, view -> represent(table.get() ? view.table() : view.json(), table.get(),
                ifNoneMatch));
    }

    @GET
    @Path("/default")
    @Operation(summary = "The version a create uses",
            description = "The default Kubernetes version of the location (what a create without version gets). "
                    + "As text, the table `az aks get-versions --query \"orchestrators[?default == `true`].orchestratorVersion\" -o table` prints.")
    @APIResponse(responseCode = "200", description = "location, defaultVersion, fetchedAt, stale")
    @APIResponse(responseCode = "400", description = "Location missing, malformed or not offering AKS",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ApiError.class)))
    public Uni<Response> defaultVersion(
            @Parameter(description = "Azure location name", example = "westus") @QueryParam("location") String location,
            @Parameter(description = "json (default) or table") @QueryParam("output") String output,
            @HeaderParam(HttpHeaders.ACCEPT) String accept,
            @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch) {
        Optional<Boolean> table = wantsTable(output, accept);
        if (table.isEmpty()) {
            return Uni.createFrom().item(error(400, "InvalidOutput",
                    "output must be json or table, not '" + output + "'"));
        }
        return withView(location, view -> represent(table.get() ? view.defaultTable() : view.defaultJson(),
                table.get(), ifNoneMatch));
    }

    @GET
    @Path("/{version}/supported")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Whether a location offers a version",
            description = "A patch version (1.32.7) or a minor version (1.32, meaning its newest patch). When it is not "
                    + "offered, the answer lists every version that is.")
    @APIResponse(responseCode = "200", description = "Supported or not",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = SupportedAnswer.class)))
    @APIResponse(responseCode = "400", description = "Location missing, malformed or not offering AKS",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ApiError.class)))
    public Uni<Response> supported(
            @Parameter(description = "Kubernetes version", example = "1.32.7") @PathParam("version") String version,
            @Parameter(description = "Azure location name", example = "westus") @QueryParam("location") String location) {
        return withView(location, view -> {
            var catalog = view.catalog();
            Optional<String> resolved = KubernetesVersions.resolve(catalog, version);
            SupportedAnswer answer = resolved.isPresent()
                    ? new SupportedAnswer(catalog.location(), version, true, resolved.get(), null, null,
                    catalog.fetchedAt(), view.stale())
                    : new SupportedAnswer(catalog.location(), version, false, null,
                    KubernetesVersions.supportedVersions(catalog),
                    "Kubernetes version " + version + " is not supported in " + catalog.location()
                            + "; supported versions: " + String.join(", ", KubernetesVersions.supportedVersions(catalog)),
                    catalog.fetchedAt(), view.stale());
            return Response.ok(answer, JSON).header(HttpHeaders.CACHE_CONTROL, cacheControl()).build();
        });
    }

    private Uni<Response> withView(String rawLocation, Function<CatalogView, Response> answer) {
        if (rawLocation != null) {
            // the common case: a location already spelled as ARM spells it, and known
            Optional<CatalogView> known = sync.view(rawLocation);
            if (known.isPresent()) {
                return Uni.createFrom().item(answer.apply(known.get()));
            }
        }
        String location = Locations.normalize(rawLocation);
        Optional<String> problem = Locations.problem(location);
        if (problem.isPresent()) {
            String message = rawLocation == null || rawLocation.isBlank()
                    ? "query parameter 'location' is required, e.g. ?location=westus; to find valid locations, "
                    + Locations.HOW_TO_FIND
                    : problem.get() + "; to find valid locations, " + Locations.HOW_TO_FIND;
            return Uni.createFrom().item(error(400, "InvalidLocation", message));
        }
        Optional<CatalogView> view = sync.view(location);
        if (view.isPresent()) {
            return Uni.createFrom().item(answer.apply(view.get()));
        }
        if (sync.isKnownUnknown(location)) {
            return Uni.createFrom().item(unknown(location));
        }
        return Uni.createFrom().completionStage(sync.syncAsync(location))
                .ifNoItem().after(config.firstRequestWait()).fail()
                .map(result -> result.view() != null ? answer.apply(result.view()) : failure(result))
                .onFailure().recoverWithItem(e -> error(503, "AzureUnavailable", "the versions of " + location
                        + " are not known yet and Azure did not answer in time; try again shortly"));
    }

    private Response failure(SyncResult result) {
        if (result.outcome() == SyncResult.Outcome.UNKNOWN_LOCATION) {
            return unknown(result.location());
        }
        return Response.status(503).type(JSON).header("Retry-After", "10").entity(new ApiError("AzureUnavailable",
                "the versions of " + result.location() + " are not known yet and Azure failed: " + result.error()
                        + "; try again shortly", sync.knownLocations())).build();
    }

    private Response unknown(String location) {
        return error(400, "UnknownLocation", "Azure does not offer AKS in location '" + location
                + "'; to find valid locations, " + Locations.HOW_TO_FIND);
    }

    private Response error(int status, String code, String message) {
        return Response.status(status).type(JSON).entity(new ApiError(code, message, sync.knownLocations())).build();
    }

    private Response represent(CatalogView.Rendered rendered, boolean table, String ifNoneMatch) {
        if (ifNoneMatch != null && matches(ifNoneMatch, rendered.etag())) {
            return Response.notModified().header(HttpHeaders.ETAG, rendered.etag())
                    .header(HttpHeaders.CACHE_CONTROL, cacheControl()).header(HttpHeaders.VARY, "Accept").build();
        }
        return Response.ok(rendered.body(), table ? TEXT : JSON)
                .header(HttpHeaders.ETAG, rendered.etag())
                .header(HttpHeaders.CACHE_CONTROL, cacheControl())
                .header(HttpHeaders.VARY, "Accept")
                .build();
    }

    private String cacheControl() {
        String value = cacheControl;
        if (value == null) {
            value = "public, max-age=" + config.cacheMaxAge().toSeconds();
            cacheControl = value;
        }
        return value;
    }

    static boolean matches(String ifNoneMatch, String etag) {
        for (String candidate : ifNoneMatch.split(",")) {
            String c = candidate.trim();
            if (c.equals("*") || c.equals(etag) || c.equals("W/" + etag)) {
                return true;
            }
        }
        return false;
    }

    /** Table when asked by output=table, or when Accept prefers text/plain to JSON; empty for a bad output. */
    static Optional<Boolean> wantsTable(String output, String accept) {
        if (output != null && !output.isBlank()) {
            return switch (output.trim().toLowerCase()) {
                case "table" -> Optional.of(true);
                case "json" -> Optional.of(false);
                default -> Optional.empty();
            };
        }
        if (accept == null || !accept.contains("text/plain")) {
            return Optional.of(false);
        }
        double text = -1;
        double json = -1;
        int textIndex = Integer.MAX_VALUE;
        int jsonIndex = Integer.MAX_VALUE;
        List<String> entries = List.of(accept.split(","));
        for (int i = 0; i < entries.size(); i++) {
            String[] parts = entries.get(i).split(";");
            String type = parts[0].trim().toLowerCase();
            double q = 1;
            for (int p = 1; p < parts.length; p++) {
                String param = parts[p].trim();
                if (param.startsWith("q=")) {
                    try {
                        q = Double.parseDouble(param.substring(2));
                    } catch (NumberFormatException ignored) {
                        q = 0;
                    }
                }
            }
            if (type.equals("text/plain") && q > text) {
                text = q;
                textIndex = Math.min(textIndex, i);
            } else if ((type.equals("application/json") || type.equals("application/*")) && q > json) {
                json = q;
                jsonIndex = Math.min(jsonIndex, i);
            }
        }
        return Optional.of(text > 0 && (text > json || (text == json && textIndex < jsonIndex)));
    }
}
