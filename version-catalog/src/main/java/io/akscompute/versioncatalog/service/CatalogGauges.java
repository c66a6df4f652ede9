package io.akscompute.versioncatalog.service;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.quarkus.runtime.Startup;
import io.quarkus.scheduler.Scheduled;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;

/** How old each location's catalog is (since Azure last answered for it), from what is served in memory. */
@Startup
@ApplicationScoped
public class CatalogGauges {

    @Inject
    MeterRegistry registry;

    @Inject
    VersionSync sync;

    private MultiGauge ages;

    /** At construction: the scheduler may call refresh() before start-up observers have run. */
    @PostConstruct
    void register() {
        ages = MultiGauge.builder("akscompute.catalog.age").baseUnit("seconds")
                .description("Time since Azure last answered for a location's catalog").register(registry);
    }

    @Scheduled(every = "${akscompute.metrics.refresh:15s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void refresh() {
        Instant now = Instant.now();
        ages.register(sync.knownLocations().stream().flatMap(l -> sync.view(l).stream())
                .map(view -> MultiGauge.Row.of(Tags.of("location", view.location(), "stale",
                        String.valueOf(view.stale())), Duration.between(view.catalog().fetchedAt(), now).toSeconds()))
                .toList(), true);
    }
}
