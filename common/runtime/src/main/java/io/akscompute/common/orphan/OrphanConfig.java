package io.akscompute.common.orphan;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** {@code akscompute.orphans.*}: how often a service sweeps for orphans and whether it removes them. */
@ConfigMapping(prefix = "akscompute.orphans")
public interface OrphanConfig {

    /** Time between sweeps; the first runs this long after the service first started. */
    @WithDefault("1h")
    Duration period();

    /** Reporting is always on; removing is opt-in, since an orphan may hold what someone wants to look at. */
    @WithDefault("false")
    boolean remove();

    /** At most this many orphans are reported (and removed) per sweep; the rest wait for the next one. */
    @WithDefault("50")
    int perSweep();
}
