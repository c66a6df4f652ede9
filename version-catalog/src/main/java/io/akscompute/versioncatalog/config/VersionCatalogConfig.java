package io.akscompute.versioncatalog.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;

/** {@code akscompute.version-catalog.*}. */
@ConfigMapping(prefix = "akscompute.version-catalog")
public interface VersionCatalogConfig {

    /** Locations synced at start and on every period; others are synced on their first request. */
    @WithDefault("westus,eastus,westeurope")
    List<String> locations();

    /** How often every known location is synced again (also read by the scheduler expression). */
    @WithDefault("30m")
    Duration syncPeriod();

    /** How long a first request for a location not yet known waits for Azure before answering 503. */
    @WithDefault("15s")
    Duration firstRequestWait();

    /** How long a location Azure does not serve is remembered as unknown before Azure is asked again. */
    @WithDefault("10m")
    Duration unknownLocationTtl();

    /** {@code Cache-Control: max-age} of the version answers. */
    @WithDefault("60s")
    Duration cacheMaxAge();

    /** Partitions of {@code aks.versions} when this service creates it. */
    @WithDefault("3")
    int topicPartitions();
}
