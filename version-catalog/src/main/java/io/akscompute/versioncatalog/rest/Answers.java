package io.akscompute.versioncatalog.rest;

import io.akscompute.common.rules.Locations;
import io.akscompute.versioncatalog.service.SyncResult;
import io.akscompute.versioncatalog.service.VersionSync;
import org.jboss.resteasy.reactive.RestResponse;

/** The error answers of the /versions endpoints and of {@link FirstRequestSyncFilter}. */
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
}
