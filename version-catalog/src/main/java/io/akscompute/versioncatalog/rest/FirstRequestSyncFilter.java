package io.akscompute.versioncatalog.rest;

import io.akscompute.common.rules.Locations;
import io.akscompute.common.work.Outages;
import io.akscompute.versioncatalog.config.VersionCatalogConfig;
import io.akscompute.versioncatalog.service.VersionSync;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import org.jboss.resteasy.reactive.RestResponse;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Syncs a location not known yet from Azure before a {@link FirstRequestSync} endpoint runs, so that the endpoint
 * itself answers synchronously. A known (or malformed) location passes with no Uni at all: the filter returns null.
 */
public class FirstRequestSyncFilter {

    @Inject
    VersionSync sync;

    // Instance: filters are created at static init, before config mappings exist
    @Inject
    Instance<VersionCatalogConfig> config;

    @ServerRequestFilter
    @FirstRequestSync
    public Uni<RestResponse<?>> syncUnknownLocation(RoutingContext routing) {
        // queryParams() is parsed once and shared with the endpoint's @QueryParam
        String raw = routing.queryParams().get("location");
        if (raw != null && sync.view(raw).isPresent()) {
            return null;
        }
        String location = Locations.normalize(raw);
        if (Locations.problem(location).isPresent() || sync.view(location).isPresent()
                || sync.isKnownUnknown(location)) {
            return null; // the endpoint answers (400s included)
        }
        return Uni.createFrom().completionStage(sync.syncAsync(location))
                .ifNoItem().after(config.get().firstRequestWait()).fail()
                .<RestResponse<?>>map(result -> result.view() != null ? null : Answers.failure(result, sync))
                .onFailure().recoverWithItem(e -> Answers.error(503, "AzureUnavailable", "the versions of " + location
                        + " are not known yet and " + (e instanceof VersionSync.TooManyLookupsException
                                ? e.getMessage() : Outages.isDatabaseOutage(e) ? "the service's database is away"
                                : "Azure did not answer in time") + "; try again shortly", sync));
    }
}
