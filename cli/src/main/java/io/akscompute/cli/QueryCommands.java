package io.akscompute.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.akscompute.common.contract.Json;
import java.io.PrintWriter;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
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

    enum Output { table, json }

    abstract static class QueryCommand implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        GlobalOptions global;

        PrintWriter out() {
            return spec.commandLine().getOut();
        }

        /** The body of a 2xx answer; anything else ends the command with exit code 1 and the service's reason. */
        static String body(Rest.Response response, String what) {
            if (!response.ok()) {
                throw CliException.failed(what + ": " + response.problem());
            }
            return response.body();
        }
    }

    @Command(name = "versions", mixinStandardHelpOptions = true, sortOptions = false,
        abbreviateSynopsis = true,
            description = "List the Kubernetes versions a location offers.")
    static final class Versions extends QueryCommand {
        @Option(names = {"-l", "--location"}, paramLabel = "LOCATION", required = true, order = 1,
                description = "[Required] Azure location, e.g. westus.")
        String location;

        @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", defaultValue = "table", order = 2,
                description = "${COMPLETION-CANDIDATES}. Default: ${DEFAULT-VALUE}.")
        Output output;

        @Override
        public Integer call() {
            Rest catalog = global.rest("version-catalog", global.versionCatalogUrl);
            String body = body(catalog.get("/versions?location=" + encode(location) + "&output=" + output),
                    "versions of " + location);
            out().println(output == Output.json ? pretty(body) : body.stripTrailing());
            return 0;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, sortOptions = false,
        abbreviateSynopsis = true,
            description = "List the compute targets of a workspace.")
    static final class ListComputes extends QueryCommand {
        @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", defaultValue = "table", order = 2,
                description = "${COMPLETION-CANDIDATES}. Default: ${DEFAULT-VALUE}.")
        Output output;

        @Override
        public Integer call() {
            Rest attacher = global.rest("attacher", global.attacherUrl);
            String body = body(attacher.get("/workspaces/" + encode(global.workspace) + "/computes"),
                    "computes of workspace " + global.workspace);
            if (output == Output.json) {
                out().println(pretty(body));
            } else {
                List<JsonNode> computes = new ArrayList<>();
                readTree(body).forEach(computes::add);
                out().print(table(computes));
            }
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

        @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", defaultValue = "json", order = 2,
                description = "${COMPLETION-CANDIDATES}. Default: ${DEFAULT-VALUE}.")
        Output output;

        @Override
        public Integer call() {
            Rest attacher = global.rest("attacher", global.attacherUrl);
            String body = body(attacher.get("/workspaces/" + encode(global.workspace) + "/computes/" + encode(name)),
                    "compute " + global.workspace + "/" + name);
            out().print(output == Output.json ? pretty(body) + System.lineSeparator() : table(List.of(readTree(body))));
            return 0;
        }
    }

    @Command(name = "operation", mixinStandardHelpOptions = true, sortOptions = false,
        abbreviateSynopsis = true,
            description = "Show an operation and its steps, asking each service.")
    static final class OperationStatus extends QueryCommand {
        @Parameters(paramLabel = "ID", description = "Operation id (printed by --no-wait).")
        String id;

        @Override
        public Integer call() {
            try {
                UUID.fromString(id);
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), "'" + id + "' is not an operation id (a UUID)");
            }
            List<Rest> services = List.of(global.rest("version-catalog", global.versionCatalogUrl),
                    global.rest("provisioner", global.provisionerUrl), global.rest("attacher", global.attacherUrl),
                    global.rest("tls-manager", global.tlsManagerUrl));
            List<String> unreachable = new ArrayList<>();
            for (Rest service : services) {
                Rest.Response response;
                try {
                    response = service.get("/operations/" + id);
                } catch (CliException e) {
                    unreachable.add(e.getMessage());
                    continue;
                }
                if (response.ok()) {
                    ObjectNode view = Json.MAPPER.createObjectNode().put("service", service.service());
                    view.setAll((ObjectNode) readTree(response.body()));
                    out().println(pretty(Json.write(view)));
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

    /** The columns {@code az ml computetarget list -o table} shows, plus what AKS adds. */
    static String table(List<JsonNode> computes) {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"Name", "State", "Attached", "Location", "Purpose", "Agents", "VmSize", "Kubernetes",
            "ScoringEndpoint"});
        for (JsonNode c : computes) {
            JsonNode p = c.path("properties");
            rows.add(new String[] {c.path("name").asText(), c.path("provisioningState").asText(),
                String.valueOf(c.path("isAttachedCompute").asBoolean()), c.path("computeLocation").asText(),
                p.path("clusterPurpose").asText(), p.path("agentCount").asText(), p.path("agentVmSize").asText(),
                p.path("kubernetesVersion").asText(), p.at("/systemServices/0/publicIpAddress").asText()});
        }
        int[] widths = new int[rows.get(0).length];
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        StringBuilder sb = new StringBuilder();
        for (int r = 0; r < rows.size(); r++) {
            line(sb, rows.get(r), widths);
            if (r == 0) {
                String[] rule = new String[widths.length];
                for (int i = 0; i < widths.length; i++) {
                    rule[i] = "-".repeat(widths[i]);
                }
                line(sb, rule, widths);
            }
        }
        return sb.toString();
    }

    private static void line(StringBuilder sb, String[] cells, int[] widths) {
        StringBuilder l = new StringBuilder();
        for (int i = 0; i < cells.length; i++) {
            l.append(i == 0 ? "" : "  ").append(String.format("%-" + widths[i] + "s", cells[i]));
        }
        sb.append(l.toString().stripTrailing()).append(System.lineSeparator());
    }

    static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    static JsonNode readTree(String body) {
        JsonNode json = StatusStream.readOrNull(body);
        if (json == null) {
            throw CliException.failed("the service answered with something that is not JSON");
        }
        return json;
    }

    static String pretty(String json) {
        try {
            return Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(readTree(json));
        } catch (JsonProcessingException e) {
            return json;
        }
    }
}
