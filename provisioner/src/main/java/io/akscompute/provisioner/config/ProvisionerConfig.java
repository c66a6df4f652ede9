package io.akscompute.provisioner.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Map;

@ConfigMapping(prefix = "akscompute.provisioner")
public interface ProvisionerConfig {

    /** The workspace's location, where a CreateCluster without a location creates its cluster. */
    @WithDefault("westus")
    String defaultLocation();

    /** Per-workspace locations that override {@link #defaultLocation()} (workspace name -> location). */
    Map<String, String> workspaceLocations();

    /** Resource group of clusters whose command names none: this prefix plus the workspace name. */
    @WithDefault("akscompute-")
    String resourceGroupPrefix();

    /** How often a running ARM operation is looked at. */
    @WithDefault("5s")
    Duration pollInterval();

    /** How long Azure may take to create a cluster before the create fails and the cluster is deleted again. */
    @WithDefault("30m")
    Duration createTimeout();

    /** How long Azure may take to scale a node pool before the scale fails. */
    @WithDefault("20m")
    Duration scaleTimeout();

    /** How long Azure may take to delete a cluster before the delete (or an undo) is reported as not done. */
    @WithDefault("30m")
    Duration deleteTimeout();

    /** Load balancer SKU of created clusters (standard: Azure no longer creates basic ones for AKS). */
    @WithDefault("standard")
    String loadBalancerSku();

    /** Name of the one node pool of a created cluster. */
    @WithDefault("agentpool")
    String agentPool();

    default String locationOf(String workspace) {
        return workspaceLocations().getOrDefault(workspace, defaultLocation());
    }
}
