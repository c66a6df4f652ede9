package io.akscompute.attacher.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;

@ConfigMapping(prefix = "akscompute.attacher")
public interface AttacherConfig {

    /**
     * The control plane's address ranges: a cluster whose API server only admits authorized IP ranges must
     * admit these, or akscompute cannot reach it.
     */
    @WithDefault("20.37.158.0/23,40.74.28.0/24")
    List<String> controlPlaneRanges();

    /** Version of the in-cluster components a (re-)attach installs. */
    @WithDefault("1.0.0")
    String frontEndVersion();

    /** Subnet of the internal load balancer when the command names none (Azure ML's default). */
    @WithDefault("aks-subnet")
    String defaultInternalSubnet();

    /** How long to wait for the scoring endpoint's load balancer to get its address. */
    @WithDefault("120s")
    Duration endpointTimeout();
}
