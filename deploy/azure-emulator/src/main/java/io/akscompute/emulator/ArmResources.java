package io.akscompute.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.akscompute.emulator.EmulatorState.AsyncOperation;
import io.akscompute.emulator.EmulatorState.StoredCluster;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The ARM resources the emulator serves (resource groups, managed clusters, their agent pools and the
 * long-running operations that change them) and their rules. Every public-facing method is
 * synchronized: one lock for the whole state keeps the rules simple, and the calls are cheap.
 *
 * <p>Long-running operations finish lazily: every call first completes the operations whose delay has
 * passed ({@link #advance()}), so no timer thread is needed and a restarted emulator picks up where it
 * stopped.
 */
final class ArmResources {

    // The ARM operation ids, used for request counts, fault injection and per-operation delays.
    static final String RG_CREATE = "ResourceGroups_CreateOrUpdate";
    static final String RG_GET = "ResourceGroups_Get";
    static final String RG_EXISTS = "ResourceGroups_CheckExistence";
    static final String RG_LIST = "ResourceGroups_List";
    static final String RG_DELETE = "ResourceGroups_Delete";
    static final String CLUSTER_PUT = "ManagedClusters_CreateOrUpdate";
    static final String CLUSTER_GET = "ManagedClusters_Get";
    static final String CLUSTER_LIST = "ManagedClusters_List";
    static final String CLUSTER_LIST_BY_RG = "ManagedClusters_ListByResourceGroup";
    static final String CLUSTER_DELETE = "ManagedClusters_Delete";
    static final String ADMIN_CREDENTIAL = "ManagedClusters_ListClusterAdminCredentials";
    static final String USER_CREDENTIAL = "ManagedClusters_ListClusterUserCredentials";
    static final String KUBERNETES_VERSIONS = "ManagedClusters_ListKubernetesVersions";
    static final String ORCHESTRATORS = "ContainerServices_ListOrchestrators";
    static final String RESOURCE_SKUS = "ResourceSkus_List";
    static final String POOL_PUT = "AgentPools_CreateOrUpdate";
    static final String POOL_GET = "AgentPools_Get";
    static final String POOL_LIST = "AgentPools_List";
    static final String VNET_PUT = "VirtualNetworks_CreateOrUpdate";
    static final String VNET_GET = "VirtualNetworks_Get";
    static final String SUBNET_GET = "Subnets_Get";
    static final String OPERATION_STATUS = "Operations_GetStatus";
    static final String OPERATION_RESULT = "Operations_GetResult";

    private static final String CLUSTER_TYPE = "Microsoft.ContainerService/ManagedClusters";
    private static final String POOL_TYPE = "Microsoft.ContainerService/managedClusters/agentPools";
    private static final Pattern POOL_NAME = Pattern.compile("[a-z][a-z0-9]{0,11}");
    private static final Set<String> TERMINAL = Set.of("Succeeded", "Failed", "Canceled");
    /** Finished operations stay pollable this long. */
    private static final long KEEP_FINISHED_MILLIS = 3_600_000;
    private static final long SAVE_DELAY_MILLIS = 100;

    private final ObjectMapper json;
    private final Path stateDir;
    private final KubernetesApis kubernetes;
    private final FaultInjector faults;
    private final EmulatorState state;
    private VersionCatalog versions;
    /** Writes the state behind the changes, so a burst of changes is one write and not one each. */
    private final ScheduledExecutorService stateWriter = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "azure-emulator-state");
        thread.setDaemon(true);
        return thread;
    });
    private boolean saveScheduled;

    ArmResources(ObjectMapper json, Path stateDir, KubernetesApis kubernetes, FaultInjector faults,
                 EmulatorSettings initialSettings) {
        this.json = json;
        this.stateDir = stateDir;
        this.kubernetes = kubernetes;
        this.faults = faults;
        this.state = EmulatorState.load(stateDir, json);
        if (initialSettings != null || state.settings == null) {
            state.settings = initialSettings != null ? initialSettings : EmulatorSettings.defaults();
        }
        if (state.versions != null && state.versions.isNull()) {
            state.versions = null; // Jackson reads a saved null as NullNode
        }
        this.versions = new VersionCatalog(state.versions != null ? state.versions : VersionCatalog.builtIn(json));
        save();
    }

    /**
     * Where an LRO answer points its poll URLs, the api-version the caller used, and its If-None-Match header (null
     * when it sent none).
     */
    record RequestContext(String baseUrl, String apiVersion, String ifNoneMatch) {
    }

    // ---------------------------------------------------------------- settings, versions, reset

    synchronized EmulatorSettings settings() {
        return state.settings;
    }

    synchronized EmulatorSettings updateSettings(UnaryOperator<EmulatorSettings> change) {
        state.settings = change.apply(state.settings);
        save();
        return state.settings;
    }

    synchronized JsonNode versionDataSet() {
        return versions.dataSet();
    }

    /** Replaces the version data set; null goes back to the built-in one. */
    synchronized void replaceVersions(JsonNode dataSet) {
        versions = new VersionCatalog(dataSet != null ? dataSet : VersionCatalog.builtIn(json));
        state.versions = dataSet;
        save();
    }

    /** Forgets every resource group, cluster and operation; settings and versions back to the given start. */
    synchronized void reset(EmulatorSettings settings) {
        state.clusters.keySet().forEach(kubernetes::remove);
        state.clusters.clear();
        state.virtualNetworks.clear();
        state.resourceGroups.clear();
        state.operations.clear();
        state.settings = settings;
        state.versions = null;
        versions = new VersionCatalog(VersionCatalog.builtIn(json));
        save();
    }

    // ---------------------------------------------------------------- resource groups

    synchronized ArmResponse putResourceGroup(String sub, String rg, JsonNode body) {
        advance();
        String location = requireLocation(body);
        ObjectNode existing = state.resourceGroups.get(rgKey(sub, rg));
        if (existing != null) {
            requireNotDeleting(existing, rg);
            if (!existing.path("location").asText().equals(location)) {
                throw ArmException.conflict("InvalidResourceGroupLocation", "Invalid resource group location '"
                        + location + "'. The Resource group already exists in location '"
                        + existing.path("location").asText() + "'.");
            }
            if (body.has("tags")) {
                existing.set("tags", body.get("tags"));
            }
            save();
            return ArmResponse.of(200, existing.deepCopy());
        }
        ObjectNode group = newResourceGroup(sub, rg, location);
        if (body.has("tags")) {
            group.set("tags", body.get("tags"));
        }
        state.resourceGroups.put(rgKey(sub, rg), group);
        save();
        return ArmResponse.of(201, group.deepCopy());
    }

    synchronized ArmResponse getResourceGroup(String sub, String rg) {
        advance();
        return ArmResponse.of(200, requireResourceGroup(sub, rg).deepCopy());
    }

    synchronized ArmResponse resourceGroupExists(String sub, String rg) {
        advance();
        return ArmResponse.empty(state.resourceGroups.containsKey(rgKey(sub, rg)) ? 204 : 404);
    }

    synchronized ArmResponse listResourceGroups(String sub) {
        advance();
        ArrayNode value = json.createArrayNode();
        state.resourceGroups.forEach((key, group) -> {
            if (key.startsWith(lower(sub) + "/")) {
                value.add(group.deepCopy());
            }
        });
        return list(value);
    }

    /** Deletes the group and everything in it, as ARM does, after the provisioning delay. */
    synchronized ArmResponse deleteResourceGroup(RequestContext ctx, String sub, String rg) {
        advance();
        ObjectNode group = requireResourceGroup(sub, rg);
        requireNotDeleting(group, rg);
        group.withObjectProperty("properties").put("provisioningState", "Deleting");
        AsyncOperation op = startOperation(RG_DELETE, sub, group.path("location").asText(), rgKey(sub, rg), null,
                ctx.apiVersion());
        save();
        return ArmResponse.empty(202)
                .header("Location", ctx.baseUrl() + "/subscriptions/" + sub + "/operationresults/" + op.id
                        + "?api-version=" + ctx.apiVersion())
                .header("Retry-After", retryAfter());
    }

    // ---------------------------------------------------------------- managed clusters

    synchronized ArmResponse putCluster(RequestContext ctx, String sub, String rg, String name, JsonNode body) {
        advance();
        ObjectNode group = requireResourceGroup(sub, rg);
        requireNotDeleting(group, rg);
        requireObject(body);
        String key = clusterKey(sub, rg, name);
        StoredCluster existing = state.clusters.get(key);
        if (existing != null && "*".equals(ctx.ifNoneMatch())) {
            // AKS honours If-None-Match: * (a create that must not overwrite) and If-Match on this PUT.
            throw new ArmException(412, "PreconditionFailed", "Managed cluster '" + name + "' already exists and "
                    + "the request allows only a create (If-None-Match: *).");
        }
        if (existing != null) {
            requireIdle(existing, name);
        }
        String location = requireLocation(body);
        if (existing != null && !location.equals(existing.resource.path("location").asText())) {
            throw ArmException.badRequest("LocationChangeNotSupported",
                    "Changing the location of managed cluster '" + name + "' is not supported.");
        }
        if (!versions.serves(location)) {
            throw ArmException.badRequest("LocationNotAvailableForResourceType", "The provided location '"
                    + location + "' is not available for resource type '" + CLUSTER_TYPE + "'.");
        }

        ObjectNode resource = ((ObjectNode) body).deepCopy();
        ObjectNode properties = resource.withObjectProperty("properties");
        validateAgentPools(properties, existing, name);
        validateAccessProfile(properties);
        String patch = resolveVersion(location, properties, existing);

        StoredCluster cluster = existing != null ? existing : newStoredCluster(sub, rg);
        cluster.resource = completeCluster(resource, sub, rg, name, location, patch, existing);
        String provisioning = existing == null ? "Creating" : "Updating";
        setProvisioningState(cluster.resource, provisioning);
        state.clusters.put(key, cluster);
        AsyncOperation op = startOperation(CLUSTER_PUT, sub, location, key, null, ctx.apiVersion());
        save();
        return withLroHeaders(ArmResponse.of(existing == null ? 201 : 200, cluster.resource.deepCopy()), ctx, op);
    }

    /** A virtual network with its subnets, in place at once (ARM answers this PUT synchronously when small). */
    synchronized ArmResponse putVirtualNetwork(String sub, String rg, String name, JsonNode body) {
        advance();
        requireResourceGroup(sub, rg);
        String location = requireLocation(body);
        ObjectNode resource = ((ObjectNode) body).deepCopy();
        String id = "/subscriptions/" + sub + "/resourceGroups/" + displayName(sub, rg)
                + "/providers/Microsoft.Network/virtualNetworks/" + name;
        resource.put("id", id).put("name", name).put("type", "Microsoft.Network/virtualNetworks")
                .put("location", location);
        ObjectNode properties = resource.withObjectProperty("properties");
        properties.put("provisioningState", "Succeeded");
        if (!properties.path("subnets").isArray()) {
            properties.putArray("subnets");
        }
        for (JsonNode subnet : properties.get("subnets")) {
            String subnetName = subnet.path("name").asText("");
            if (subnetName.isBlank() || !subnet.isObject()) {
                throw ArmException.badRequest("InvalidRequestFormat", "Every subnet needs a name.");
            }
            ((ObjectNode) subnet).put("id", id + "/subnets/" + subnetName)
                    .put("type", "Microsoft.Network/virtualNetworks/subnets")
                    .withObjectProperty("properties").put("provisioningState", "Succeeded");
        }
        boolean existed = state.virtualNetworks.put(vnetKey(sub, rg, name), resource) != null;
        save();
        return ArmResponse.of(existed ? 200 : 201, resource.deepCopy());
    }

    synchronized ArmResponse getVirtualNetwork(String sub, String rg, String name) {
        advance();
        ObjectNode vnet = state.virtualNetworks.get(vnetKey(sub, rg, name));
        if (vnet == null) {
            throw ArmException.notFound("ResourceNotFound", "The Resource 'Microsoft.Network/virtualNetworks/"
                    + name + "' under resource group '" + rg + "' was not found.");
        }
        return ArmResponse.of(200, vnet.deepCopy());
    }

    synchronized ArmResponse getSubnet(String sub, String rg, String vnet, String subnet) {
        advance();
        return subnet(sub, rg, vnet, subnet).map(s -> ArmResponse.of(200, s.deepCopy()))
                .orElseThrow(() -> ArmException.notFound("NotFound", "Resource /subscriptions/" + sub
                        + "/resourceGroups/" + rg + "/providers/Microsoft.Network/virtualNetworks/" + vnet
                        + "/subnets/" + subnet + " not found."));
    }

    private Optional<ObjectNode> subnet(String sub, String rg, String vnet, String subnet) {
        ObjectNode network = state.virtualNetworks.get(vnetKey(sub, rg, vnet));
        if (network == null) {
            return Optional.empty();
        }
        for (JsonNode s : network.path("properties").path("subnets")) {
            if (s.path("name").asText().equalsIgnoreCase(subnet)) {
                return Optional.of((ObjectNode) s);
            }
        }
        return Optional.empty();
    }

    /** AKS needs the subnet a pool names to exist, and says which one it could not find. */
    private void requireSubnet(JsonNode pool, int index) {
        JsonNode id = pool.get("vnetSubnetID");
        if (id == null || id.isNull()) {
            return;
        }
        String[] s = id.asText().split("/");
        if (s.length != 11 || !s[1].equalsIgnoreCase("subscriptions") || !s[3].equalsIgnoreCase("resourceGroups")
                || !s[6].equalsIgnoreCase("Microsoft.Network") || !s[7].equalsIgnoreCase("virtualNetworks")
                || !s[9].equalsIgnoreCase("subnets")) {
            throw ArmException.badRequest("LinkedInvalidPropertyId", "Property id '" + id.asText() + "' at path "
                    + "'properties.agentPoolProfiles[" + index + "].vnetSubnetID' is invalid. Expect fully qualified "
                    + "resource Id that start with '/subscriptions/{subscriptionId}'.");
        }
        if (subnet(s[2], s[4], s[8], s[10]).isEmpty()) {
            throw ArmException.badRequest("SubnetNotFound", "Could not find subnet " + s[10] + " in vnet " + s[8]
                    + " from resource group " + s[4] + " of subscription " + s[2] + ".");
        }
    }

    synchronized ArmResponse getCluster(String sub, String rg, String name) {
        advance();
        return ArmResponse.of(200, requireCluster(sub, rg, name).resource.deepCopy());
    }

    /** Lists the clusters of a subscription, or of one resource group when {@code rg} is given. */
    synchronized ArmResponse listClusters(String sub, String rg) {
        advance();
        if (rg != null) {
            requireResourceGroup(sub, rg);
        }
        String prefix = rg == null ? lower(sub) + "/" : rgKey(sub, rg) + "/";
        ArrayNode value = json.createArrayNode();
        state.clusters.forEach((key, cluster) -> {
            if (key.startsWith(prefix)) {
                value.add(cluster.resource.deepCopy());
            }
        });
        return list(value);
    }

    synchronized ArmResponse deleteCluster(RequestContext ctx, String sub, String rg, String name) {
        advance();
        requireResourceGroup(sub, rg);
        String key = clusterKey(sub, rg, name);
        StoredCluster cluster = state.clusters.get(key);
        if (cluster == null) {
            return ArmResponse.empty(204); // ARM: deleting what is not there succeeds
        }
        Optional<AsyncOperation> running = runningOperation(key);
        if (running.isPresent() && CLUSTER_DELETE.equals(running.get().operation)) {
            return withLroHeaders(ArmResponse.empty(202), ctx, running.get());
        }
        requireIdle(cluster, name);
        setProvisioningState(cluster.resource, "Deleting");
        AsyncOperation op = startOperation(CLUSTER_DELETE, sub, cluster.resource.path("location").asText(), key,
                null, ctx.apiVersion());
        save();
        return withLroHeaders(ArmResponse.empty(202), ctx, op);
    }

    /** What the Kubernetes front needs of a cluster: its API and which tokens it takes. */
    record KubernetesAccess(KubernetesApis.ClusterApi api, Set<String> tokens) {
    }

    /** The cluster's Kubernetes API, if the cluster exists (its store is created on first use). */
    synchronized Optional<KubernetesAccess> kubernetesAccess(String sub, String rg, String name) {
        StoredCluster cluster = state.clusters.get(clusterKey(sub, rg, name));
        if (cluster == null) {
            return Optional.empty();
        }
        ObjectNode properties = (ObjectNode) cluster.resource.path("properties");
        KubernetesApis.ClusterApi api = kubernetes.api(clusterKey(sub, rg, name),
                cluster.resource.path("location").asText(),
                properties.path("currentKubernetesVersion").asText(properties.path("kubernetesVersion").asText()));
        return Optional.of(new KubernetesAccess(api, Set.of(cluster.adminToken, cluster.userToken)));
    }

    /** {@code listClusterAdminCredential} / {@code listClusterUserCredential}: a kubeconfig, base64. */
    synchronized ArmResponse credentials(String sub, String rg, String name, boolean admin) {
        advance();
        StoredCluster cluster = requireCluster(sub, rg, name);
        ObjectNode properties = (ObjectNode) cluster.resource.path("properties");
        if ("Deleting".equals(properties.path("provisioningState").asText())) {
            throw ArmException.conflict("OperationNotAllowed",
                    "Managed cluster '" + name + "' is being deleted.");
        }
        String user = (admin ? "clusterAdmin_" : "clusterUser_") + cluster.resourceGroup + "_" + name;
        String kubeconfig = kubernetes.kubeconfig(KubernetesApis.path(cluster.subscriptionId, cluster.resourceGroup,
                cluster.resource.path("name").asText()), cluster.resource.path("name").asText(), user,
                admin ? cluster.adminToken : cluster.userToken);
        ObjectNode answer = json.createObjectNode();
        answer.putArray("kubeconfigs").addObject()
                .put("name", admin ? "clusterAdmin" : "clusterUser")
                .put("value", Base64.getEncoder().encodeToString(kubeconfig.getBytes(StandardCharsets.UTF_8)));
        return ArmResponse.of(200, answer);
    }

    // ---------------------------------------------------------------- agent pools

    synchronized ArmResponse getAgentPool(String sub, String rg, String name, String pool) {
        advance();
        StoredCluster cluster = requireCluster(sub, rg, name);
        ObjectNode profile = findPool(cluster, pool).orElseThrow(() -> ArmException.notFound("ResourceNotFound",
                "The Resource '" + POOL_TYPE + "/" + pool + "' under resource group '" + rg + "' was not found."));
        return ArmResponse.of(200, agentPoolResource(cluster, profile));
    }

    synchronized ArmResponse listAgentPools(String sub, String rg, String name) {
        advance();
        StoredCluster cluster = requireCluster(sub, rg, name);
        ArrayNode value = json.createArrayNode();
        for (JsonNode profile : cluster.resource.path("properties").path("agentPoolProfiles")) {
            value.add(agentPoolResource(cluster, (ObjectNode) profile));
        }
        return list(value);
    }

    /** Creates an agent pool or changes its count, as a long-running operation. The VM size cannot change. */
    synchronized ArmResponse putAgentPool(RequestContext ctx, String sub, String rg, String name, String pool,
                                          JsonNode body) {
        advance();
        StoredCluster cluster = requireCluster(sub, rg, name);
        requireIdle(cluster, name);
        requireObject(body);
        ObjectNode requested = body.path("properties").isObject()
                ? ((ObjectNode) body.get("properties")).deepCopy() : json.createObjectNode();
        requested.put("name", pool);
        Optional<ObjectNode> existing = findPool(cluster, pool);
        ObjectNode properties = (ObjectNode) cluster.resource.get("properties");
        ObjectNode profile;
        String provisioning;
        if (existing.isPresent()) {
            profile = existing.get();
            String oldSize = profile.path("vmSize").asText();
            if (requested.hasNonNull("vmSize") && !requested.path("vmSize").asText().equalsIgnoreCase(oldSize)) {
                throw ArmException.badRequest("PropertyChangeNotAllowed",
                        "Changing property 'vmSize' is not allowed.");
            }
            boolean countChanges = requested.has("count")
                    && requested.path("count").asInt() != profile.path("count").asInt();
            requested.remove(List.of("provisioningState", "powerState"));
            profile.setAll(requested);
            provisioning = countChanges ? "Scaling" : "Updating";
        } else {
            if (!requested.hasNonNull("mode")) {
                requested.put("mode", "User");
            }
            profile = requested;
            ((ArrayNode) properties.withArrayProperty("agentPoolProfiles")).add(profile);
            provisioning = "Creating";
        }
        validatePool(profile);
        completePool(profile, properties.path("currentKubernetesVersion").asText());
        profile.put("provisioningState", provisioning);
        AsyncOperation op = startOperation(POOL_PUT, sub, cluster.resource.path("location").asText(),
                clusterKey(sub, rg, name), pool, ctx.apiVersion());
        save();
        return withLroHeaders(ArmResponse.of(existing.isPresent() ? 200 : 201, agentPoolResource(cluster, profile)),
                ctx, op);
    }

    // ---------------------------------------------------------------- versions

    synchronized ArmResponse kubernetesVersions(String location) {
        if (state.settings.legacyVersionsOnly()) {
            throw ArmException.notFound("InvalidResourceType", "The resource type 'locations/kubernetesVersions' "
                    + "could not be found in the namespace 'Microsoft.ContainerService'.");
        }
        requireServedLocation(location);
        return ArmResponse.of(200, versions.kubernetesVersions(location));
    }

    synchronized ArmResponse orchestrators(String sub, String location) {
        requireServedLocation(location);
        return ArmResponse.of(200, versions.orchestrators(sub, location));
    }

    private static final Pattern LOCATION_FILTER = Pattern.compile("location eq '([^']{1,64})'");

    /** {@code $filter=location eq 'westus'} is the one filter the Resource SKUs API takes; without it, westus. */
    synchronized ArmResponse resourceSkus(String filter) {
        Matcher m = LOCATION_FILTER.matcher(filter == null ? "" : filter);
        String location = m.find() ? VersionCatalog.normalizeLocation(m.group(1)) : "westus";
        requireServedLocation(location);
        return ArmResponse.of(200, VmSkus.list(json, location));
    }

    // ---------------------------------------------------------------- long-running operations

    /** The {@code Azure-AsyncOperation} URL: the operation's status document. */
    synchronized ArmResponse operationStatus(String sub, String operationId) {
        advance();
        AsyncOperation op = requireOperation(sub, operationId);
        ObjectNode status = json.createObjectNode();
        status.put("id", "/subscriptions/" + op.subscriptionId + "/providers/Microsoft.ContainerService/locations/"
                + op.location + "/operations/" + op.id);
        status.put("name", op.id);
        status.put("status", op.status);
        status.put("startTime", Instant.ofEpochMilli(op.startMillis).toString());
        if (!op.running()) {
            status.put("endTime", Instant.ofEpochMilli(op.endMillis).toString());
            status.put("percentComplete", 100.0);
        }
        if ("Failed".equals(op.status)) {
            status.putObject("error").put("code", op.errorCode).put("message", op.errorMessage);
        }
        ArmResponse response = ArmResponse.of(200, status);
        return op.running() ? response.header("Retry-After", retryAfter()) : response;
    }

    /** The {@code Location} URL: 202 while running, then the outcome. */
    synchronized ArmResponse operationResult(RequestContext ctx, String sub, String operationId, String selfUrl) {
        advance();
        AsyncOperation op = requireOperation(sub, operationId);
        if (op.running()) {
            return ArmResponse.empty(202).header("Location", selfUrl).header("Retry-After", retryAfter());
        }
        if ("Failed".equals(op.status)) {
            throw new ArmException(400, op.errorCode, op.errorMessage);
        }
        if (CLUSTER_PUT.equals(op.operation) && state.clusters.containsKey(op.target)) {
            return ArmResponse.of(200, state.clusters.get(op.target).resource.deepCopy());
        }
        return ArmResponse.empty(RG_DELETE.equals(op.operation) ? 200 : 204);
    }

    // ---------------------------------------------------------------- seeding (control API)

    /**
     * Puts a cluster in place at once, as it would exist in a subscription before akscompute sees it:
     * no long-running operation and no version check (an unsupported version is a valid seed).
     * The resource group is created in the cluster's location if missing.
     */
    /** A virtual network in place before akscompute looks (its resource group made if missing). */
    synchronized ObjectNode seedVirtualNetwork(String sub, String rg, String name, JsonNode body) {
        String location = requireLocation(body);
        state.resourceGroups.computeIfAbsent(rgKey(sub, rg), k -> newResourceGroup(sub, rg, location));
        return (ObjectNode) putVirtualNetwork(sub, rg, name, body).body();
    }

    synchronized ObjectNode seedCluster(String sub, String rg, String name, JsonNode body) {
        advance();
        requireObject(body);
        String location = requireLocation(body);
        state.resourceGroups.computeIfAbsent(rgKey(sub, rg), k -> newResourceGroup(sub, rg, location));
        String key = clusterKey(sub, rg, name);
        kubernetes.remove(key);
        ObjectNode resource = ((ObjectNode) body).deepCopy();
        ObjectNode properties = resource.withObjectProperty("properties");
        String requested = properties.path("kubernetesVersion").asText(versions.defaultPatch(location));
        // A version the catalog no longer offers still needs a patch to report: "1.27" runs "1.27.0".
        boolean isPatch = requested.split("\\.").length >= 3;
        String patch = versions.resolve(location, requested).orElse(isPatch ? requested : requested + ".0");
        properties.put("kubernetesVersion", requested);
        String provisioning = properties.path("provisioningState").asText("Succeeded");
        JsonNode power = properties.get("powerState");
        StoredCluster cluster = newStoredCluster(sub, rg);
        cluster.resource = completeCluster(resource, sub, rg, name, location, patch, null);
        setProvisioningState(cluster.resource, provisioning);
        if (power != null) {
            cluster.resource.withObjectProperty("properties").set("powerState", power);
        }
        state.clusters.put(key, cluster);
        save();
        return cluster.resource.deepCopy();
    }

    // ---------------------------------------------------------------- internals: operations

    private AsyncOperation startOperation(String operation, String sub, String location, String target,
                                          String agentPool, String apiVersion) {
        AsyncOperation op = new AsyncOperation();
        op.id = UUID.randomUUID().toString();
        op.operation = operation;
        op.subscriptionId = sub;
        op.location = VersionCatalog.normalizeLocation(location);
        op.target = target;
        op.agentPool = agentPool;
        op.apiVersion = apiVersion;
        op.startMillis = System.currentTimeMillis();
        op.dueMillis = op.startMillis + state.settings.delayOf(operation).toMillis();
        faults.take(operation, Fault.Kind.FAIL_LRO, null).ifPresent(fault -> {
            op.errorCode = fault.code();
            op.errorMessage = fault.message();
        });
        state.operations.put(op.id, op);
        return op;
    }

    /** Finishes every operation whose delay has passed and forgets those finished long ago. */
    private void advance() {
        long now = System.currentTimeMillis();
        boolean changed = false;
        for (Iterator<AsyncOperation> it = state.operations.values().iterator(); it.hasNext(); ) {
            AsyncOperation op = it.next();
            if (op.running() && op.dueMillis <= now) {
                complete(op, now);
                changed = true;
            } else if (!op.running() && now - op.endMillis > KEEP_FINISHED_MILLIS) {
                it.remove();
                changed = true;
            }
        }
        if (changed) {
            save();
        }
    }

    private void complete(AsyncOperation op, long now) {
        boolean failed = op.errorCode != null;
        op.status = failed ? "Failed" : "Succeeded";
        op.endMillis = now;
        String outcome = failed ? "Failed" : "Succeeded";
        switch (op.operation) {
            case CLUSTER_PUT -> Optional.ofNullable(state.clusters.get(op.target))
                    .ifPresent(cluster -> setProvisioningState(cluster.resource, outcome));
            case POOL_PUT -> Optional.ofNullable(state.clusters.get(op.target))
                    .flatMap(cluster -> findPool(cluster, op.agentPool))
                    .ifPresent(pool -> pool.put("provisioningState", outcome));
            case CLUSTER_DELETE -> {
                if (failed) {
                    Optional.ofNullable(state.clusters.get(op.target))
                            .ifPresent(cluster -> setProvisioningState(cluster.resource, "Failed"));
                } else {
                    state.clusters.remove(op.target);
                    kubernetes.remove(op.target);
                }
            }
            case RG_DELETE -> {
                if (failed) {
                    Optional.ofNullable(state.resourceGroups.get(op.target))
                            .ifPresent(group -> group.withObjectProperty("properties")
                                    .put("provisioningState", "Succeeded"));
                } else {
                    state.resourceGroups.remove(op.target);
                    List<String> gone = new ArrayList<>();
                    state.clusters.keySet().stream().filter(k -> k.startsWith(op.target + "/")).forEach(gone::add);
                    gone.forEach(k -> {
                        state.clusters.remove(k);
                        kubernetes.remove(k);
                    });
                    state.virtualNetworks.keySet().removeIf(k -> k.startsWith(op.target + "/"));
                }
            }
            default -> throw new IllegalStateException("unknown operation " + op.operation);
        }
    }

    private Optional<AsyncOperation> runningOperation(String target) {
        return state.operations.values().stream()
                .filter(op -> op.running() && op.target.equals(target))
                .findFirst();
    }

    private ArmResponse withLroHeaders(ArmResponse response, RequestContext ctx, AsyncOperation op) {
        String operations = ctx.baseUrl() + "/subscriptions/" + op.subscriptionId
                + "/providers/Microsoft.ContainerService/locations/" + op.location;
        return response
                .header("Azure-AsyncOperation", operations + "/operations/" + op.id + "?api-version=" + op.apiVersion)
                .header("Location", operations + "/operationresults/" + op.id + "?api-version=" + op.apiVersion)
                .header("Retry-After", retryAfter());
    }

    private AsyncOperation requireOperation(String sub, String operationId) {
        AsyncOperation op = state.operations.get(operationId);
        if (op == null || !op.subscriptionId.equalsIgnoreCase(sub)) {
            throw ArmException.notFound("NotFound", "Operation '" + operationId + "' was not found.");
        }
        return op;
    }

    private String retryAfter() {
        return Integer.toString(state.settings.retryAfterSeconds());
    }

    // ---------------------------------------------------------------- internals: clusters

    private StoredCluster newStoredCluster(String sub, String rg) {
        StoredCluster cluster = new StoredCluster();
        cluster.subscriptionId = sub;
        cluster.resourceGroup = displayName(sub, rg);
        cluster.adminToken = UUID.randomUUID().toString().replace("-", "");
        cluster.userToken = UUID.randomUUID().toString().replace("-", "");
        return cluster;
    }

    /**
     * Fills in what AKS computes (ids, FQDNs, defaults, node resource group...), keeping values an
     * earlier version of the cluster already had so that an update does not change them.
     */
    private ObjectNode completeCluster(ObjectNode resource, String sub, String rg, String name, String location,
                                       String patch, StoredCluster existing) {
        ObjectNode before = existing == null ? json.createObjectNode() : existing.resource;
        JsonNode beforeProps = before.path("properties");
        String rgName = displayName(sub, rg);
        resource.put("id", "/subscriptions/" + sub + "/resourcegroups/" + rgName
                + "/providers/Microsoft.ContainerService/managedClusters/" + name);
        resource.put("name", name);
        resource.put("type", CLUSTER_TYPE);
        resource.put("location", location);
        if (!resource.path("sku").isObject()) {
            resource.putObject("sku").put("name", "Base").put("tier", "Free");
        }
        JsonNode identity = resource.path("identity");
        if (identity.isObject() && "SystemAssigned".equalsIgnoreCase(identity.path("type").asText())) {
            JsonNode old = before.path("identity");
            ((ObjectNode) identity).put("principalId", old.path("principalId").asText(UUID.randomUUID().toString()));
            ((ObjectNode) identity).put("tenantId", old.path("tenantId").asText(UUID.randomUUID().toString()));
        }

        ObjectNode p = resource.withObjectProperty("properties");
        if (identity.isObject()) {
            // AKS gives the kubelet its own identity; the fluent SDK reports it as the cluster's principal.
            JsonNode old = beforeProps.path("identityProfile").path("kubeletidentity");
            p.putObject("identityProfile").putObject("kubeletidentity")
                    .put("resourceId", "/subscriptions/" + sub + "/resourcegroups/MC_" + rgName + "_" + name + "_"
                            + location + "/providers/Microsoft.ManagedIdentity/userAssignedIdentities/" + name
                            + "-agentpool")
                    .put("clientId", old.path("clientId").asText(UUID.randomUUID().toString()))
                    .put("objectId", old.path("objectId").asText(UUID.randomUUID().toString()));
        }
        p.put("currentKubernetesVersion", patch);
        if (!p.hasNonNull("kubernetesVersion")) {
            p.put("kubernetesVersion", beforeProps.path("kubernetesVersion").asText(patch));
        }
        String dnsPrefix = p.path("dnsPrefix").asText(beforeProps.path("dnsPrefix")
                .asText(shortName(name) + "-" + shortName(rgName) + "-" + sub.substring(0, Math.min(6, sub.length()))));
        p.put("dnsPrefix", dnsPrefix);
        // AKS adds a random-looking suffix; derived from the cluster's identity here, so it never changes.
        String suffix = Integer.toHexString((sub + "/" + rgName + "/" + name).toLowerCase(Locale.ROOT).hashCode()
                | 0x10000000);
        String publicFqdn = dnsPrefix + "-" + suffix + ".hcp." + location + ".azmk8s.io";
        JsonNode access = p.path("apiServerAccessProfile");
        boolean privateCluster = access.path("enablePrivateCluster").asBoolean(false);
        if (privateCluster) {
            p.put("privateFQDN", dnsPrefix + "-" + suffix + ".privatelink." + location + ".azmk8s.io");
            if (access.path("enablePrivateClusterPublicFQDN").asBoolean(false)) {
                p.put("fqdn", publicFqdn);
            } else {
                p.remove("fqdn");
            }
        } else {
            p.put("fqdn", publicFqdn);
            p.remove("privateFQDN");
        }
        p.put("azurePortalFQDN", dnsPrefix + "-" + suffix + ".portal.hcp." + location + ".azmk8s.io");
        p.put("nodeResourceGroup", p.path("nodeResourceGroup").asText(beforeProps.path("nodeResourceGroup")
                .asText("MC_" + rgName + "_" + name + "_" + location)));
        if (!p.path("powerState").isObject()) {
            p.set("powerState", beforeProps.path("powerState").isObject()
                    ? beforeProps.get("powerState").deepCopy() : json.createObjectNode().put("code", "Running"));
        }
        p.put("maxAgentPools", 100);

        ObjectNode network = p.withObjectProperty("networkProfile");
        putIfAbsent(network, "networkPlugin", "kubenet");
        putIfAbsent(network, "loadBalancerSku", "standard");
        putIfAbsent(network, "outboundType", "loadBalancer");
        putIfAbsent(network, "serviceCidr", "10.0.0.0/16");
        putIfAbsent(network, "dnsServiceIP", "10.0.0.10");
        if ("kubenet".equals(network.path("networkPlugin").asText())) {
            putIfAbsent(network, "podCidr", "10.244.0.0/16");
        }

        boolean first = true;
        for (JsonNode pool : p.withArrayProperty("agentPoolProfiles")) {
            ObjectNode profile = (ObjectNode) pool;
            if (!profile.hasNonNull("mode")) {
                profile.put("mode", first ? "System" : "User");
            }
            completePool(profile, patch);
            first = false;
        }
        return resource;
    }

    private void completePool(ObjectNode profile, String patch) {
        putIfAbsent(profile, "vmSize", "Standard_DS2_v2");
        putIfAbsent(profile, "osType", "Linux");
        putIfAbsent(profile, "osSKU", "Ubuntu");
        putIfAbsent(profile, "type", "VirtualMachineScaleSets");
        if (!profile.has("osDiskSizeGB")) {
            profile.put("osDiskSizeGB", 128);
        }
        if (!profile.has("maxPods")) {
            profile.put("maxPods", 110);
        }
        if (!profile.has("count")) {
            profile.put("count", 1);
        }
        putIfAbsent(profile, "orchestratorVersion", patch);
        profile.put("currentOrchestratorVersion", patch);
        if (!profile.path("powerState").isObject()) {
            profile.putObject("powerState").put("code", "Running");
        }
    }

    private void setProvisioningState(ObjectNode resource, String provisioningState) {
        ObjectNode p = resource.withObjectProperty("properties");
        p.put("provisioningState", provisioningState);
        for (JsonNode pool : p.withArrayProperty("agentPoolProfiles")) {
            ((ObjectNode) pool).put("provisioningState", provisioningState);
        }
    }

    private ObjectNode agentPoolResource(StoredCluster cluster, ObjectNode profile) {
        ObjectNode pool = json.createObjectNode();
        pool.put("id", cluster.resource.path("id").asText() + "/agentPools/" + profile.path("name").asText());
        pool.put("name", profile.path("name").asText());
        pool.put("type", POOL_TYPE);
        ObjectNode properties = profile.deepCopy();
        properties.remove("name");
        pool.set("properties", properties);
        return pool;
    }

    private Optional<ObjectNode> findPool(StoredCluster cluster, String pool) {
        for (JsonNode profile : cluster.resource.path("properties").path("agentPoolProfiles")) {
            if (profile.path("name").asText().equalsIgnoreCase(pool)) {
                return Optional.of((ObjectNode) profile);
            }
        }
        return Optional.empty();
    }

    // ---------------------------------------------------------------- internals: validation

    private void validateAgentPools(ObjectNode properties, StoredCluster existing, String clusterName) {
        JsonNode pools = properties.path("agentPoolProfiles");
        if (!pools.isArray() || pools.isEmpty()) {
            throw ArmException.badRequest("InvalidParameter",
                    "The value of parameter agentPoolProfiles is invalid: at least one agent pool is required.");
        }
        Set<String> names = new HashSet<>();
        boolean system = false;
        int index = 0;
        for (JsonNode pool : pools) {
            if (!pool.isObject()) {
                throw ArmException.badRequest("InvalidParameter", "agentPoolProfiles[" + index + "] is not an object.");
            }
            validatePool((ObjectNode) pool);
            requireSubnet(pool, index);
            if (!names.add(pool.path("name").asText())) {
                throw ArmException.badRequest("InvalidParameter",
                        "Agent pool name '" + pool.path("name").asText() + "' is used twice.");
            }
            String mode = pool.path("mode").asText(index == 0 ? "System" : "User");
            system |= "System".equalsIgnoreCase(mode);
            if (existing != null) {
                findPool(existing, pool.path("name").asText()).ifPresent(old -> {
                    if (pool.hasNonNull("vmSize")
                            && !pool.path("vmSize").asText().equalsIgnoreCase(old.path("vmSize").asText())) {
                        throw ArmException.badRequest("PropertyChangeNotAllowed", "Changing property 'vmSize' of "
                                + "agent pool '" + old.path("name").asText() + "' is not allowed.");
                    }
                });
            }
            index++;
        }
        if (!system) {
            throw ArmException.badRequest("InvalidParameter",
                    "Managed cluster '" + clusterName + "' needs at least one agent pool in System mode.");
        }
    }

    private static void validatePool(ObjectNode pool) {
        String name = pool.path("name").asText("");
        if (!POOL_NAME.matcher(name).matches()) {
            throw ArmException.badRequest("InvalidParameter", "Agent pool name '" + name + "' is invalid: lower-case "
                    + "letters and digits, starting with a letter, at most 12 characters.");
        }
        if (pool.has("count") && (!pool.get("count").canConvertToInt() || pool.get("count").asInt() < 0
                || pool.get("count").asInt() > 1000)) {
            throw ArmException.badRequest("InvalidParameter",
                    "Agent pool '" + name + "' count must be between 0 and 1000.");
        }
        if ("System".equalsIgnoreCase(pool.path("mode").asText()) && pool.path("count").asInt(1) < 1) {
            throw ArmException.badRequest("InvalidParameter",
                    "System agent pool '" + name + "' needs at least one node.");
        }
    }

    private static void validateAccessProfile(ObjectNode properties) {
        JsonNode access = properties.path("apiServerAccessProfile");
        boolean privateCluster = access.path("enablePrivateCluster").asBoolean(false);
        if (access.path("enablePrivateClusterPublicFQDN").asBoolean(false) && !privateCluster) {
            throw ArmException.badRequest("InvalidParameter",
                    "enablePrivateClusterPublicFQDN can only be used with a private cluster.");
        }
        boolean ranges = access.path("authorizedIPRanges").isArray() && !access.path("authorizedIPRanges").isEmpty();
        if (ranges && privateCluster) {
            throw ArmException.badRequest("InvalidParameter",
                    "Authorized IP ranges are not supported on a private cluster.");
        }
        if (ranges && "basic".equalsIgnoreCase(properties.path("networkProfile").path("loadBalancerSku").asText())) {
            throw ArmException.badRequest("InvalidParameter",
                    "Authorized IP ranges need a Standard load balancer.");
        }
    }

    /** The patch version to run: the requested version if the location offers it, else a 400. */
    private String resolveVersion(String location, ObjectNode properties, StoredCluster existing) {
        String requested = properties.path("kubernetesVersion").asText(null);
        if (requested == null || requested.isBlank()) {
            properties.remove("kubernetesVersion");
            if (existing != null) {
                return existing.resource.path("properties").path("currentKubernetesVersion").asText();
            }
            return versions.defaultPatch(location);
        }
        if (existing != null && requested.equals(existing.resource.path("properties").path("kubernetesVersion")
                .asText())) {
            return existing.resource.path("properties").path("currentKubernetesVersion").asText();
        }
        return versions.resolve(location, requested).orElseThrow(() -> ArmException.badRequest(
                "K8sVersionNotSupported", "Version " + requested + " is not supported in this region. Supported "
                        + "versions: " + String.join(", ", versions.supported(location)) + "."));
    }

    private void requireServedLocation(String location) {
        if (!versions.serves(location)) {
            throw ArmException.notFound("LocationNotAvailableForResourceType", "The provided location '"
                    + location + "' is not available for resource type '" + CLUSTER_TYPE + "'.");
        }
    }

    private ObjectNode requireResourceGroup(String sub, String rg) {
        ObjectNode group = state.resourceGroups.get(rgKey(sub, rg));
        if (group == null) {
            throw ArmException.notFound("ResourceGroupNotFound", "Resource group '" + rg + "' could not be found.");
        }
        return group;
    }

    private StoredCluster requireCluster(String sub, String rg, String name) {
        requireResourceGroup(sub, rg);
        StoredCluster cluster = state.clusters.get(clusterKey(sub, rg, name));
        if (cluster == null) {
            throw ArmException.notFound("ResourceNotFound", "The Resource '" + CLUSTER_TYPE + "/" + name
                    + "' under resource group '" + rg + "' was not found.");
        }
        return cluster;
    }

    private static void requireNotDeleting(ObjectNode group, String rg) {
        if ("Deleting".equals(group.path("properties").path("provisioningState").asText())) {
            throw ArmException.conflict("ResourceGroupBeingDeleted",
                    "The resource group '" + rg + "' is in deprovisioning state and cannot perform this operation.");
        }
    }

    /** One change at a time per cluster, as AKS enforces. */
    private void requireIdle(StoredCluster cluster, String name) {
        JsonNode p = cluster.resource.path("properties");
        String current = p.path("provisioningState").asText("Succeeded");
        boolean busy = !TERMINAL.contains(current);
        for (JsonNode pool : p.path("agentPoolProfiles")) {
            busy |= !TERMINAL.contains(pool.path("provisioningState").asText("Succeeded"));
        }
        if (busy) {
            throw ArmException.conflict("OperationNotAllowed", "Operation is not allowed because there's an "
                    + "operation in progress on managed cluster '" + name + "' (provisioningState " + current + ").");
        }
    }

    private static void requireObject(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw ArmException.badRequest("InvalidRequestContent", "The request content is not a JSON object.");
        }
    }

    private static String requireLocation(JsonNode body) {
        requireObject(body);
        String location = body.path("location").asText("");
        if (location.isBlank()) {
            throw ArmException.badRequest("LocationRequired", "The location property is required for this definition.");
        }
        return VersionCatalog.normalizeLocation(location);
    }

    // ---------------------------------------------------------------- internals: helpers

    private ObjectNode newResourceGroup(String sub, String rg, String location) {
        ObjectNode group = json.createObjectNode();
        group.put("id", "/subscriptions/" + sub + "/resourceGroups/" + rg);
        group.put("name", rg);
        group.put("type", "Microsoft.Resources/resourceGroups");
        group.put("location", location);
        group.putObject("properties").put("provisioningState", "Succeeded");
        return group;
    }

    /** Names are case-insensitive in ARM but shown as first created. */
    private String displayName(String sub, String rg) {
        ObjectNode group = state.resourceGroups.get(rgKey(sub, rg));
        return group == null ? rg : group.path("name").asText(rg);
    }

    private ArmResponse list(ArrayNode value) {
        ObjectNode page = json.createObjectNode();
        page.set("value", value);
        return ArmResponse.of(200, page);
    }

    private static void putIfAbsent(ObjectNode node, String field, String value) {
        if (!node.hasNonNull(field) || node.path(field).asText().isEmpty()) {
            node.put(field, value);
        }
    }

    private static String shortName(String name) {
        String cleaned = name.replaceAll("[^A-Za-z0-9-]", "");
        return cleaned.substring(0, Math.min(10, cleaned.length()));
    }

    static String rgKey(String sub, String rg) {
        return lower(sub) + "/" + lower(rg);
    }

    static String vnetKey(String sub, String rg, String name) {
        return rgKey(sub, rg) + "/" + lower(name);
    }

    static String clusterKey(String sub, String rg, String name) {
        return rgKey(sub, rg) + "/" + lower(name);
    }

    private static String lower(String text) {
        return text.toLowerCase(Locale.ROOT);
    }

    /**
     * Saves the state within {@link #SAVE_DELAY_MILLIS}: the whole state is one file, and rewriting it on every
     * change made each change cost as much as all clusters together. A kill -9 loses at most that last moment.
     */
    private synchronized void save() {
        if (stateWriter.isShutdown()) {
            state.save(stateDir, json);
        } else if (!saveScheduled) {
            saveScheduled = true;
            stateWriter.schedule(this::writeState, SAVE_DELAY_MILLIS, TimeUnit.MILLISECONDS);
        }
    }

    private void writeState() {
        byte[] content;
        synchronized (this) {
            saveScheduled = false;
            content = state.serialize(json);
        }
        EmulatorState.write(stateDir, content);
    }

    /** Writes what is still pending, and from now on every change at once (the emulator is stopping). */
    void flush() {
        stateWriter.shutdown();
        try {
            stateWriter.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        writeState();
    }

    /** For the control API: the clusters as stored (ARM view). */
    synchronized Map<String, ObjectNode> clusterSnapshot() {
        advance();
        Map<String, ObjectNode> snapshot = new java.util.LinkedHashMap<>();
        state.clusters.forEach((key, cluster) -> snapshot.put(key, cluster.resource.deepCopy()));
        return snapshot;
    }
}
