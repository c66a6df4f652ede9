package io.akscompute.cli;

import io.akscompute.client.AksComputeException;
import io.akscompute.client.ServiceApi;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code akscompute}: what {@code az ml computetarget ... aks} does, against the akscompute suite. */
@Command(name = "akscompute", mixinStandardHelpOptions = true, sortOptions = false,
        abbreviateSynopsis = true,
        versionProvider = AksComputeCli.Version.class,
        description = "Manage AKS clusters as inference compute targets of a machine-learning workspace.",
        footer = {"", "Exit codes: 0 success, 1 operation failed, 2 usage error, 3 Kafka or a service unreachable."},
        subcommands = {
            ComputeCommands.Create.class,
            ComputeCommands.Attach.class,
            ComputeCommands.Detach.class,
            ComputeCommands.Delete.class,
            ComputeCommands.Update.class,
            ComputeCommands.Reattach.class,
            ComputeCommands.Repair.class,
            ComputeCommands.Scale.class,
            QueryCommands.Versions.class,
            QueryCommands.VmSizes.class,
            QueryCommands.ListComputes.class,
            QueryCommands.Show.class,
            QueryCommands.OperationStatus.class,
            WatchCommand.class,
            TlsCommands.class,
            LoginCommand.class,
            CredentialsCommands.ForCompute.class,
            AzCommands.Ml.class,
            AzCommands.Aks.class,
            AzCommands.Vm.class,
        })
public final class AksComputeCli {

    public static void main(String[] args) {
        System.exit(run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args));
    }

    /** Runs one command line with the given streams and returns the exit code. */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        CommandLine cli = new CommandLine(new AksComputeCli());
        // Help as az prints it, for every command: each flag and its description (default inline) on one line.
        cli.setUsageHelpAutoWidth(true);
        cli.setUsageHelpWidth(130);
        cli.setUsageHelpLongOptionsMaxWidth(40); // wide enough for --load-balancer-subnet=SUBNET
        cli.setOut(out);
        cli.setErr(err);
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            if (e instanceof CliException c) {
                commandLine.getErr().println("error: " + c.getMessage());
                return c.exitCode();
            }
            if (e instanceof ServiceApi.TokenRefusedException) {
                commandLine.getErr().println("error: " + e.getMessage() + ": log in ('akscompute login'), set "
                        + "AKSCOMPUTE_TOKEN or give --token");
                return CliException.FAILED;
            }
            if (e instanceof AksComputeException a) {
                commandLine.getErr().println("error: " + a.getMessage());
                return a.unreachable() ? CliException.UNREACHABLE : CliException.FAILED;
            }
            commandLine.getErr().println("error: " + e);
            return CliException.FAILED;
        });
        // A usage error is one line and a pointer to the help, as az does, not the whole help again.
        cli.setParameterExceptionHandler((e, args1) -> {
            CommandLine c = e.getCommandLine();
            // picocli prefixes some messages with its own "Error: ".
            c.getErr().println("error: " + String.valueOf(e.getMessage()).replaceFirst("^Error: ", ""));
            CommandLine.UnmatchedArgumentException.printSuggestions(e, c.getErr());
            c.getErr().println("Try '" + c.getCommandSpec().qualifiedName() + " --help' for more information.");
            return c.getCommandSpec().exitCodeOnInvalidInput();
        });
        int code = cli.execute(args);
        out.flush();
        err.flush();
        return code;
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = AksComputeCli.class.getPackage().getImplementationVersion();
            return new String[] {"akscompute " + (v == null ? "(development build)" : v)};
        }
    }
}
