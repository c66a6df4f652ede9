package io.akscompute.emulator;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A cluster that already exists in the subscription before akscompute looks at it (for attach), with
 * full control over what attach judges. Turned into the ARM body of a managed cluster; anything not
 * covered here can be seeded as raw ARM JSON through {@link EmulatorControl#seedCluster(String, String, String,
 * com.fasterxml.jackson.databind.JsonNode)}.
 *
 * <pre>{@code
 * control.seedCluster(ClusterSeed.of("prod-rg", "prod-aks")
 *         .location("westeurope").kubernetesVersion("1.32.7").agents(3, "Standard_D4s_v3")
 *         .authorizedIpRanges("203.0.113.0/24"));
 * }</pre>
 */
public final class ClusterSeed {

    private String subscriptionId = AzureEmulator.DEFAULT_SUBSCRIPTION_ID;
    private final String resourceGroup;
    private final String name;
    private String location = "westus";
    private String kubernetesVersion;
    private String agentPoolName = "nodepool1";
    private int agentCount = 3;
    private String agentVmSize = "Standard_D3_v2";
    private String loadBalancerSku = "standard";
    private String serviceCidr;
    private String dnsServiceIp;
    private String dockerBridgeCidr;
    private boolean privateCluster;
    private boolean privateClusterPublicFqdn;
    private final List<String> authorizedIpRanges = new ArrayList<>();
    private String provisioningState = "Succeeded";
    private String powerState = "Running";
    private final Map<String, String> tags = new LinkedHashMap<>();
    private final List<UserPool> userPools = new ArrayList<>();

    private record UserPool(String name, int count, String vmSize) {
    }

    private ClusterSeed(String resourceGroup, String name) {
        this.resourceGroup = resourceGroup;
        this.name = name;
    }

    public static ClusterSeed of(String resourceGroup, String name) {
        return new ClusterSeed(resourceGroup, name);
    }

    public ClusterSeed subscriptionId(String value) { subscriptionId = value; return this; }
    public ClusterSeed location(String value) { location = value; return this; }
    /** A minor ("1.32") or patch ("1.32.7") version; any version, offered or not. Default: the catalog's default. */
    public ClusterSeed kubernetesVersion(String value) { kubernetesVersion = value; return this; }
    public ClusterSeed agentPoolName(String value) { agentPoolName = value; return this; }
    public ClusterSeed agents(int count, String vmSize) { agentCount = count; agentVmSize = vmSize; return this; }
    /** A second (third...) node pool, of mode User, beside the system pool. */
    public ClusterSeed userPool(String poolName, int count, String vmSize) {
        userPools.add(new UserPool(poolName, count, vmSize));
        return this;
    }
    /** {@code standard} or {@code basic}. */
    public ClusterSeed loadBalancerSku(String value) { loadBalancerSku = value; return this; }
    public ClusterSeed network(String serviceCidr, String dnsServiceIp, String dockerBridgeCidr) {
        this.serviceCidr = serviceCidr;
        this.dnsServiceIp = dnsServiceIp;
        this.dockerBridgeCidr = dockerBridgeCidr;
        return this;
    }
    public ClusterSeed privateCluster(boolean value) { privateCluster = value; return this; }
    public ClusterSeed privateClusterPublicFqdn(boolean value) { privateClusterPublicFqdn = value; return this; }
    public ClusterSeed authorizedIpRanges(String... ranges) { authorizedIpRanges.addAll(List.of(ranges)); return this; }
    /** Succeeded by default; Failed, Creating... to seed a cluster in that state. */
    public ClusterSeed provisioningState(String value) { provisioningState = value; return this; }
    /** Running by default, or Stopped. */
    public ClusterSeed powerState(String value) { powerState = value; return this; }
    public ClusterSeed tag(String key, String value) { tags.put(key, value); return this; }

    String subscriptionId() { return subscriptionId; }
    String resourceGroup() { return resourceGroup; }
    String name() { return name; }

    /** The managed cluster's ARM body. */
    ObjectNode toArmBody() {
        JsonNodeFactory f = JsonNodeFactory.instance;
        ObjectNode body = f.objectNode();
        body.put("location", location);
        if (!tags.isEmpty()) {
            ObjectNode t = body.putObject("tags");
            tags.forEach(t::put);
        }
        ObjectNode p = body.putObject("properties");
        if (kubernetesVersion != null) {
            p.put("kubernetesVersion", kubernetesVersion);
        }
        p.put("provisioningState", provisioningState);
        p.putObject("powerState").put("code", powerState);
        ArrayNode pools = p.putArray("agentPoolProfiles");
        pools.addObject()
                .put("name", agentPoolName)
                .put("count", agentCount)
                .put("vmSize", agentVmSize)
                .put("mode", "System")
                .put("osType", "Linux")
                .put("type", "VirtualMachineScaleSets");
        for (UserPool pool : userPools) {
            pools.addObject().put("name", pool.name()).put("count", pool.count()).put("vmSize", pool.vmSize())
                    .put("mode", "User").put("osType", "Linux").put("type", "VirtualMachineScaleSets");
        }
        ObjectNode network = p.putObject("networkProfile").put("loadBalancerSku", loadBalancerSku);
        putIfSet(network, "serviceCidr", serviceCidr);
        putIfSet(network, "dnsServiceIP", dnsServiceIp);
        putIfSet(network, "dockerBridgeCidr", dockerBridgeCidr);
        ObjectNode access = p.putObject("apiServerAccessProfile")
                .put("enablePrivateCluster", privateCluster)
                .put("enablePrivateClusterPublicFQDN", privateClusterPublicFqdn);
        if (!authorizedIpRanges.isEmpty()) {
            ArrayNode ranges = access.putArray("authorizedIPRanges");
            authorizedIpRanges.forEach(ranges::add);
        }
        return body;
    }

    private static void putIfSet(ObjectNode node, String field, String value) {
        if (value != null) {
            node.put(field, value);
        }
    }
}
