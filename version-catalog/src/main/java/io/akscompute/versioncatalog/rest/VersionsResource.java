package io.akscompute.versioncatalog.rest;

import io.akscompute.common.rules.KubernetesVersions;
import io.akscompute.common.rules.Locations;
import io.akscompute.versioncatalog.config.VersionCatalogConfig;
import io.akscompute.common.contract.VersionListing;
import io.akscompute.versioncatalog.service.CatalogView;
import io.akscompute.versioncatalog.service.VersionSync;
import io.smallrye.common.annotation.NonBlocking;
import io.vertx.core.http.HttpServerResponse;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
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
import org.jboss.resteasy.reactive.RestResponse;

/**
 * The Kubernetes versions of a location, answered on the event loop from the in-memory catalog (no database or
 * Azure call once a location is known). A location not known yet is synced from Azure on first request, by
 * {@link FirstRequestSync} before these methods run, so that they need no {@code Uni}.
 */
@Path("/versions")
@Tag(name = "versions", description = "Kubernetes versions Azure offers for AKS, per location")
public class VersionsResource {
    // Parsed once, charset included: without one, each response derives a new media type.
    static final MediaType TEXT = MediaType.valueOf(MediaType.TEXT_PLAIN + ";charset=utf-8");
    static final MediaType JSON = MediaType.valueOf(MediaType.APPLICATION_JSON + ";charset=UTF-8");
    private static final CharSequence ETAG = io.vertx.core.http.HttpHeaders.createOptimized(HttpHeaders.ETAG);
    private static final CharSequence CACHE_CONTROL =
            io.vertx.core.http.HttpHeaders.createOptimized(HttpHeaders.CACHE_CONTROL);
    private static final CharSequence VARY = io.vertx.core.http.HttpHeaders.createOptimized(HttpHeaders.VARY);
    private static final CharSequence ACCEPT = io.vertx.core.http.HttpHeaders.createOptimized(HttpHeaders.ACCEPT);

    @Inject
    VersionSync sync;

    @Inject
    VersionCatalogConfig config;

    private CharSequence cacheControl;

    @GET
    // No @Produces: the representation is chosen here (output= or Accept) and its type set on the response;
    // negotiating between two declared types on every request costs a third of the throughput.
    @Operation(summary = "Versions a location offers",
            description = "Each patch version with its upgrades, preview flag, default flag and support plan. "
                    + "As text (Accept: text/plain or output=table) exactly the table `az aks get-versions -l <location> "
                    + "-o table` prints: today's columns (IsPreview, SupportPlan), or the how-to's two columns for a "
                    + "location Azure answered through the legacy orchestrators API. When Azure cannot be reached the "
                    + "last good catalog is served with stale=true.")
    @APIResponse(responseCode = "200", description = "The catalog", content = {
            @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = VersionListing.class)),
            @Content(mediaType = MediaType.TEXT_PLAIN, schema = @Schema(type = SchemaType.STRING,
                    example = "KubernetesVersion    Upgrades\n-------------------  ----------------\n1.16.13              1.17.7, 1.17.9\n"))})
    @APIResponse(responseCode = "304", description = "Unchanged since the ETag given in If-None-Match")
    @APIResponse(responseCode = "400", description = "Location missing, malformed or not offering AKS",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "503", description = "Location not known yet and Azure cannot be reached",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ApiError.class)))
    @NonBlocking
    @FirstRequestSync
    public RestResponse<?> versions(
            @Parameter(description = "Azure location name", example = "westus") @QueryParam("location") String location,
            @Parameter(description = "json (default) or table") @QueryParam("output") String output,
            @HeaderParam(HttpHeaders.ACCEPT) String accept,
            @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch,
            @Context HttpServerResponse response) {
        return rendered(location, output, accept, ifNoneMatch, response, CatalogView::table, CatalogView::json);
    }

    @GET
    @Path("/default")
    @Operation(summary = "The version a create uses",
            description = "The default Kubernetes version of the location (what a create without version gets). "
                    + "As text, the table `az aks get-versions --query \"orchestrators[?default == `true`].orchestratorVersion\" -o table` prints.")
    @APIResponse(responseCode = "200", description = "location, defaultVersion, fetchedAt, stale")
    @APIResponse(responseCode = "400", description = "Location missing, malformed or not offering AKS",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ApiError.class)))
    @NonBlocking
    @FirstRequestSync
    public RestResponse<?> defaultVersion(
            @Parameter(description = "Azure location name", example = "westus") @QueryParam("location") String location,
            @Parameter(description = "json (default) or table") @QueryParam("output") String output,
            @HeaderParam(HttpHeaders.ACCEPT) String accept,
            @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch,
            @Context HttpServerResponse response) {
        return rendered(location, output, accept, ifNoneMatch, response, CatalogView::defaultTable,
                CatalogView::defaultJson);
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
    @NonBlocking
    @FirstRequestSync
    public RestResponse<?> supported(
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
            return RestResponse.ResponseBuilder.ok(answer, JSON)
                    .header(HttpHeaders.CACHE_CONTROL, cacheControl().toString()).build();
        });
    }

    private RestResponse<?> withView(String rawLocation, Function<CatalogView, RestResponse<?>> answer) {
        return Answers.withView(sync, rawLocation, answer);
    }

    /** A representation rendered once per sync, as table or JSON (output= or Accept), with 304 on a match. */
    private RestResponse<?> rendered(String location, String output, String accept, String ifNoneMatch,
            HttpServerResponse response, Function<CatalogView, CatalogView.Rendered> table,
            Function<CatalogView, CatalogView.Rendered> json) {
        Optional<Boolean> asTable = wantsTable(output, accept);
        if (asTable.isEmpty()) {
            return Answers.error(400, "InvalidOutput", "output must be json or table, not '" + output + "'", sync);
        }
        return withView(location, view -> represent(response, asTable.get() ? table.apply(view) : json.apply(view),
                asTable.get(), ifNoneMatch));
    }

    /** ETag, Cache-Control and Vary set on the Vert.x response: cheaper than a Response header map. */
    private RestResponse<?> represent(HttpServerResponse response, CatalogView.Rendered rendered, boolean table,
                                      String ifNoneMatch) {
        response.headers().set(ETAG, rendered.etag()).set(CACHE_CONTROL, cacheControl()).set(VARY, ACCEPT);
        if (ifNoneMatch != null && matches(ifNoneMatch, rendered.etag())) {
            return RestResponse.notModified();
        }
        return RestResponse.ok(rendered.body(), table ? TEXT : JSON);
    }

    private CharSequence cacheControl() {
        CharSequence value = cacheControl;
        if (value == null) {
            value = io.vertx.core.http.HttpHeaders.createOptimized("public, max-age=" + config.cacheMaxAge().toSeconds());
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
