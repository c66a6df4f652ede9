package io.akscompute.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class CliParsingTest {

    @ParameterizedTest
    @ValueSource(strings = {
        "",
        "create",
        "crate aks -n x",
        "create aks",
        "create aks -n x --agent-count many",
        "create aks -n x --agent-count 0",
        "create aks -n x --cluster-purpose Big",
        "create aks -n x --load-balancer-type Private",
        "create aks -n x --ssl-cert-ref ref",
        "create aks -n x --ssl-leaf-domain-label a --ssl-cert-ref r --ssl-cname c",
        "create aks -n x --ssl-leaf-domain-label a --ssl-cert-file c.pem --ssl-key-file k.pem --ssl-cname c",
        "attach aks -n x --cluster-resource-group rg --cluster-name c --ssl-cert-file c.pem --ssl-cname api.example.com",
        "attach aks -n x --cluster-resource-group rg --cluster-name c --ssl-cert-file c.pem --ssl-key-file k.pem",
        "attach aks -n x --cluster-resource-group rg --cluster-name c --ssl-cert-ref r --ssl-cert-file c.pem --ssl-key-file k.pem --ssl-cname c",
        "attach aks -n x",
        "attach aks -n x --cluster-resource-group rg",
        "attach aks -n x --compute-resource-id id --cluster-resource-group rg --cluster-name c",
        "update -n x",
        "update -n x --ssl-disable --ssl-leaf-domain-label a",
        "scale -n x",
        "versions",
        "versions -l westus -o xml",
        "create aks -n x --ssl-overwrite-existing-domain",
        "ml computetarget",
        "ml computetarget attach aks -n x -g myresourcegroup -w myworkspace",
        "aks get-versions -l westus --query",
        "operation not-a-uuid",
        "tls upload --ssl-cname c",
        "detach",
    })
    void usageErrorsExitWith2AndOneReason(String line) {
        Cli cli = Cli.run(line.isEmpty() ? new String[0] : line.split(" "));

        assertThat(cli.exitCode()).as(cli.err()).isEqualTo(2);
        assertThat(cli.err()).startsWith("error: ").contains("--help' for more information");
        assertThat(cli.out()).isEmpty();
    }

    @Test
    void helpListsEveryCommandWithOneLineDescription() {
        Cli cli = Cli.run("--help");

        assertThat(cli.exitCode()).isZero();
        for (String command : new String[] {"create", "attach", "detach", "delete", "update", "reattach", "repair",
            "scale", "versions", "list", "show", "operation", "watch", "tls", "ml", "aks"}) {
            assertThat(cli.out()).containsPattern("(?m)^  " + command + " +\\S");
        }
    }

    @Test
    void subcommandHelpShowsFlagsAndDefaults() {
        Cli cli = Cli.run("create", "aks", "--help");

        assertThat(cli.exitCode()).isZero();
        assertThat(cli.out()).contains("Usage: akscompute create aks", "-n, --name=NAME", "--agent-count=N",
                "--vm-size=SIZE", "--cluster-purpose=PURPOSE", "FastProd, DenseProd, DevTest",
                "--ssl-leaf-domain-label=LABEL", "--ssl-cert-file=FILE", "--ssl-key-file=FILE", "--ssl-cname=CNAME",
                "--load-balancer-type=TYPE", "--[no-]wait",
                "Default: localhost:9092", "Default: default", "Default: https://localhost:8083", "--ca-file=PEM", "--kafka-config=FILE");
        assertThat(Cli.run("tls", "upload", "--help").out())
                .contains("--ssl-cert-file=FILE", "--ssl-key-file=FILE", "--token=JWT", "env AKSCOMPUTE_TOKEN")
                .doesNotContain("Default: null").doesNotContain("password");
    }

    @ParameterizedTest
    @ValueSource(strings = {"create aks", "attach aks", "detach", "delete", "update", "reattach", "repair", "scale",
        "versions",
        "list", "show", "operation", "watch", "tls upload", "tls export", "get-credentials", "aks get-versions",
        "ml computetarget create aks", "ml computetarget attach aks", "ml computetarget update aks",
        "ml computetarget detach", "ml computetarget list"})
    void everyFlagIsOneLineWithItsDefaultAsAzPrintsIt(String command) {
        Cli cli = Cli.run((command + " --help").split(" "));

        assertThat(cli.exitCode()).isZero();
        List<String> flags = cli.out().lines().filter(l -> l.matches(" +-.*")).toList();
        assertThat(flags).isNotEmpty().allMatch(l -> l.matches(" {2}(-\\w, | {4})--\\S+ +\\S.*"));
        assertThat(cli.out().lines()).as("no wrapped description lines").noneMatch(l -> l.matches(" {8,}\\S.*"));
        assertThat(cli.out()).contains("Default: localhost:9092.");
    }

    @Test
    void unreachableKafkaExitsWith3() {
        Cli waiting = Cli.run("create", "aks", "-n", "x", "--bootstrap-servers", "localhost:1", "--kafka-timeout", "2");
        Cli notWaiting = Cli.run("detach", "-n", "x", "--no-wait", "--bootstrap-servers", "localhost:1",
                "--kafka-timeout", "2");

        for (Cli cli : new Cli[] {waiting, notWaiting}) {
            assertThat(cli.exitCode()).as(cli.err()).isEqualTo(3);
            assertThat(cli.err()).startsWith("error: cannot reach Kafka at localhost:1").hasLineCount(1);
        }
    }

    @Test
    void unreachableServiceExitsWith3() {
        Cli cli = Cli.run("list", "--attacher-url", "http://localhost:1");

        assertThat(cli.exitCode()).isEqualTo(3);
        assertThat(cli.err()).startsWith("error: cannot reach attacher at http://localhost:1").hasLineCount(1);
    }
}
