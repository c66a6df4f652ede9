package io.akscompute.versioncatalog.saga;

import io.akscompute.common.contract.CommandType;
import io.akscompute.common.contract.ErrorCode;
import io.akscompute.common.contract.command.RefreshVersions;
import io.akscompute.common.contract.event.Detail;
import io.akscompute.common.messaging.CommandEnvelope;
import io.akscompute.common.rules.Locations;
import io.akscompute.common.saga.SagaContext;
import io.akscompute.common.saga.SagaDefinition;
import io.akscompute.common.saga.SagaStarter;
import io.akscompute.common.saga.StepResult;
import io.akscompute.versioncatalog.service.SyncResult;
import io.akscompute.versioncatalog.service.VersionSync;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * RefreshVersions: re-reads the versions Azure offers in the given locations (all configured ones when none are
 * given) and answers with OperationSucceeded, or OperationFailed (UnknownLocation, AzureError) naming each location
 * that could not be refreshed.
 */
@ApplicationScoped
public class VersionCatalogSagas extends SagaStarter<RefreshState> {
    public static final String REFRESH = "RefreshVersions";

    @Inject
    VersionSync sync;

    @Produces
    @ApplicationScoped
    SagaDefinition<RefreshState> refresh() {
        return SagaDefinition.builder(REFRESH, RefreshState.class)
                .step("refresh").invoke(this::refresh)
                .succeededWith(ctx -> ctx.state().message)
                .build();
    }

    VersionCatalogSagas() {
        super(RefreshState.class, CommandType.REFRESH_VERSIONS);
    }

    @Override
    protected RefreshState state(CommandEnvelope envelope) {
        RefreshState state = new RefreshState();
        List<String> asked = ((RefreshVersions) envelope.command()).locations();
        state.locations = asked == null ? null : asked.stream().map(Locations::normalize).toList();
        return state;
    }

    /** Refreshes are not about a compute: two may run at once. */
    @Override
    protected boolean serialised() {
        return false;
    }

    StepResult refresh(SagaContext<RefreshState> ctx) {
        boolean configured = ctx.state().locations == null || ctx.state().locations.isEmpty();
        List<String> locations = configured ? sync.configuredLocations()
                : ctx.state().locations.stream().map(Locations::normalize).distinct().toList();
        List<SyncResult> results = locations.stream().map(sync::syncNow).toList();

        List<Detail> problems = new ArrayList<>();
        boolean unknown = false;
        for (int i = 0; i < results.size(); i++) {
            SyncResult r = results.get(i);
            if (!r.succeeded()) {
                unknown |= r.outcome() == SyncResult.Outcome.UNKNOWN_LOCATION;
                problems.add(new Detail(configured ? "locations" : "locations[" + i + "]", r.location() + ": "
                        + r.error() + (r.outcome() == SyncResult.Outcome.UNKNOWN_LOCATION ? "; " + Locations.HOW_TO_FIND
                                : r.view() != null ? " (the last good catalog is still served, marked stale)" : "")));
            }
        }
        String summary = results.stream().map(r -> r.location() + " "
                + r.outcome().name().toLowerCase(Locale.ROOT).replace('_', ' ')).collect(Collectors.joining(", "));
        if (problems.isEmpty()) {
            ctx.state().message = "refreshed " + summary;
            return StepResult.done(ctx.state().message);
        }
        String arm = results.stream().map(SyncResult::armCode).filter(c -> c != null).findFirst()
                .map(c -> " (ARM code " + c + ")").orElse("");
        return StepResult.fail(unknown ? ErrorCode.UnknownLocation : ErrorCode.AzureError, problems.size() + " of "
                + results.size() + " locations could not be refreshed" + arm + ": " + summary, problems);
    }
}
