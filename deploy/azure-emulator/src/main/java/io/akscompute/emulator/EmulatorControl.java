package io.akscompute.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Steers a running emulator from Java (the same operations as the HTTP control API under
 * {@code /_emulator}): seed clusters, change delays and limits, inject faults, replace the version data
 * set, read request counts, reset.
 */
public final class EmulatorControl {

    private final ArmResources arm;
    private final FaultInjector faults;
    private final RequestCounter counts;
    private final EmulatorSettings startSettings;

    EmulatorControl(ArmResources arm, FaultInjector faults, RequestCounter counts, EmulatorSettings startSettings) {
        this.arm = arm;
        this.faults = faults;
        this.counts = counts;
        this.startSettings = startSettings;
    }

    /** Puts an existing cluster in place at once (no LRO, no version check); returns its ARM view. */
    public ObjectNode seedCluster(ClusterSeed seed) {
        return arm.seedCluster(seed.subscriptionId(), seed.resourceGroup(), seed.name(), seed.toArmBody());
    }

    /** Same, from the ARM body of a managed cluster (location, properties...). */
    public ObjectNode seedCluster(String subscriptionId, String resourceGroup, String name, JsonNode armBody) {
        return arm.seedCluster(subscriptionId, resourceGroup, name, armBody);
    }

    /** A virtual network with these subnets, in place at once (its resource group made if missing). */
    public ObjectNode seedVirtualNetwork(String subscriptionId, String resourceGroup, String name, String location,
            String... subnets) {
        ObjectNode body = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
        body.put("location", location);
        var list = body.putObject("properties").putArray("subnets");
        for (String subnet : subnets) {
            list.addObject().put("name", subnet);
        }
        return seedVirtualNetwork(subscriptionId, resourceGroup, name, body);
    }

    /** Same, from the ARM body of a virtual network (location, properties.subnets[].name). */
    public ObjectNode seedVirtualNetwork(String subscriptionId, String resourceGroup, String name, JsonNode armBody) {
        return arm.seedVirtualNetwork(subscriptionId, resourceGroup, name, armBody);
    }

    /** The clusters, keyed by lower-case {@code subscription/resourceGroup/name}, as ARM shows them. */
    public Map<String, ObjectNode> clusters() {
        return arm.clusterSnapshot();
    }

    public EmulatorSettings settings() {
        return arm.settings();
    }

    public EmulatorSettings updateSettings(UnaryOperator<EmulatorSettings> change) {
        return arm.updateSettings(change);
    }

    public void setProvisioningDelay(Duration delay) {
        updateSettings(s -> s.withProvisioningDelay(delay));
    }

    /** The delay of one operation id only (e.g. {@code ManagedClusters_Delete}). */
    public void setOperationDelay(String operationId, Duration delay) {
        updateSettings(s -> s.withOperationDelay(operationId, delay));
    }

    /** ARM requests per second before 429; 0 for no limit. */
    public void setRequestsPerSecond(int limit) {
        updateSettings(s -> s.withRequestsPerSecond(limit));
    }

    /** Like an older cloud: {@code kubernetesVersions} answers 404, only {@code orchestrators} works. */
    public void setLegacyVersionsOnly(boolean legacyOnly) {
        updateSettings(s -> s.withLegacyVersionsOnly(legacyOnly));
    }

    public void injectFault(Fault fault) {
        faults.add(fault);
    }

    public List<Fault> faults() {
        return faults.active();
    }

    public void clearFaults() {
        faults.clear();
    }

    /** The version data set in use (see {@code kubernetes-versions.json} for its shape). */
    public JsonNode versions() {
        return arm.versionDataSet();
    }

    /** Replaces the version data set; {@code null} goes back to the built-in one. */
    public void replaceVersions(JsonNode dataSet) {
        arm.replaceVersions(dataSet);
    }

    /** Requests received per ARM operation id (e.g. {@code ManagedClusters_CreateOrUpdate}). */
    public Map<String, Long> requestCounts() {
        return counts.snapshot();
    }

    /**
     * The pseudo-operation under which the request counts show that operation's 412s: for a create-only PUT
     * ({@code If-None-Match: *}), the creates refused because the resource exists, which create nothing.
     */
    public static String preconditionFailed(String operation) {
        return operation + "_PreconditionFailed";
    }

    public long requestCount(String operation) {
        return counts.count(operation);
    }

    public void clearRequestCounts() {
        counts.clear();
    }

    /** Back to an empty subscription: no groups or clusters, no faults, no counts, start settings and versions. */
    public void reset() {
        faults.clear();
        counts.clear();
        arm.reset(startSettings);
    }
}
