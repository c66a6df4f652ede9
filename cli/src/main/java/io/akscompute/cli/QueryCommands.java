package io.akscompute.cli;

import io.akscompute.client.AksComputeException;
import io.akscompute.client.ServiceApi;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.akscompute.common.contract.AzTable;
import io.akscompute.common.contract.ComputeList;
import io.akscompute.common.contract.Json;
import java.io.PrintWriter;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** Read-only commands: the services' REST endpoints. */
final class QueryCommands {
    private QueryCommands() {
    }

    abstract static class QueryCommand implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        GlobalOptions global;

        PrintWriter out() {
            return spec.commandLine().getOut();
        }

        /** The body of a 2xx answer; anything else ends the command with exit code 1 and the service's reason. */
        static String body(ServiceApi.Response response, String what) {
            if (!response.ok()) {
                throw CliException.failed(what + ": " + response.problem());
            }
            return response.body();
        }
    }

    /** A read of version-catalog about one location, printed with az's output options. */
    abstract static class LocationQuery extends QueryCommand {
        @Option(names = {"-l", "--location"}, paramLabel = "LOCATION", required = true, order = 1,
                description = "[Required] Azure location, e.g. westus.")
        String location;

        @Mixin
        OutputOptions output;

        ServiceApi catalog() {
            return global.rest("version-catalog", global.versionCatalogUrl);
        }
    }

    @Command(name = "versions", mixinStandardHelpOptions = true, sortOptions = false,
        abbreviateSynopsis = true,
            description = "List the Kubernetes versions a location offers.")
    static class Versions extends LocationQuery {
        @Override
        public Integer call() {
            output.check();
            ServiceApi catalog = catalog();
            String path = "/versions?location=" + encode(location);
            if (output.format(OutputOptions.Format.table) == OutputOptions.Format.table && output.query == null) {
                // az's own table for this command, which the service renders
                out().println(body(catalog.get(path + "&output=table"), "versions of " + location).stripTrailing());
                return 0;
            }
            JsonNode listing = readTree(body(catalog.get(path), "versions of " + location));
            output.print(out(), shape(listing), OutputOptions.Format.table, null);
            return 0;
        }

        /** The JSON the command shows: the service's listing. */
        JsonNode shape(JsonNode listing) {
            return listing;
        }
    }

    /**
     * The VM sizes a location offers, in {@code az vm list-sizes}' shape (memoryInMb, name, numberOfCores), with
     * the restriction Azure names for a size the subscription may not use there.
     */
    @Command(name = "vm-sizes", mixinStandardHelpOptions = true, sortOptions = false,
            abbreviateSynopsis = true, description = "List the VM sizes a location offers, as az vm list-sizes.")
    static class VmSizes extends LocationQuery {
        @Override
        public Integer call() {
            output.check();
            JsonNode answer = readTree(body(catalog().get("/vmsizes?location=" + encode(location)),
                    "VM sizes of " + location));
            ArrayNode sizes = Json.MAPPER.createArrayNode();
            for (JsonNode size : answer.path("vmSizes")) {
                ObjectNode o = sizes.addObject();
                o.put("memoryInMb", Math.round(size.path("memoryGiB").asDouble() * 1024));
                o.put("name", size.path("name").asText());
                o.put("numberOfCores", size.path("vCpus").asInt());
                if (size.hasNonNull("restriction")) {
                    o.put("restriction", size.path("restriction").asText());
                }
            }
            output.print(out(), sizes, OutputOptions.Format.json, null);
            return 0;
        }
    }

    /** {@code az vm list-sizes}. */
    @Command(name = "list-sizes", mixinStandardHelpOptions = true, sortOptions = false, abbreviateSynopsis = true,
            description = "List the VM sizes a location offers, as az vm list-sizes.")
    static final class VmListSizes extends VmSizes {
    }

    /**
     * {@code az aks get-versions}: the same versions in the shape the how-to's query addresses ({@code orchestrators},
     * oldest first, {@code default} true or null, {@code upgrades} null when there are none).
     */
    @Command(name = "get-versions", mixinStandardHelpOptions = true, sortOptions = false, abbreviateSynopsis = true,
            description = "List the Kubernetes versions a location offers, as az aks get-versions.")
    static final class AksGetVersions extends Versions {
        @Override
        JsonNode shape(JsonNode listing) {
            ObjectNode doc = Json.MAPPER.createObjectNode().put("name", "default")
                    .put("type", "Microsoft.ContainerService/locations/orchestrators");
            ArrayNode orchestrators = doc.putArray("orchestrators");
            List<JsonNode> newestFirst = new ArrayList<>();
            listing.path("versions").forEach(newestFirst::add);
            for (int i = newestFirst.size() - 1; i >= 0; i--) {
                JsonNode v = newestFirst.get(i);
                ObjectNode o = orchestrators.addObject();
                trueOrNull(o, "default", v.path("isDefault").asBoolean());
                trueOrNull(o, "isPreview", v.path("isPreview").asBoolean());
                o.put("orchestratorType", "Kubernetes").put("orchestratorVersion", v.path("version").asText());
                if (v.path("upgrades").isEmpty()) {
                    o.putNull("upgrades");
                } else {
                    ArrayNode upgrades = o.putArray("upgrades");
                    v.path("upgrades").forEach(u -> trueOrNull(upgrades.addObject(), "isPreview",
                            u.path("isPreview").asBoolean()).put("orchestratorType", "Kubernetes")
                            .put("orchestratorVersion", u.path("version").asText()));
                }
            }
            return doc;
        }

        private static ObjectNode trueOrNull(ObjectNode o, String field, boolean value) {
            return value ? o.put(field, true) : o.putNull(field);
        }
    }

    /** az's way to name an AKS cluster: {@code -g RG -n NAME}, with {@code --subscription}. */
    static final class ClusterOptions {
        @Option(names = {"-n", "--name"}, required = true, paramLabel = "CLUSTER", order = 1,
                description = "[Required] Name of the AKS cluster.")
        String name;

        @Option(names = {"-g", "--resource-group"}, required = true, paramLabel = "RG", order = 2,
                description = "[Required] Resource group of the AKS cluster.")
        String resourceGroup;

        @Option(names = "--subscription", paramLabel = "ID", order = 3,
                description = "Subscription of the cluster. Default: the one akscompute is configured with.")
        String subscription;

        String path(String workspace) {
            return "/workspaces/" + encode(workspace) + "/clusters/" + encode(resourceGroup) + "/" + encode(name);
        }

        String query() {
            return subscription == null ? "" : "?subscription=" + encode(subscription);
        }
    }

    /** {@code az aks show}: the cluster as ARM shows it, for admins of the workspace (who may attach it). */
    @Command(name = "show", mixinStandardHelpOptions = true, sortOptions = false, abbreviateSynopsis = true,
            description = "Show an AKS cluster as ARM has it, as az aks show.")
    static final class AksShow extends QueryCommand {
        @Mixin
        ClusterOptions cluster;

        @Mixin
        OutputOptions output;

        @Override
        public Integer call() {
            output.check();
            ServiceApi attacher = global.rest("attacher", global.attacherUrl);
            JsonNode shown = readTree(body(attacher.get(cluster.path(global.workspace) + cluster.query()),
                    "cluster " + cluster.resourceGroup + "/" + cluster.name));
            output.print(out(), shown, OutputOptions.Format.json, null);
            return 0;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, sortOptions = false,
        abbreviateSynopsis = true,
            description = "List the compute targets of a workspace.")
    static final class ListComputes extends QueryCommand {
        @Mixin
        ComputeCommands.WorkspaceGroup workspaceGroup;

        @Mixin
        OutputOptions output;

        @Override
        public Integer call() {
            output.check();
            ServiceApi attacher = global.rest("attacher", global.attacherUrl);
            // Every page, as az lists every compute: the largest pages the attacher gives, each asked of the
            // attacher's address as this CLI knows it.
            ArrayNode computes = Json.MAPPER.createArrayNode();
            String base = "/workspaces/" + encode(global.workspace) + "/computes?" + ComputeList.TOP + "="
                    + ComputeList.MAX_TOP;
            Optional<String> next = Optional.empty();
            do {
                JsonNode page = readTree(body(attacher.get(base + next.map(t -> "&" + ComputeList.SKIP_TOKEN + "="
                        + encode(t)).orElse("")), "computes of workspace " + global.workspace));
                page.path("value").forEach(computes::add);
                next = ComputeList.skipToken(page.path("nextLink").textValue());
            } while (next.isPresent());
            output.print(out(), computes, OutputOptions.Format.table, QueryCommands::table);
            return 0;
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true, sortOptions = false,
        abbreviateSynopsis = true,
            description = "Show one compute target.")
    static final class Show extends QueryCommand {
        @Option(names = {"-n", "--name"}, required = true, paramLabel = "NAME", order = 1,
                description = "[Required] Name of the compute target.")
        String name;

        @Mixin
        ComputeCommands.WorkspaceGroup workspaceGroup;

        @Mixin
        OutputOptions output;

        @Override
        public Integer call() {
            output.check();
            ServiceApi attacher = global.rest("attacher", global.attacherUrl);
            JsonNode compute = readTree(body(attacher.get("/workspaces/" + encode(global.workspace) + "/computes/"
                    + encode(name)), "compute " + global.workspace + "/" + name));
            output.print(out(), compute, OutputOptions.Format.json, QueryCommands::table);
            return 0;
        }
    }

    @Command(name = "operation", mixinStandardHelpOptions = true, sortOptions = false,
        abbreviateSynopsis = true,
            description = "Show an operation and its steps, asking each service.")
    static final class OperationStatus extends QueryCommand {
        @Parameters(paramLabel = "ID", description = "Operation id (printed by --no-wait).")
        String id;

        @Mixin
        OutputOptions output;

        @Override
        public Integer call() {
            output.check();
            try {
                UUID.fromString(id);
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), "'" + id + "' is not an operation id (a UUID)");
            }
            List<ServiceApi> services = List.of(global.rest("version-catalog", global.versionCatalogUrl),
                    global.rest("provisioner", global.provisionerUrl), global.rest("attacher", global.attacherUrl),
                    global.rest("tls-manager", global.tlsManagerUrl));
            List<String> unreachable = new ArrayList<>();
            for (ServiceApi service : services) {
                ServiceApi.Response response;
                try {
                    response = service.get("/operations/" + id);
                } catch (AksComputeException e) {
                    if (!e.unreachable()) {
                        throw e;
                    }
                    unreachable.add(e.getMessage());
                    continue;
                }
                if (response.ok()) {
                    ObjectNode view = Json.MAPPER.createObjectNode().put("service", service.service());
                    view.setAll((ObjectNode) readTree(response.body()));
                    output.print(out(), view, OutputOptions.Format.json, null);
                    return 0;
                }
                if (response.status() != 404) {
                    throw CliException.failed(service.service() + ": " + response.problem());
                }
            }
            if (!unreachable.isEmpty()) {
                throw CliException.unreachable("operation " + id + " not found; " + String.join("; ", unreachable));
            }
            throw CliException.failed("no service knows operation " + id);
        }
    }

    /**
     * The columns {@code az ml computetarget list -o table} shows, plus what AKS adds and the drift the attacher's
     * last check found (the fields that differ; {@code show} prints each with its expected and actual value).
     */
    static String table(JsonNode computes) {
        List<List<String>> rows = new ArrayList<>();
        for (JsonNode c : computes.isArray() ? computes : List.of(computes)) {
            JsonNode p = c.path("properties");
            rows.add(List.of(c.path("name").asText(), c.path("provisioningState").asText(),
                    String.valueOf(c.path("isAttachedCompute").asBoolean()), c.path("computeLocation").asText(),
                    p.path("clusterPurpose").asText(), p.path("agentCount").asText(), p.path("agentVmSize").asText(),
                    p.path("kubernetesVersion").asText(), p.at("/systemServices/0/publicIpAddress").asText(),
                    drift(c.path("drift"))));
        }
        return AzTable.render(List.of("Name", "State", "Attached", "Location", "Purpose", "Agents", "VmSize",
                "Kubernetes", "ScoringEndpoint", "Drift"), rows, Set.of(5));
    }

    /** {@code none}, or the fields that differ: {@code DRIFT loadBalancerType, tls.secret}. */
    static String drift(JsonNode differences) {
        if (!differences.isArray() || differences.isEmpty()) {
            return "none";
        }
        List<String> fields = new ArrayList<>();
        differences.forEach(d -> fields.add(d.path("field").asText()));
        return "DRIFT " + String.join(", ", fields);
    }

    static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    static JsonNode readTree(String body) {
        try {
            return Json.MAPPER.readTree(body);
        } catch (JsonProcessingException e) {
            throw CliException.failed("the service answered with something that is not JSON");
        }
    }
}
