package io.akscompute.cli;

import io.akscompute.client.ServiceApi;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.akscompute.common.contract.InClusterNames;
import io.akscompute.common.contract.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code az aks get-credentials --admin}: fetches a cluster's admin kubeconfig from the attacher (admins of the
 * workspace only) and merges it into the user's kubeconfig, replacing entries of the same name and making its
 * context the current one.
 */
final class CredentialsCommands {
    private CredentialsCommands() {
    }

    /** For a compute, by its name. */
    @Command(name = "get-credentials", mixinStandardHelpOptions = true, sortOptions = false, abbreviateSynopsis = true,
            description = "Merge the cluster admin kubeconfig of a compute's cluster into your kubeconfig.")
    static final class ForCompute extends KubeconfigCommand {
        @Option(names = {"-n", "--name"}, required = true, paramLabel = "NAME", order = 1,
                description = "[Required] Name of the compute target.")
        String name;

        @Override
        String fetch(ServiceApi attacher) {
            return body(attacher.get("/workspaces/" + QueryCommands.encode(global.workspace) + "/computes/"
                    + QueryCommands.encode(name) + "/kubeconfig"),
                    "credentials of compute " + global.workspace + "/" + name);
        }
    }

    /** {@code az aks get-credentials -g RG -n CLUSTER}: the same, for a cluster attached to the workspace. */
    @Command(name = "get-credentials", mixinStandardHelpOptions = true, sortOptions = false, abbreviateSynopsis = true,
            description = "Merge the admin kubeconfig of a cluster attached to the workspace, as az aks "
                    + "get-credentials.")
    static final class ForCluster extends KubeconfigCommand {
        @Mixin
        QueryCommands.ClusterOptions cluster;

        @Option(names = "--admin", order = 5, description = "Accepted as az takes it: the credentials are admin ones.")
        boolean admin;

        @Override
        String fetch(ServiceApi attacher) {
            return body(attacher.get(cluster.path(global.workspace) + "/kubeconfig" + cluster.query()),
                    "credentials of cluster " + cluster.resourceGroup + "/" + cluster.name);
        }
    }

    /** Fetches a kubeconfig and merges it into the user's. */
    abstract static class KubeconfigCommand extends QueryCommands.QueryCommand {
        @Option(names = {"-f", "--file"}, paramLabel = "FILE", order = 6,
                description = "Kubeconfig to merge into ('-': print it). Default: $KUBECONFIG, else ~/.kube/config.")
        String file;

        @Mixin
        OutputOptions output;

        abstract String fetch(ServiceApi attacher);

        @Override
        public Integer call() throws IOException {
            output.check();
            String kubeconfig = fetch(global.rest("attacher", global.attacherUrl));
            if ("-".equals(file)) {
                out().print(kubeconfig);
                return 0;
            }
            JsonNode incoming = AzFormats.YAML.readTree(kubeconfig);
            Path target = target();
            JsonNode existing = Files.exists(target) && Files.size(target) > 0
                    ? AzFormats.YAML.readTree(target.toFile()) : null;
            ObjectNode merged = existing instanceof ObjectNode config ? config
                    : AzFormats.YAML.createObjectNode().put("apiVersion", "v1").put("kind", "Config");
            for (String section : new String[] {"clusters", "contexts", "users"}) {
                merge(merged, section, incoming.path(section));
            }
            String context = incoming.path("current-context").asText();
            merged.put("current-context", context);
            Files.createDirectories(target.toAbsolutePath().getParent());
            if (!Files.exists(target)) {
                Files.createFile(target);
                try {
                    Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rw-------"));
                } catch (UnsupportedOperationException notPosix) {
                    // not a POSIX file system
                }
            }
            Files.writeString(target, AzFormats.YAML.writeValueAsString(merged));
            output.result(out(), Json.MAPPER.createObjectNode().put("context", context).put("file", target.toString())
                    .put("namespace", InClusterNames.NAMESPACE), () -> {
                        out().println("Merged \"" + context + "\" as current context in " + target);
                        out().println("The compute's front end and TLS secret live in namespace "
                                + InClusterNames.NAMESPACE + ":");
                        out().println("  kubectl -n " + InClusterNames.NAMESPACE + " get deploy,svc");
                        out().println("  kubectl -n " + InClusterNames.NAMESPACE + " get secret/azuremlfessl -o yaml");
                    });
            return 0;
        }

        private Path target() {
            if (file != null) {
                return Path.of(file);
            }
            String env = System.getenv("KUBECONFIG");
            if (env != null && !env.isBlank()) {
                return Path.of(env.split(java.io.File.pathSeparator)[0]);
            }
            return Path.of(System.getProperty("user.home"), ".kube", "config");
        }

        /** Entries of {@code section} named as an incoming one are replaced by it; the others stay. */
        private static void merge(ObjectNode config, String section, JsonNode incoming) {
            ArrayNode entries = config.path(section).isArray() ? (ArrayNode) config.get(section)
                    : config.putArray(section);
            for (JsonNode entry : incoming) {
                String entryName = entry.path("name").asText();
                for (int i = entries.size() - 1; i >= 0; i--) {
                    if (entryName.equals(entries.get(i).path("name").asText())) {
                        entries.remove(i);
                    }
                }
                entries.add(entry);
            }
        }
    }
}
