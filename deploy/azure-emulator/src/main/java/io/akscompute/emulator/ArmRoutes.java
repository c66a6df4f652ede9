package io.akscompute.emulator;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The ARM endpoints served: method, path template, ARM operation id, accepted api-versions, handler.
 * Literal path segments match case-insensitively, as in ARM; {@code {name}} segments are captured.
 */
final class ArmRoutes {

    /** What the azure-resourcemanager-containerservice 2.56.x client sends, and a few earlier versions. */
    static final Set<String> CONTAINER_SERVICE_VERSIONS =
            Set.of("2025-09-01", "2025-08-01", "2025-07-01", "2025-05-01", "2025-03-01", "2025-01-01", "2024-10-01");
    /** The legacy orchestrators API only ever had this version. */
    static final Set<String> ORCHESTRATOR_VERSIONS = Set.of("2019-08-01");
    /** What azure-resourcemanager-resources 2.53.x sends, and a few earlier versions. */
    static final Set<String> RESOURCE_VERSIONS = Set.of("2025-04-01", "2024-11-01", "2024-03-01", "2022-09-01",
            "2021-04-01");

    /** What azure-resourcemanager-network sends, and a few earlier versions. */
    static final Set<String> NETWORK_VERSIONS = Set.of("2024-07-01", "2024-05-01", "2024-03-01", "2024-01-01",
            "2023-11-01", "2023-09-01");

    static final Set<String> COMPUTE_SKU_VERSIONS = Set.of("2021-07-01", "2021-03-01", "2019-04-01");

    /**
     * A matched call: its captured path values, api-version, query parameters, body, base URL and If-None-Match
     * header (null when it sent none).
     */
    record Call(Map<String, String> path, String apiVersion, Map<String, String> query, JsonNode body, String baseUrl,
            String selfUrl, String ifNoneMatch) {
        String get(String name) {
            return path.get(name);
        }

        ArmResources.RequestContext context() {
            return new ArmResources.RequestContext(baseUrl, apiVersion, ifNoneMatch);
        }
    }

    interface Handler {
        ArmResponse handle(Call call);
    }

    record Route(String method, String[] template, String operation, Set<String> apiVersions, Handler handler) {
    }

    record Match(Route route, Map<String, String> path) {
    }

    private final List<Route> routes = new ArrayList<>();

