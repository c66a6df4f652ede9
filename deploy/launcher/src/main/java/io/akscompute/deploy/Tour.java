package io.akscompute.deploy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import io.akscompute.common.rules.access.WorkspaceRole;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The README's tour: each step is a command line of {@code cli/akscompute}, shown as typed and run as typed, its
 * output (progress lines included) straight on the terminal.
 */
final class Tour {
    private final Suite suite;
    private final Consumer<String> say;
    private final List<String> surprises = new ArrayList<>();

    Tour(Suite suite, Consumer<String> say) {
        this.suite = suite;
        this.say = say;
    }

    /** Runs the tour; answers the steps that did not end as the tour expected (empty when all did). */
    List<String> run() throws Exception {
        String suffix = UUID.randomUUID().toString().substring(0, 4);
        String dev = "dev-" + suffix;
        String prod = "prod-" + suffix;
        say.accept("\n== tour: every step is a command you can type (workspace 'demo') ==");
        step(0, "the Kubernetes versions of a region, as `az aks get-versions -o table` prints them",
                "versions", "-l", "westus");
        step(0, "a new DevTest cluster with a certificate issued for its leaf domain label",
                "create", "aks", "-n", dev, "-w", "demo", "-l", "westus", "--cluster-purpose", "DevTest",
                "--ssl-leaf-domain-label", "dev" + suffix);
        step(0, "attach an existing cluster (the emulator's production cluster)",
                "attach", "aks", "-n", prod, "-w", "demo", "--cluster-resource-group", AzureEmulatorProcess.PROD_RG, "--cluster-name",
                AzureEmulatorProcess.PROD_CLUSTER);
        step(1, "a cluster on a Kubernetes version Azure ML no longer supports is refused",
                "attach", "aks", "-n", "old-" + suffix, "-w", "demo", "--cluster-resource-group", AzureEmulatorProcess.PROD_RG,
                "--cluster-name", AzureEmulatorProcess.OLD_CLUSTER);
        step(0, "move the production scoring endpoint behind an internal load balancer",
                "update", "-n", prod, "-w", "demo", "--load-balancer-type", "InternalLoadBalancer",
                "--load-balancer-subnet", "aks-subnet");
        step(0, "the workspace's compute targets", "list", "-w", "demo");
        String reader = suite.secrets().issuer().token("rita", Map.of("demo", WorkspaceRole.READER),
                Duration.ofMinutes(30));
        stepAs(reader, "rita, a reader of workspace demo (her token from the suite's issuer)", 0,
                "a reader sees the computes", "list", "-w", "demo");
        stepAs(reader, "rita, a reader of workspace demo", 1, "but may not change one: Forbidden, nothing changes",
                "scale", "-n", dev, "-w", "demo", "--agent-count", "2");
        step(0, "detach the production cluster (the cluster itself stays)", "detach", "-n", prod, "-w", "demo");
        step(0, "delete the DevTest compute (akscompute created its cluster, so that goes too)",
                "delete", "-n", dev, "-w", "demo");
        say.accept(surprises.isEmpty() ? "== tour done ==" : "== tour done; unexpected: " + surprises + " ==");
        if (suite.console() != null) {
            say.accept("The same in a browser: " + suite.console().url() + ", the computes of workspace demo at "
                    + suite.console().url() + "/workspaces/demo (sign in as " + LocalSecrets.CONSOLE_ADMIN
                    + "; the password is in " + suite.repo().relativize(suite.secrets().consolePasswordFile(
                            LocalSecrets.CONSOLE_ADMIN)) + ").");
        }
        return surprises;
    }

    private void step(int expectedExit, String what, String... args) throws IOException,
            InterruptedException {
        stepAs(null, null, expectedExit, what, args);
    }

    /** A step with another caller's token (null: the suite administrator's). */
    private void stepAs(String token, String who, int expectedExit, String what, String... args) throws IOException,
            InterruptedException {
        say.accept("\n# " + what);
        if (token != null) {
            say.accept("# as " + who);
        }
        say.accept("$ " + (token == null ? "" : "AKSCOMPUTE_TOKEN=<rita's token> ") + "cli/akscompute "
                + String.join(" ", args));
        ProcessBuilder pb = suite.cli(args);
        if (token != null) {
            pb.environment().put("AKSCOMPUTE_TOKEN", token);
        }
        Process p = pb.inheritIO().start();
        if (!p.waitFor(300, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            surprises.add(args[0] + " did not end within 300 s");
            return;
        }
        if (p.exitValue() != expectedExit) {
            surprises.add(String.join(" ", args) + " exited " + p.exitValue() + ", expected " + expectedExit);
        }
    }

    /** What to type next, printed once the tour is over and the suite stays up. */
    static List<String> tryNext(Suite suite) {
        Path issuer = suite.repo().relativize(suite.secrets().issuerKey());
        return List.of(
                "cli/akscompute login --local-issuer " + issuer + "   # a token, administrator of every workspace",
                "cli/akscompute --help",
                "cli/akscompute versions -l westus",
                "cli/akscompute create aks -n myaks -w ws1 -l westus --cluster-purpose DevTest --ssl-leaf-domain-label myaks",
                "cli/akscompute attach aks -n prod -w ws1 --cluster-resource-group " + AzureEmulatorProcess.PROD_RG + " --cluster-name "
                        + AzureEmulatorProcess.PROD_CLUSTER,
                "cli/akscompute update -n prod -w ws1 --load-balancer-type InternalLoadBalancer",
                "cli/akscompute list -w ws1",
                "cli/akscompute show -n myaks -w ws1 -o json",
                "cli/akscompute scale -n myaks -w ws1 --agent-count 2",
                "cli/akscompute reattach -n prod -w ws1",
                "cli/akscompute detach -n prod -w ws1",
                "cli/akscompute delete -n myaks -w ws1",
                "cli/akscompute watch          # every status event, as it comes",
                "cli/akscompute login --local-issuer " + issuer + " --subject rita --role ws1:reader   # a reader:"
                        + " list and show work, create is refused (Forbidden)");
    }

    static boolean cliBuilt(Path repo) throws IOException {
        try (var files = Files.list(repo.resolve("cli/target"))) {
            return files.anyMatch(f -> f.getFileName().toString().matches("akscompute-cli-.*-all\\.jar"));
        } catch (java.nio.file.NoSuchFileException e) {
            return false;
        }
    }
}
