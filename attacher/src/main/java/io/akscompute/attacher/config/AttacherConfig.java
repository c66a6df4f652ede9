package io.akscompute.attacher.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

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

    /** The front end's image without tag: registry and repository, e.g. {@code myregistry.azurecr.io/azureml-fe}. */
    @WithDefault("akscompute/inference-front-end")
    String frontEndImage();

    /** A digest ({@code sha256:...}) to pin the image to instead of the component version as tag. */
    Optional<String> frontEndImageDigest();

    /** Subnet of the internal load balancer when the command names none (Azure ML's default). */
    @WithDefault("aks-subnet")
    String defaultInternalSubnet();

    /** How long to wait for the scoring endpoint's load balancer to get its address. */
    @WithDefault("120s")
    Duration endpointTimeout();

    /** Time between two drift checks of a compute (the first comes this long after it was registered); 0: off. */
    @WithDefault("10m")
    Duration driftInterval();

    /** At most this many computes are taken by one claim of the drift check; more due ones go in the next claim. */
    @WithDefault("20")
    int driftBatch();
}