    ArmRoutes(ArmResources arm) {
        String sub = "/subscriptions/{sub}";
        String rg = sub + "/resourcegroups/{rg}";
        String provider = "/providers/Microsoft.ContainerService";
        String cluster = rg + provider + "/managedClusters/{name}";
        String location = sub + provider + "/locations/{location}";
        Set<String> aks = CONTAINER_SERVICE_VERSIONS;

        add("GET", sub + "/resourcegroups", ArmResources.RG_LIST, RESOURCE_VERSIONS,
                c -> arm.listResourceGroups(c.get("sub")));
        add("PUT", rg, ArmResources.RG_CREATE, RESOURCE_VERSIONS,
                c -> arm.putResourceGroup(c.get("sub"), c.get("rg"), c.body()));
        add("GET", rg, ArmResources.RG_GET, RESOURCE_VERSIONS,
                c -> arm.getResourceGroup(c.get("sub"), c.get("rg")));
        add("HEAD", rg, ArmResources.RG_EXISTS, RESOURCE_VERSIONS,
                c -> arm.resourceGroupExists(c.get("sub"), c.get("rg")));
        add("DELETE", rg, ArmResources.RG_DELETE, RESOURCE_VERSIONS,
                c -> arm.deleteResourceGroup(c.context(), c.get("sub"), c.get("rg")));
        // Location of a resource group delete; the same versions as the call that started it.
        add("GET", sub + "/operationresults/{operation}", ArmResources.OPERATION_RESULT, RESOURCE_VERSIONS,
                c -> arm.operationResult(c.context(), c.get("sub"), c.get("operation"), c.selfUrl()));

        add("GET", sub + provider + "/managedClusters", ArmResources.CLUSTER_LIST, aks,
                c -> arm.listClusters(c.get("sub"), null));
        add("GET", rg + provider + "/managedClusters", ArmResources.CLUSTER_LIST_BY_RG, aks,
                c -> arm.listClusters(c.get("sub"), c.get("rg")));
        add("PUT", cluster, ArmResources.CLUSTER_PUT, aks,
                c -> arm.putCluster(c.context(), c.get("sub"), c.get("rg"), c.get("name"), c.body()));
        add("GET", cluster, ArmResources.CLUSTER_GET, aks,
                c -> arm.getCluster(c.get("sub"), c.get("rg"), c.get("name")));
        add("DELETE", cluster, ArmResources.CLUSTER_DELETE, aks,
                c -> arm.deleteCluster(c.context(), c.get("sub"), c.get("rg"), c.get("name")));
        add("POST", cluster + "/listClusterAdminCredential", ArmResources.ADMIN_CREDENTIAL, aks,
                c -> arm.credentials(c.get("sub"), c.get("rg"), c.get("name"), true));
        add("POST", cluster + "/listClusterUserCredential", ArmResources.USER_CREDENTIAL, aks,
                c -> arm.credentials(c.get("sub"), c.get("rg"), c.get("name"), false));
        add("GET", cluster + "/agentPools", ArmResources.POOL_LIST, aks,
                c -> arm.listAgentPools(c.get("sub"), c.get("rg"), c.get("name")));
        add("GET", cluster + "/agentPools/{pool}", ArmResources.POOL_GET, aks,
                c -> arm.getAgentPool(c.get("sub"), c.get("rg"), c.get("name"), c.get("pool")));
        add("PUT", cluster + "/agentPools/{pool}", ArmResources.POOL_PUT, aks,
                c -> arm.putAgentPool(c.context(), c.get("sub"), c.get("rg"), c.get("name"), c.get("pool"),
                        c.body()));

        String vnet = rg + "/providers/Microsoft.Network/virtualNetworks/{vnet}";
        add("PUT", vnet, ArmResources.VNET_PUT, NETWORK_VERSIONS,
                c -> arm.putVirtualNetwork(c.get("sub"), c.get("rg"), c.get("vnet"), c.body()));
        add("GET", vnet, ArmResources.VNET_GET, NETWORK_VERSIONS,
                c -> arm.getVirtualNetwork(c.get("sub"), c.get("rg"), c.get("vnet")));
        add("GET", vnet + "/subnets/{subnet}", ArmResources.SUBNET_GET, NETWORK_VERSIONS,
                c -> arm.getSubnet(c.get("sub"), c.get("rg"), c.get("vnet"), c.get("subnet")));

        add("GET", sub + "/providers/Microsoft.Compute/skus", ArmResources.RESOURCE_SKUS, COMPUTE_SKU_VERSIONS,
                c -> arm.resourceSkus(c.query().get("$filter")));
        add("GET", location + "/kubernetesVersions", ArmResources.KUBERNETES_VERSIONS, aks,
                c -> arm.kubernetesVersions(c.get("location")));
        add("GET", location + "/orchestrators", ArmResources.ORCHESTRATORS, ORCHESTRATOR_VERSIONS,
                c -> arm.orchestrators(c.get("sub"), c.get("location")));
        add("GET", location + "/operations/{operation}", ArmResources.OPERATION_STATUS, aks,
                c -> arm.operationStatus(c.get("sub"), c.get("operation")));
        add("GET", location + "/operationresults/{operation}", ArmResources.OPERATION_RESULT, aks,
                c -> arm.operationResult(c.context(), c.get("sub"), c.get("operation"), c.selfUrl()));
    }

    List<Route> all() {
        return List.copyOf(routes);
    }

    /**
     * The route for this method and path; empty when nothing matches. Throws a 405 when the path is known
     * but the method is not.
     */
    Optional<Match> match(String method, String path) {
        String[] segments = split(path);
        boolean pathKnown = false;
        for (Route route : routes) {
            Map<String, String> captured = capture(route.template(), segments);
            if (captured != null) {
                pathKnown = true;
                if (route.method().equals(method)) {
                    return Optional.of(new Match(route, captured));
                }
            }
        }
        if (pathKnown) {
            throw new ArmException(405, "HttpMethodNotSupported",
                    "The HTTP method '" + method + "' is not supported at '" + path + "'.");
        }
        return Optional.empty();
    }

    private void add(String method, String template, String operation, Set<String> apiVersions, Handler handler) {
        routes.add(new Route(method, split(template), operation, apiVersions, handler));
    }

    private static Map<String, String> capture(String[] template, String[] segments) {
        if (template.length != segments.length) {
            return null;
        }
        Map<String, String> captured = new HashMap<>();
        for (int i = 0; i < template.length; i++) {
            String expected = template[i];
            if (expected.startsWith("{")) {
                if (segments[i].isEmpty()) {
                    return null;
                }
                captured.put(expected.substring(1, expected.length() - 1), segments[i]);
            } else if (!expected.equalsIgnoreCase(segments[i])) {
                return null;
            }
        }
        return captured;
    }

    private static String[] split(String path) {
        String trimmed = path.replaceAll("^/+|/+$", "");
        return trimmed.isEmpty() ? new String[0] : trimmed.split("/");
    }
}
