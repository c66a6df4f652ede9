package io.akscompute.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.akscompute.client.AksComputeClient;
import io.akscompute.client.Operation;
import io.akscompute.client.Outcome;
import io.akscompute.common.contract.CommandType;
import io.akscompute.common.contract.Json;
import io.akscompute.common.contract.command.AttachCluster;
import io.akscompute.common.contract.command.CreateCluster;
import io.akscompute.common.contract.command.DeleteCluster;
import io.akscompute.common.contract.command.DetachCluster;
import io.akscompute.common.contract.command.ReattachCluster;
import io.akscompute.common.contract.command.RepairCompute;
import io.akscompute.common.contract.command.ScaleCluster;
import io.akscompute.common.contract.command.UpdateCluster;
import io.akscompute.common.contract.model.AksNetworkingConfiguration;
import io.akscompute.common.contract.model.ClusterPurpose;
import io.akscompute.common.contract.model.LoadBalancerType;
import io.akscompute.common.contract.model.SslConfiguration;
import io.akscompute.common.contract.model.SslStatus;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** The commands that change a compute: each publishes one command on aks.commands and follows its outcome. */
final class ComputeCommands {
    private ComputeCommands() {
    }

    /** Publishes {@link #command()} and, with --wait, prints its progress until it ends. */
    abstract static class OperationCommand implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = {"-n", "--name"}, required = true, paramLabel = "NAME", order = 1,
                description = "[Required] Name of the compute target.")
        String name;

        @Option(names = "--wait", negatable = true, defaultValue = "true", fallbackValue = "true", order = 90,
                description = "Follow the operation and print its progress; --no-wait prints its id. Default: wait.")
        boolean waitForCompletion;

        @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "1800", order = 91,
                description = "With --wait: give up after this long. Default: ${DEFAULT-VALUE}.")
        int timeoutSeconds;

        @Mixin
        GlobalOptions global;

        @Mixin
        OutputOptions output;

        abstract io.akscompute.common.contract.Command command();

        /**
         * Progress goes to stdout as lines; with -o or --query it goes to stderr and stdout gets the result (the
         * compute, or the success's data) in that format, as az prints a result.
         */
        @Override
        public Integer call() {
            output.check();
            io.akscompute.common.contract.Command command = command();
            CommandType type = CommandType.of(command.getClass()).orElseThrow();
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter progress = output.given() ? spec.commandLine().getErr() : out;
            try (AksComputeClient client = global.client()) {
                if (!waitForCompletion) {
                    UUID id = client.publish(command);
                    if (output.given()) {
                        output.print(out, Json.MAPPER.createObjectNode().put("operationId", id.toString()),
                                OutputOptions.Format.json, null);
                    } else {
                        out.println(id);
                    }
                    return 0;
                }
                Operation operation = client.submit(command);
                progress.println(type.typeName() + " " + command.key() + ": operation " + operation.id());
                progress.flush();
                Outcome outcome = operation.waitForCompletion(line -> {
                    progress.println(line);
                    progress.flush();
                }, Duration.ofSeconds(timeoutSeconds));
                if (!outcome.succeeded()) {
                    spec.commandLine().getErr().println("error: " + type.typeName() + " failed: "
                            + outcome.data().path("code").asText());
                    return CliException.FAILED;
                }
                if (output.given()) {
                    JsonNode data = outcome.data();
                    output.print(out, data.has("compute") ? data.get("compute") : data, OutputOptions.Format.json,
                            QueryCommands::table);
                }
                return 0;
            }
        }

        ParameterException usage(String message) {
            return new ParameterException(spec.commandLine(), message);
        }

        String workspace() {
            return global.workspace;
        }
    }

    /** TLS of the scoring endpoint, as in {@code AksCompute.provisioning_configuration(ssl_...)}. */
    static final class SslOptions {
        @Option(names = "--ssl-leaf-domain-label", paramLabel = "LABEL", order = 40,
                description = "TLS with a certificate issued for LABEL.<location>.cloudapp.azure.com.")
        String leafDomainLabel;

        @Option(names = "--ssl-overwrite-existing-domain", order = 40,
                description = "With --ssl-leaf-domain-label: take the label over even if it was issued before.")
        boolean overwriteExistingDomain;

        @Option(names = "--ssl-cert-ref", paramLabel = "REF", order = 41,
                description = "TLS with your certificate, from 'akscompute tls upload'.")
        String certificateRef;

        @Option(names = "--ssl-cert-file", paramLabel = "FILE", order = 42,
                description = "TLS with your certificate: PEM certificate or chain, uploaded to tls-manager first.")
        Path certFile;

        @Option(names = "--ssl-key-file", paramLabel = "FILE", order = 43,
                description = "PEM private key of --ssl-cert-file.")
        Path keyFile;

        @Option(names = "--ssl-cname", paramLabel = "CNAME", order = 44,
                description = "Host name of your certificate (with --ssl-cert-ref or --ssl-cert-file).")
        String cname;

        /** Null when no TLS flag was given; uploads --ssl-cert-file first. */
        SslConfiguration configuration(OperationCommand command) {
            boolean own = certificateRef != null || certFile != null || keyFile != null || cname != null;
            if (leafDomainLabel != null && own) {
                throw command.usage("--ssl-leaf-domain-label excludes --ssl-cert-ref, --ssl-cert-file, --ssl-key-file"
                        + " and --ssl-cname");
            }
            if (overwriteExistingDomain && leafDomainLabel == null) {
                throw command.usage("--ssl-overwrite-existing-domain needs --ssl-leaf-domain-label");
            }
            if (leafDomainLabel != null) {
                return new SslConfiguration(SslStatus.Auto, null, null, leafDomainLabel,
                        overwriteExistingDomain ? Boolean.TRUE : null, null);
            }
            if (!own) {
                return null;
            }
            if (certificateRef != null && (certFile != null || keyFile != null)) {
                throw command.usage("--ssl-cert-ref excludes --ssl-cert-file and --ssl-key-file");
            }
            if (certificateRef == null && (certFile == null || keyFile == null)) {
                throw command.usage("your own certificate needs --ssl-cert-file and --ssl-key-file (or --ssl-cert-ref)");
            }
            if (cname == null) {
                throw command.usage("--ssl-cname is required with your own certificate");
            }
            String ref = certificateRef != null ? certificateRef
                    : TlsCommands.Certificates.upload(command.global, command.spec, certFile, keyFile, cname);
            return SslConfiguration.custom(ref, cname);
        }

        boolean given() {
            return leafDomainLabel != null || overwriteExistingDomain || certificateRef != null || certFile != null
                    || keyFile != null || cname != null;
        }
    }

    static final class LoadBalancerOptions {
        @Option(names = "--load-balancer-type", paramLabel = "TYPE", order = 50,
                description = "${COMPLETION-CANDIDATES}. Service default: PublicIp.")
        LoadBalancerType type;

        @Option(names = "--load-balancer-subnet", paramLabel = "SUBNET", order = 51,
                description = "Subnet of an InternalLoadBalancer.")
        String subnet;
    }

    /** What create and attach both set on the compute: purpose, description, TLS and load balancer. */
    static final class ComputeOptions {
        @Option(names = "--cluster-purpose", paramLabel = "PURPOSE", order = 6,
                description = "${COMPLETION-CANDIDATES}. Service default: FastProd.")
        ClusterPurpose clusterPurpose;

        @Option(names = "--description", paramLabel = "TEXT", order = 7, description = "Description of the compute.")
        String description;

        @Mixin
        SslOptions ssl;

        @Mixin
        LoadBalancerOptions loadBalancer;
    }

    @Command(name = "create", mixinStandardHelpOptions = true, sortOptions = false,
        abbreviateSynopsis = true,
            description = "Create a compute target with a new cluster.", subcommands = CreateAks.class)
    static final class Create {
    }

    @Command(name = "aks", mixinStandardHelpOptions = true, sortOptions = false,
        abbreviateSynopsis = true,
            description = "Create a new AKS cluster and attach it as a compute target.")
    static final class CreateAks extends OperationCommand {
        @Option(names = {"-l", "--location"}, paramLabel = "LOCATION", order = 2,
                description = "Azure location. Service default: the workspace's.")
        String location;

        @Option(names = {"-g", "--resource-group"}, paramLabel = "RG", order = 3,
                description = "Resource group. Service default: the workspace's.")
        String resourceGroup;

        @Option(names = "--agent-count", paramLabel = "N", order = 4,
                description = "Number of nodes. Service default: 3, 1 for DevTest.")
        Integer agentCount;

        @Option(names = "--vm-size", paramLabel = "SIZE", order = 5,
                description = "Node VM size. Service default: " + CreateCluster.DEFAULT_VM_SIZE + ".")
        String vmSize;

        @Mixin
        ComputeOptions compute;

        @Mixin
        NetworkOptions network;

        @Override
        CreateCluster command() {
            if (agentCount != null && agentCount < 1) {
                throw usage("--agent-count must be at least 1");
            }
            return new CreateCluster(workspace(), name, location, resourceGroup, agentCount, vmSize,
                    compute.clusterPurpose, network.configuration(), compute.loadBalancer.type,
                    compute.loadBalancer.subnet, compute.ssl.configuration(this), compute.description, null);
        }
    }

    /** The virtual network of a new cluster, az's six flags; the service checks them (all or none). */
    static final class NetworkOptions {
        @Option(names = "--vnet-resourcegroup-name", paramLabel = "RG", order = 60,
                description = "Resource group of the virtual network.")
        String vnetResourceGroup;

        @Option(names = "--vnet-name", paramLabel = "VNET", order = 61, description = "Virtual network.")
        String vnetName;

        @Option(names = "--subnet-name", paramLabel = "SUBNET", order = 62, description = "Subnet of the nodes.")
        String subnetName;

        @Option(names = "--service-cidr", paramLabel = "CIDR", order = 63,
                description = "Kubernetes service address range, e.g. 10.0.0.0/16.")
        String serviceCidr;

        @Option(names = "--dns-service-ip", paramLabel = "IP", order = 64,
                description = "Kubernetes DNS service address, inside --service-cidr.")
        String dnsServiceIp;

        @Option(names = "--docker-bridge-cidr", paramLabel = "CIDR", order = 65,
                description = "Docker bridge range (current AKS ignores it; a warning says so).")
        String dockerBridgeCidr;

        /** Null when no networking flag is given. */
        AksNetworkingConfiguration configuration() {
            if (vnetResourceGroup == null && vnetName == null && subnetName == null && serviceCidr == null
                    && dnsServiceIp == null && dockerBridgeCidr == null) {
                return null;
            }
            return new AksNetworkingConfiguration(vnetResourceGroup, vnetName, subnetName, serviceCidr, dnsServiceIp,
                    dockerBridgeCidr);
        }
    }

    @Command(name = "attach", mixinStandardHelpOptions = true, sortOptions = false,
        abbreviateSynopsis = true,
            description = "Attach an existing cluster as a compute target.", subcommands = AttachAks.class)
    static final class Attach {
    }

    @Command(name = "aks", mixinStandardHelpOptions = true, sortOptions = false,
        abbreviateSynopsis = true,
            description = "Attach an existing AKS cluster as a compute target.")
    static final class AttachAks extends OperationCommand {
        /** Azure ML's attach_configuration: a resource id, or the cluster's resource group and name. */
        static final class Target {
            @Option(names = {"-i", "--compute-resource-id"}, paramLabel = "ID", required = true, order = 2,
                    description = "[Required, or --cluster-resource-group and --cluster-name] ARM id of the AKS "
                            + "cluster.")
            String resourceId;

            @ArgGroup(exclusive = false, multiplicity = "1")
            ByName byName;
        }

        static final class ByName {
            @Option(names = "--cluster-resource-group", paramLabel = "RG", required = true, order = 3,
                    description = "Resource group of the AKS cluster.")
            String resourceGroup;

            @Option(names = "--cluster-name", paramLabel = "CLUSTER", required = true, order = 4,
                    description = "Name of the AKS cluster.")
            String clusterName;
        }

        @ArgGroup(exclusive = true, multiplicity = "1")
        Target target;

        @Mixin
        WorkspaceGroup workspaceGroup;

        @Mixin
        ComputeOptions compute;

        @Override
        AttachCluster command() {
            ByName byName = target.byName;
            return new AttachCluster(workspace(), name, target.resourceId,
                    byName == null ? null : byName.resourceGroup, byName == null ? null : byName.clusterName,
                    compute.clusterPurpose, compute.loadBalancer.type, compute.loadBalancer.subnet,
                    compute.ssl.configuration(this), compute.description);
        }
    }

    /**
     * az's {@code -g} on the ml commands: the workspace's resource group. akscompute names a workspace by {@code -w}
     * alone, so the value is taken and not needed; the cluster's group has its own flag.
     */
    static final class WorkspaceGroup {
        @Option(names = {"-g", "--resource-group"}, paramLabel = "RG", order = 89,
                description = "Resource group of the workspace, as az takes it; akscompute needs only -w.")
        String resourceGroup;
    }

    @Command(name = "detach", mixinStandardHelpOptions = true, sortOptions = false,
        abbreviateSynopsis = true,
            description = "Detach a compute target; the AKS cluster stays.")
    static final class Detach extends OperationCommand {
        @Mixin
        WorkspaceGroup workspaceGroup;

        @Override
        DetachCluster command() {
            return new DetachCluster(workspace(), name);
        }
    }

    @Command(name = "delete", mixinStandardHelpOptions = true, sortOptions = false,
        abbreviateSynopsis = true,
            description = "Detach a compute target and delete the cluster akscompute created for it.")
    static final class Delete extends OperationCommand {
        @Mixin
        WorkspaceGroup workspaceGroup;

        @Override
        DeleteCluster command() {
            return new DeleteCluster(workspace(), name);
        }
    }

    @Command(name = "update", mixinStandardHelpOptions = true, sortOptions = false,
        abbreviateSynopsis = true,
            description = "Change the TLS or load balancer of a compute target's scoring endpoint.")
    static final class Update extends UpdateCommand {
    }

    @Command(name = "aks", mixinStandardHelpOptions = true, sortOptions = false, abbreviateSynopsis = true,
            description = "Change the TLS or load balancer of an AKS compute target's scoring endpoint.")
    static final class UpdateAks extends UpdateCommand {
    }

    /** {@code update} and az's {@code ml computetarget update aks}: the same options. */
    abstract static class UpdateCommand extends OperationCommand {
        @Mixin
        WorkspaceGroup workspaceGroup;

        @Mixin
        SslOptions ssl;

        @Option(names = "--ssl-disable", order = 45, description = "Turn TLS off.")
        boolean sslDisable;

        @Mixin
        LoadBalancerOptions loadBalancer;

        @Override
        UpdateCluster command() {
            if (sslDisable && ssl.given()) {
                throw usage("--ssl-disable excludes the other --ssl-* options");
            }
            SslConfiguration sslConfiguration = sslDisable
                    ? new SslConfiguration(SslStatus.Disabled, null, null, null, null, null)
                    : ssl.configuration(this);
            if (sslConfiguration == null && loadBalancer.type == null && loadBalancer.subnet == null) {
                throw usage("nothing to update: give --load-balancer-type, --load-balancer-subnet, --ssl-* "
                        + "or --ssl-disable");
            }
            return new UpdateCluster(workspace(), name, sslConfiguration, loadBalancer.type, loadBalancer.subnet);
        }
    }

    @Command(name = "reattach", mixinStandardHelpOptions = true, sortOptions = false,
        abbreviateSynopsis = true,
            description = "Reinstall the in-cluster components of a compute target at the current version.")
    static final class Reattach extends OperationCommand {
        @Override
        ReattachCluster command() {
            return new ReattachCluster(workspace(), name);
        }
    }

    @Command(name = "repair", mixinStandardHelpOptions = true, sortOptions = false,
        abbreviateSynopsis = true,
            description = "Put a drifted compute target's front end and TLS secret back as recorded.")
    static final class Repair extends OperationCommand {
        @Override
        RepairCompute command() {
            return new RepairCompute(workspace(), name);
        }
    }

    @Command(name = "scale", mixinStandardHelpOptions = true, sortOptions = false,
        abbreviateSynopsis = true,
            description = "Change the node count of a cluster akscompute created.")
    static final class Scale extends OperationCommand {
        @Option(names = "--agent-count", paramLabel = "N", required = true, order = 4,
                description = "[Required] New number of nodes.")
        Integer agentCount;

        @Option(names = "--vm-size", paramLabel = "SIZE", order = 5,
                description = "Expected node VM size; AKS cannot change it.")
        String vmSize;

        @Override
        ScaleCluster command() {
            if (agentCount < 1) {
                throw usage("--agent-count must be at least 1");
            }
            return new ScaleCluster(workspace(), name, agentCount, vmSize);
        }
    }
}
