package io.akscompute.cli;

import picocli.CommandLine.Command;

/**
 * The same commands under az's names, so that the how-to's command lines run with only {@code az} replaced:
 * {@code aks get-versions|show|get-credentials}, and {@code ml computetarget} with {@code create aks},
 * {@code attach aks}, {@code update aks}, {@code detach}, {@code delete}, {@code list}, {@code show}; and
 * {@code vm list-sizes}.
 */
final class AzCommands {
    private AzCommands() {
    }

    @Command(name = "ml", mixinStandardHelpOptions = true, abbreviateSynopsis = true,
            description = "az ml's names for the compute target commands.", subcommands = ComputeTarget.class)
    static final class Ml {
    }

    @Command(name = "computetarget", mixinStandardHelpOptions = true, abbreviateSynopsis = true,
            description = "Compute targets, as az ml computetarget.",
            subcommands = {ComputeCommands.Create.class, ComputeCommands.Attach.class, Update.class,
                ComputeCommands.Detach.class, ComputeCommands.Delete.class, QueryCommands.ListComputes.class,
                QueryCommands.Show.class})
    static final class ComputeTarget {
    }

    @Command(name = "update", mixinStandardHelpOptions = true, abbreviateSynopsis = true,
            description = "Change the TLS or load balancer of a compute target's scoring endpoint.",
            subcommands = ComputeCommands.UpdateAks.class)
    static final class Update {
    }

    @Command(name = "vm", mixinStandardHelpOptions = true, abbreviateSynopsis = true,
            description = "az vm's name for the VM sizes of a location.", subcommands = QueryCommands.VmListSizes.class)
    static final class Vm {
    }

    @Command(name = "aks", mixinStandardHelpOptions = true, abbreviateSynopsis = true,
            description = "az aks's names: versions, a cluster, its credentials.",
            subcommands = {QueryCommands.AksGetVersions.class, QueryCommands.AksShow.class,
                CredentialsCommands.ForCluster.class})
    static final class Aks {
    }
}
