package io.akscompute.versioncatalog.rest;

import io.akscompute.common.rules.Locations;
import io.akscompute.versioncatalog.service.CatalogView;
import io.akscompute.versioncatalog.service.SyncResult;
import io.akscompute.versioncatalog.service.VersionSync;
import java.util.Optional;
import java.util.function.Function;
import org.jboss.resteasy.reactive.RestResponse;

/** The location lookup and the error answers of the /versions and /vmsizes endpoints and of {@link FirstRequestSyncFilter}. */
final class Answers {
    private Answers() {
    }

    static RestResponse<?> error(int status, String code, String message, VersionSync sync) {
        return RestResponse.ResponseBuilder.create(status)
                .type(VersionsResource.JSON).entity(new ApiError(code, message, sync.knownLocations())).build();
    }

    static RestResponse<?> unknown(String location, VersionSync sync) {
        return error(400, "UnknownLocation", "Azure does not offer AKS in location '" + location
                + "'; to find valid locations, " + Locations.HOW_TO_FIND, sync);
    }

    static RestResponse<?> notKnownYet(String location, VersionSync sync) {
        return RestResponse.ResponseBuilder.create(503).type(VersionsResource.JSON).header("Retry-After", "10")
                .entity(new ApiError("AzureUnavailable", "the versions of " + location
                        + " are not known yet; try again shortly", sync.knownLocations())).build();
    }

    static RestResponse<?> failure(SyncResult result, VersionSync sync) {
        if (result.outcome() == SyncResult.Outcome.UNKNOWN_LOCATION) {
            return unknown(result.location(), sync);
        }
        return RestResponse.ResponseBuilder.create(503).type(VersionsResource.JSON).header("Retry-After", "10")
                .entity(new ApiError("AzureUnavailable", "the versions of " + result.location()
                        + " are not known yet and Azure failed: " + result.error() + "; try again shortly",
                        sync.knownLocations())).build();
    }

    /** The answer for a location's catalog, or the error a missing, malformed or unknown location gets. */
    static RestResponse<?> withView(VersionSync sync, String rawLocation,
            Function<CatalogView, RestResponse<?>> answer) {
        if (rawLocation != null) {
            // the common case: a location already spelled as ARM spells it, and known
            Optional<CatalogView> known = sync.view(rawLocation);
            if (known.isPresent()) {
                return answer.apply(known.get());
            }
        }
        String location = Locations.normalize(rawLocation);
        Optional<String> problem = Locations.problem(location);
        if (problem.isPresent()) {
            String message = rawLocation == null || rawLocation.isBlank()
                    ? "query parameter 'location' is required, e.g. ?location=westus; to find valid locations, "
                    + Locations.HOW_TO_FIND
                    : problem.get() + "; to find valid locations, " + Locations.HOW_TO_FIND;
            return error(400, "InvalidLocation", message, sync);
        }
        Optional<CatalogView> view = sync.view(location);
        if (view.isPresent()) {
            return answer.apply(view.get());
        }
        if (sync.isKnownUnknown(location)) {
            return unknown(location, sync);
        }
        // FirstRequestSync let the request through without a catalog: only when a sync raced with a failure
        return notKnownYet(location, sync);
    }
}
