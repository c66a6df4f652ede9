package io.akscompute.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.akscompute.client.AksCompute;
import io.akscompute.client.AksComputeClient;
import io.akscompute.client.Operation;
import io.akscompute.client.Outcome;
import io.akscompute.common.contract.CloudEventTypes;
import io.akscompute.common.contract.Command;
import io.akscompute.common.contract.CommandType;
import io.akscompute.common.contract.Json;
import io.akscompute.common.contract.Topics;
import io.akscompute.common.contract.command.AttachCluster;
import io.akscompute.common.contract.command.CreateCluster;
import io.akscompute.common.contract.command.RefreshVersions;
import io.akscompute.common.contract.model.ClusterPurpose;
import io.akscompute.deploy.OtlpReceiver.ReceivedSpan;
import io.akscompute.testing.KafkaProbe;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import javax.security.auth.x500.X500Principal;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.awaitility.Awaitility;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole suite as separate processes from the built artifacts (broker, PostgreSQL, Azure emulator, the four
 * services), driven through the CLI as a user types it and through raw Kafka records. The journey tests build
 * on each other in order (create, attach, update, reattach, detach, delete); the failure scenarios after them
 * kill services, fail Azure and flood the command topic.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EndToEndTest {
    private static final Path REPO = Path.of("../..").toAbsolutePath().normalize();
    private static final String WS = "e2e";
    private static final String PUT = "ManagedClusters_CreateOrUpdate";
    private static final String ADMIN_CREDENTIALS = "ManagedClusters_ListClusterAdminCredentials";
    private static final Duration OPERATION = Duration.ofSeconds(180);

    private static Suite suite;
    private static KafkaProbe kafka;
    private static AksComputeClient client;
    private static OtlpReceiver otlp;

    @BeforeAll
    static void startSuite() throws Exception {
        // Every service exports its traces to the test JVM (so this suite runs with the SDK on, the others with the
        // default, off).
        otlp = OtlpReceiver.start();
        suite = TestSuites.start("e2e", false, otlp.serviceSettings());
        kafka = TestSuites.probe(suite);
        client = TestSuites.client(suite);
        // Read the dead letters from their start now too, so nothing published later is missed.
        kafka.records(Topics.COMMANDS_DLQ);
    }

    @AfterAll
    static void stopSuite() {
        if (client != null) {
            client.close();
        }
        TestSuites.stop(kafka, suite);
        if (otlp != null) {
            otlp.close();
        }
    }

    private static Cli cli(String... args) throws Exception {
        return Cli.run(suite, args);
    }

    private static JsonNode show(String name) throws Exception {
        Cli show = cli("show", "-n", name, "-w", WS, "-o", "json");
        assertThat(show.exitCode()).as(show.toString()).isZero();
        return show.json();
    }

    private static JsonNode clusters() throws Exception {
        return Json.MAPPER.readTree(suite.azure().control("GET", "clusters", null));
    }

    /** The emulator's clusters in that resource group whose name starts so. */
    private static List<JsonNode> clusters(String resourceGroup, String namePrefix) throws Exception {
        List<JsonNode> found = new ArrayList<>();
        for (JsonNode c : clusters()) {
            String id = c.path("id").asText().toLowerCase();
            if (id.contains("/resourcegroups/" + resourceGroup.toLowerCase() + "/")
                    && c.path("name").asText().startsWith(namePrefix)) {
                found.add(c);
            }
        }
        return found;
    }

    private static long requestCount(String operation) throws Exception {
        return Json.MAPPER.readTree(suite.azure().control("GET", "requests", null)).path(operation).asLong();
    }

    // ---- the journey, through the CLI ----

    @Test
    @Order(0)
    void versionsPrintsTheRegionsTableAsAzPrintsIt() throws Exception {
        Cli versions = cli("versions", "-l", "westus");

        assertThat(versions.exitCode()).as(versions.toString()).isZero();
        // The emulator's built-in data set (1.30 to 1.34, 1.34 in preview, 1.30 in long-term support only) as
        // today's az prints it: tabulate's "simple" format, newest first, IsPreview and the support plans.
        assertThat(versions.out()).isEqualTo("""
                KubernetesVersion    IsPreview    Upgrades                   SupportPlan
                -------------------  -----------  -------------------------  --------------------------------------
                1.34.0               True         None available             KubernetesOfficial
                1.33.3               False        1.34.0                     KubernetesOfficial
                1.33.2               False        1.33.3, 1.34.0             KubernetesOfficial
                1.32.7               False        1.33.2, 1.33.3             KubernetesOfficial, AKSLongTermSupport
                1.32.6               False        1.32.7, 1.33.2, 1.33.3     KubernetesOfficial, AKSLongTermSupport
                1.31.11              False        1.32.6, 1.32.7             KubernetesOfficial, AKSLongTermSupport
                1.31.10              False        1.31.11, 1.32.6, 1.32.7    KubernetesOfficial, AKSLongTermSupport
                1.30.14              False        1.31.10, 1.31.11           AKSLongTermSupport
                1.30.13              False        1.30.14, 1.31.10, 1.31.11  AKSLongTermSupport
                """);
    }

    @Test
    @Order(1)
    void createDevTestClusterWithAutoTls() throws Exception {
        Cli create = cli("create", "aks", "-n", "dev", "-w", WS, "-l", "westus", "--cluster-purpose", "DevTest",
                "--ssl-leaf-domain-label", "e2edev");

        assertThat(create.exitCode()).as(create.toString()).isZero();
        assertThat(create.out()).containsPattern("step 1/\\d+ ").contains("Succeeded");
        JsonNode compute = show("dev");
        assertThat(compute.path("provisioningState").asText()).isEqualTo("Succeeded");
        assertThat(compute.path("isAttachedCompute").asBoolean()).isFalse();
        assertThat(compute.at("/properties/clusterPurpose").asText()).isEqualTo("DevTest");
        assertThat(compute.at("/properties/sslConfiguration/status").asText()).isEqualTo("Auto");
        assertThat(compute.at("/properties/sslConfiguration/fqdn").asText())
                .matches("e2edev[a-z0-9]{6}\\.westus\\.cloudapp\\.azure\\.com");
        assertThat(clusters("akscompute-" + WS, "dev-")).hasSize(1);
    }

    @Test
    @Order(2)
    void scaleChangesTheNodeCountInAzureAndInTheWorkspace() throws Exception {
        Cli scale = cli("scale", "-n", "dev", "-w", WS, "--agent-count", "2");

        assertThat(scale.exitCode()).as(scale.toString()).isZero();
        assertThat(show("dev").at("/properties/agentCount").asInt()).isEqualTo(2);
        JsonNode cluster = clusters("akscompute-" + WS, "dev-").get(0);
        assertThat(cluster.at("/properties/agentPoolProfiles/0/count").asInt()).isEqualTo(2);
    }

    /** The how-to's kubectl steps, with the credentials the CLI merges; skipped where kubectl is not installed. */
    @Test
    @Order(2)
    void kubectlShowsTheFrontEndAndTheTlsSecretWithTheCredentialsTheCliGets(@TempDir Path dir) throws Exception {
        Path kubeconfig = dir.resolve("config");
        Cli credentials = cli("get-credentials", "-n", "dev", "-w", WS, "-f", kubeconfig.toString());
        assertThat(credentials.exitCode()).as(credentials.toString()).isZero();
        assertThat(credentials.out()).contains("kubectl -n azureml get secret/azuremlfessl -o yaml");
        assertThat(Files.readString(kubeconfig)).contains("current-context:");
        org.junit.jupiter.api.Assumptions.assumeTrue(kubectl(kubeconfig, "version", "--client").exitCode() == 0,
                "kubectl is not installed: skipping the how-to's kubectl steps");

        Cli secret = kubectl(kubeconfig, "-n", "azureml", "get", "secret/azuremlfessl", "-o", "yaml");
        assertThat(secret.exitCode()).as(secret.toString()).isZero();
        JsonNode data = new com.fasterxml.jackson.databind.ObjectMapper(
                new com.fasterxml.jackson.dataformat.yaml.YAMLFactory()).readTree(secret.out()).path("data");
        String ref = show("dev").at("/properties/sslConfiguration/certificateRef").asText();
        Cli export = cli("tls", "export", ref, "-w", WS, "--out-dir", dir.toString());
        assertThat(export.exitCode()).as(export.toString()).isZero();
        assertThat(decode(data.path("cert.pem").asText())).isEqualTo(Files.readString(dir.resolve("cert.pem")));
        assertThat(decode(data.path("key.pem").asText())).isEqualTo(Files.readString(dir.resolve("key.pem")));

        Cli frontEnd = kubectl(kubeconfig, "-n", "azureml", "get", "deploy,svc");
        assertThat(frontEnd.exitCode()).as(frontEnd.toString()).isZero();
        assertThat(frontEnd.out()).contains("deployment.apps/azureml-fe", "service/azureml-fe");
        Files.writeString(dir.resolve("none"), "");
        Cli stranger = kubectl(dir.resolve("none"), "--server",
                new com.fasterxml.jackson.databind.ObjectMapper(new com.fasterxml.jackson.dataformat.yaml.YAMLFactory())
                        .readTree(kubeconfig.toFile()).at("/clusters/0/cluster/server").asText(),
                "--certificate-authority", suite.azure().caPem().toString(), "--token", "guess",
                "-n", "azureml", "get", "secret/azuremlfessl");
        assertThat(stranger.exitCode()).isNotZero();
        assertThat(stranger.output()).contains("Unauthorized");
    }

    private static String decode(String base64) {
        return new String(java.util.Base64.getDecoder().decode(base64), java.nio.charset.StandardCharsets.UTF_8);
    }

    private static Cli kubectl(Path kubeconfig, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("kubectl", "--kubeconfig", kubeconfig.toString()));
        command.addAll(List.of(args));
        try {
            Process p = new ProcessBuilder(command).start();
            if (!p.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException("kubectl did not end in 60 s: " + command);
            }
            return new Cli(command, p.exitValue(), new String(p.getInputStream().readAllBytes()),
                    new String(p.getErrorStream().readAllBytes()));
        } catch (java.io.IOException notInstalled) {
            return new Cli(command, -1, "", String.valueOf(notInstalled.getMessage()));
        }
    }

    @Test
    @Order(3)
    void attachTheProductionClusterWithAnUploadedCertificate(@TempDir Path dir) throws Exception {
        writeCertificate(dir, "scoring.e2e.example.com");

        Cli attach = cli("attach", "aks", "-n", "prod", "-w", WS, "--cluster-resource-group", AzureEmulatorProcess.PROD_RG,
                "--cluster-name", AzureEmulatorProcess.PROD_CLUSTER, "--ssl-cert-file", dir.resolve("cert.pem").toString(),
                "--ssl-key-file", dir.resolve("key.pem").toString(), "--ssl-cname", "scoring.e2e.example.com");

        assertThat(attach.exitCode()).as(attach.toString()).isZero();
        JsonNode compute = show("prod");
        assertThat(compute.path("isAttachedCompute").asBoolean()).isTrue();
        assertThat(compute.path("resourceId").asText()).endsWith("/managedClusters/" + AzureEmulatorProcess.PROD_CLUSTER);
        assertThat(compute.at("/properties/sslConfiguration/status").asText()).isEqualTo("Enabled");
        assertThat(compute.at("/properties/sslConfiguration/certificateRef").asText()).isNotBlank();
        assertThat(compute.at("/properties/sslConfiguration/cname").asText()).isEqualTo("scoring.e2e.example.com");
        assertThat(compute.at("/properties/systemServices/0/publicIpAddress").asText()).startsWith("20.");
    }

    @Test
    @Order(4)
    void aSecondNameForAnAttachedClusterIsRefused() throws Exception {
        Cli again = cli("attach", "aks", "-n", "prod-again", "-w", WS, "--cluster-resource-group",
                AzureEmulatorProcess.PROD_RG, "--cluster-name", AzureEmulatorProcess.PROD_CLUSTER);
        Cli elsewhere = cli("attach", "aks", "-n", "prod", "-w", WS + "-other", "--cluster-resource-group",
                AzureEmulatorProcess.PROD_RG, "--cluster-name", AzureEmulatorProcess.PROD_CLUSTER);
        Cli created = cli("create", "aks", "-n", "prod", "-w", WS, "--cluster-purpose", "DevTest");

        assertThat(again.exitCode()).as(again.toString()).isEqualTo(1);
        assertThat(again.output()).contains("ClusterAlreadyAttached").contains("prod");
        assertThat(cli("show", "-n", "prod-again", "-w", WS).exitCode()).isEqualTo(1);
        // One attachment per cluster holds across workspaces too.
        assertThat(elsewhere.exitCode()).as(elsewhere.toString()).isEqualTo(1);
        assertThat(elsewhere.output()).contains("ClusterAlreadyAttached");
        assertThat(cli("show", "-n", "prod", "-w", WS + "-other").exitCode()).isEqualTo(1);
        // A create under a taken name is refused before any cluster is made.
        assertThat(created.exitCode()).as(created.toString()).isEqualTo(1);
        assertThat(created.output()).contains("ComputeAlreadyExists");
        assertThat(clusters("akscompute-" + WS, "prod-")).isEmpty();
    }

    @Test
    @Order(4)
    void twoWorkspacesAttachingOneClusterAtOnceGetOneAttachment() throws Exception {
        suite.azure().seedCluster("rg-race", "race-aks", "1.32.7", 3, "Standard_D4s_v3");
        List<CompletableFuture<Cli>> runs = new ArrayList<>();
        for (String ws : List.of(WS + "-a", WS + "-b")) {
            runs.add(CompletableFuture.supplyAsync(() -> {
                try {
                    return cli("attach", "aks", "-n", "race", "-w", ws, "--cluster-resource-group", "rg-race",
                            "--cluster-name", "race-aks");
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }));
        }
        List<Cli> done = runs.stream().map(CompletableFuture::join).toList();

        assertThat(done).as(done.toString()).extracting(Cli::exitCode).containsExactlyInAnyOrder(0, 1);
        assertThat(done.stream().filter(c -> c.exitCode() == 1).findFirst().orElseThrow().output())
                .containsAnyOf("ClusterAlreadyAttached", "OperationInProgress");
    }

    @Test
    @Order(5)
    void updateToTheInternalLoadBalancerIsRefusedWithTlsAndDoneWithout() throws Exception {
        Cli refused = cli("update", "-n", "prod", "-w", WS, "--load-balancer-type", "InternalLoadBalancer");
        assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(1);
        assertThat(refused.output()).contains("ValidationFailed")
                .contains("TLS is not supported together with the internal load balancer");
        assertThat(show("prod").at("/properties/loadBalancerType").asText()).isEqualTo("PublicIp");

        Cli update = cli("update", "-n", "prod", "-w", WS, "--ssl-disable", "--load-balancer-type",
                "InternalLoadBalancer", "--load-balancer-subnet", "aks-subnet");

        assertThat(update.exitCode()).as(update.toString()).isZero();
        JsonNode compute = show("prod");
        assertThat(compute.at("/properties/loadBalancerType").asText()).isEqualTo("InternalLoadBalancer");
        assertThat(compute.at("/properties/loadBalancerSubnet").asText()).isEqualTo("aks-subnet");
        assertThat(compute.at("/properties/sslConfiguration/status").asText()).isEqualTo("Disabled");
        assertThat(compute.at("/properties/systemServices/0/publicIpAddress").asText()).startsWith("10.240.");
    }

    @Test
    @Order(6)
    void reattachReinstallsTheFrontEnd() throws Exception {
        Cli reattach = cli("reattach", "-n", "prod", "-w", WS);

        assertThat(reattach.exitCode()).as(reattach.toString()).isZero();
        assertThat(reattach.out()).contains("Succeeded");
        JsonNode compute = show("prod");
        assertThat(compute.path("provisioningState").asText()).isEqualTo("Succeeded");
        assertThat(compute.at("/properties/loadBalancerType").asText()).isEqualTo("InternalLoadBalancer");

        // A re-attach with TLS goes through tls-manager again and keeps the certificate and name.
        JsonNode before = show("dev").at("/properties/sslConfiguration");
        Cli withTls = cli("reattach", "-n", "dev", "-w", WS);
        assertThat(withTls.exitCode()).as(withTls.toString()).isZero();
        assertThat(withTls.out()).contains("restore-tls: done: certificate for " + before.path("fqdn").asText()
                + " written to the cluster");
        JsonNode after = show("dev").at("/properties/sslConfiguration");
        assertThat(after.path("status").asText()).isEqualTo("Auto");
        assertThat(after.path("certificateRef").asText()).isEqualTo(before.path("certificateRef").asText());
        assertThat(after.path("fqdn").asText()).isEqualTo(before.path("fqdn").asText());
    }

    @Test
    @Order(6)
    void everyServiceShowsItsMetricsFamiliesAfterTheJourney() throws Exception {
        Map<String, List<String>> families = Map.of(
                "version-catalog", List.of("akscompute_catalog_age_seconds{location=\"westus\"",
                        "akscompute_azure_requests_seconds_count{api=\"Microsoft.Compute/skus\""),
                "provisioner", List.of("akscompute_operations_ended_total{code=\"none\",outcome=\"Succeeded\","
                        + "service=\"provisioner\",type=\"CreateCluster\"}",
                        "akscompute_saga_step_seconds_count{saga=\"CreateCluster\",service=\"provisioner\","
                                + "step=\"create-cluster\"}",
                        "akscompute_azure_requests_seconds_count{api=\"Microsoft.ContainerService/managedClusters\","
                                + "method=\"PUT\",service=\"provisioner\",status=\"201\"}"),
                "attacher", List.of("akscompute_operations_started_total{service=\"attacher\",type=\"AttachCluster\"}",
                        "akscompute_outbox_backlog{service=\"attacher\"}"),
                "tls-manager", List.of("akscompute_certificate_days_to_expiry{certificate=",
                        "akscompute_sagas_running{service=\"tls-manager\"}"));
        for (var e : families.entrySet()) {
            ServiceProcess s = suite.service(e.getKey());
            // The gauges read the database every 15 s: the first read after the journey may still be on its way.
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(40)).untilAsserted(() -> {
                HttpResponse<String> metrics = s.http().send(HttpRequest.newBuilder(URI.create(s.url() + "/q/metrics"))
                        .header("Authorization", "Bearer " + suite.secrets().adminToken()).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(metrics.statusCode()).isEqualTo(200);
                for (String family : e.getValue()) {
                    assertThat(metrics.body()).as(e.getKey()).contains(family);
                }
            });
        }
    }

    @Test
    @Order(7)
    void detachLeavesTheClusterInAzure() throws Exception {
        Cli detach = cli("detach", "-n", "prod", "-w", WS);

        assertThat(detach.exitCode()).as(detach.toString()).isZero();
        assertThat(cli("show", "-n", "prod", "-w", WS).exitCode()).isEqualTo(1);
        assertThat(clusters(AzureEmulatorProcess.PROD_RG, AzureEmulatorProcess.PROD_CLUSTER)).hasSize(1);
    }

    @Test
    @Order(8)
    void deleteRemovesTheCreatedCluster() throws Exception {
        Cli delete = cli("delete", "-n", "dev", "-w", WS);

        assertThat(delete.exitCode()).as(delete.toString()).isZero();
        assertThat(cli("show", "-n", "dev", "-w", WS).exitCode()).isEqualTo(1);
        assertThat(clusters("akscompute-" + WS, "dev-")).isEmpty();
    }

    @Test
    @Order(9)
    void attachOfAClusterOnAnUnsupportedVersionIsRefusedWithTheSupportedList() throws Exception {
        Cli attach = cli("attach", "aks", "-n", "legacy", "-w", WS, "--cluster-resource-group",
                AzureEmulatorProcess.PROD_RG, "--cluster-name", AzureEmulatorProcess.OLD_CLUSTER);

        assertThat(attach.exitCode()).as(attach.toString()).isEqualTo(1);
        assertThat(attach.output()).contains("UnsupportedKubernetesVersion").contains("1.27.9").contains("1.32.7");
        assertThat(cli("show", "-n", "legacy", "-w", WS).exitCode()).isEqualTo(1);
    }

    /**
     * Every {@code az} command of the how-to, with {@code az} replaced by {@code cli/akscompute} and nothing else
     * changed but the placeholders the how-to asks the reader to replace. The workspace comes from the user's
     * environment where the line names none, as {@code az configure --defaults workspace=...} does for az.
     */
    @Test
    @Order(10)
    void theHowTosCommandsRunAsTyped() throws Exception {
        List<String> lines = HowToCommands.lines();
        suite.azure().seedCluster("myresourcegroup", "myexistingcluster", "1.32.7", 3, "Standard_D4s_v3");
        Map<String, String> env = Map.of("AKSCOMPUTE_WORKSPACE", "myworkspace");
        Map<String, String> placeholders = new HashMap<>(Map.of("<rg>", "myresourcegroup",
                "<aks cluster name>", "myexistingcluster"));

        Cli table = HowToCommands.run(suite, lines.get(0), env, placeholders);
        assertThat(table.exitCode()).as(table.toString()).isZero();
        assertThat(table.out()).startsWith("KubernetesVersion    IsPreview    Upgrades");

        Cli defaultVersion = HowToCommands.run(suite, lines.get(1), env, placeholders);
        // The emulator's data set makes 1.32 the default minor version; a create takes its newest patch.
        assertThat(defaultVersion.out()).as(defaultVersion.toString()).isEqualTo("Result\n--------\n1.32.7\n");

        // Create and attach are the how-to's two ways to the same compute name: the create goes to its own workspace.
        Cli create = HowToCommands.run(suite, lines.get(2), Map.of("AKSCOMPUTE_WORKSPACE", "howto-create"),
                placeholders);
        assertThat(create.exitCode()).as(create.toString()).isZero();
        assertThat(create.out()).contains("Succeeded: myaks Succeeded");

        Cli id = HowToCommands.run(suite, lines.get(3), env, placeholders);
        assertThat(id.exitCode()).as(id.toString()).isZero();
        String clusterId = Json.MAPPER.readTree(id.out()).asText();
        assertThat(clusterId).matches("(?i)/subscriptions/[^/]+/resourceGroups/myresourcegroup/providers/"
                + "Microsoft.ContainerService/managedClusters/myexistingcluster");
        placeholders.put("aksresourceid", clusterId);

        Cli attach = HowToCommands.run(suite, lines.get(4), env, placeholders);
        assertThat(attach.exitCode()).as(attach.toString()).isZero();
        JsonNode attached = cli("show", "-n", "myaks", "-w", "myworkspace", "-o", "json").json();
        assertThat(attached.path("resourceId").asText()).isEqualToIgnoringCase(clusterId);

        Path kubeconfig = Files.createTempDirectory("howto").resolve("config");
        Cli credentials = HowToCommands.run(suite, lines.get(6), Map.of("AKSCOMPUTE_WORKSPACE", "myworkspace",
                "KUBECONFIG", kubeconfig.toString()), placeholders);
        assertThat(credentials.exitCode()).as(credentials.toString()).isZero();
        assertThat(credentials.out()).startsWith("Merged \"");
        assertThat(Files.readString(kubeconfig)).contains("current-context:");

        Cli detach = HowToCommands.run(suite, lines.get(5), env, placeholders);
        assertThat(detach.exitCode()).as(detach.toString()).isZero();
        assertThat(cli("show", "-n", "myaks", "-w", "myworkspace").exitCode()).isEqualTo(1);
        assertThat(cli("ml", "computetarget", "delete", "-n", "myaks", "-w", "howto-create").exitCode()).isZero();
    }

    @Test
    @Order(11)
    void theReadmesClientExampleRunsAsTheReadmeSays() throws Exception {
        // As the README runs it: the source file launched with the CLI's jar, the suite's settings in the environment.
        Path jar;
        try (var jars = Files.newDirectoryStream(REPO.resolve("cli/target"), "akscompute-cli-*-all.jar")) {
            jar = jars.iterator().next();
        }
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", jar.toString(), "client/example/QuickStart.java").directory(REPO.toFile())
                .redirectErrorStream(true);
        pb.environment().putAll(suite.cliEnvironment());
        Process p = pb.start();
        String output = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(OPERATION.toSeconds(), TimeUnit.SECONDS)).isTrue();
        System.out.println("$ java -cp " + REPO.relativize(jar) + " client/example/QuickStart.java\n" + output);

        assertThat(p.exitValue()).as(output).isZero();
        assertThat(output).contains("westus creates Kubernetes 1.32.7")
                .containsPattern("step \\d+/\\d+ configure-tls")
                .containsPattern("scoring over TLS at quickstart[a-z0-9]{6}\\.westus\\.cloudapp\\.azure\\.com");
        assertThat(output.lines().filter(l -> l.matches(" +\\d+\\.\\ds  Succeeded.*"))).hasSize(2);
        assertThat(clusters("akscompute-quickstart", "myaks")).isEmpty();
    }

    // ---- traces ----

    /**
     * An attach sent by the Java client with the traceparent of the caller's span is one trace: the attacher's intake and
     * steps, the tls-manager's work on the request, the Azure calls under the steps that make them.
     */
    @Test
    @Order(11)
    void anAttachIsOneTraceFromTheCallersSpanThroughTheTlsManagerToAzure() throws Exception {
        suite.azure().seedCluster("rg-traces", "traced", "1.32.7", 3, "Standard_D4s_v3");
        String traceId = randomHex(16);
        String callerSpan = randomHex(8);
        // The caller is a program on the Java client, inside a span of its own.
        UUID op;
        try (AksComputeClient traced = TestSuites.client(suite, () -> "00-" + traceId + "-" + callerSpan + "-01")) {
            Operation attach = traced.workspace("traces").attach("attached",
                    AksCompute.attachConfiguration("rg-traces", "traced").enableSsl("tracedattach"));
            op = attach.id();
            assertThat(attach.outcome().get(OPERATION.toSeconds(), TimeUnit.SECONDS).succeeded()).isTrue();
        }

        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            List<ReceivedSpan> trace = otlp.trace(traceId);
            assertOneTrace(op, traceId, callerSpan, trace);
            assertThat(otlp.names(trace, "attacher")).contains("AttachCluster", "AttachCluster reserve-name",
                    "AttachCluster find-cluster", "AttachCluster check-cluster", "AttachCluster configure-tls",
                    "AttachCluster install-front-end", "AttachCluster register", "HTTP GET");
            ReceivedSpan configureTls = otlp.one(trace, "attacher", "AttachCluster configure-tls");
            ReceivedSpan received = otlp.one(trace, "tls-manager", "receive ConfigureTls");
            assertThat(received.parentSpanId()).isEqualTo(configureTls.spanId());
            assertThat(received.kind()).isEqualTo(ReceivedSpan.CONSUMER);
            assertThat(otlp.one(trace, "tls-manager", "ConfigureTls").parentSpanId()).isEqualTo(received.spanId());
            List<ReceivedSpan> arm = trace.stream().filter(s -> s.name().startsWith("HTTP ")).toList();
            assertThat(arm).allSatisfy(s -> assertThat(s.kind()).isEqualTo(ReceivedSpan.CLIENT));
            assertThat(arm).extracting(s -> s.attributes().get("akscompute.azure.api"))
                    .contains("Microsoft.ContainerService/managedClusters");
            assertThat(arm).extracting(ReceivedSpan::parentSpanId)
                    .contains(otlp.one(trace, "attacher", "AttachCluster find-cluster").spanId());
        });
        System.out.println("[traces] attach " + op + ", trace " + traceId + ": " + otlp.byService(otlp.trace(traceId)));
        // Its status events carry the trace on to whoever follows them.
        assertThat(kafka.statusOf(op)).isNotEmpty().allSatisfy(s -> assertThat(
                KafkaProbe.header(s.record(), "ce_traceparent")).contains(traceId));
    }

    /** The journey's create, sent by the CLI without a traceparent: a trace of its own, in three services. */
    @Test
    @Order(11)
    void theCreateIsOneTraceInTheProvisionerTheAttacherAndTheTlsManager() throws Exception {
        UUID op = kafka.records(Topics.STATUS).stream().map(KafkaProbe.StatusRecord::new)
                .filter(s -> s.key().equals(WS + "/dev") && s.type().equals("akscompute.OperationAccepted.v1")
                        && s.data().path("operation").asText().equals("CreateCluster"))
                .map(s -> UUID.fromString(KafkaProbe.header(s.record(), "ce_correlationid"))).findFirst().orElseThrow();
        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            String traceId = otlp.spans().stream().filter(s -> op.toString().equals(s.attributes()
                    .get(OtlpReceiver.OPERATION_ID))).map(ReceivedSpan::traceId).findFirst().orElseThrow();
            List<ReceivedSpan> trace = otlp.trace(traceId);
            assertOneTrace(op, traceId, "", trace);
            assertThat(trace).as("spans by service: %s", otlp.byService(trace)).extracting(ReceivedSpan::service)
                    .contains("provisioner", "attacher", "tls-manager");
            assertThat(otlp.names(trace, "provisioner")).contains("CreateCluster", "HTTP PUT");
            assertThat(otlp.names(trace, "attacher")).contains("receive ReserveName", "ReserveName",
                    "receive RegisterCreated", "RegisterCreated");
            assertThat(otlp.names(trace, "tls-manager")).contains("receive ConfigureTls", "ConfigureTls");
        });
    }

    /**
     * One root, the operation's intake, under the caller's span (none: ""); every other span's parent is in the trace;
     * the spans that name an operation name this one, and none of this operation's spans is in another trace.
     */
    private static void assertOneTrace(UUID op, String traceId, String callerSpan, List<ReceivedSpan> trace) {
        assertThat(otlp.problems()).isEmpty();
        Set<String> ids = trace.stream().map(ReceivedSpan::spanId).collect(Collectors.toSet());
        assertThat(trace).as("roots of %s", otlp.byService(trace)).filteredOn(s -> s.parentSpanId().equals(callerSpan))
                .singleElement().satisfies(root -> assertThat(root.kind()).isEqualTo(ReceivedSpan.CONSUMER));
        assertThat(trace).allSatisfy(s -> assertThat(s.parentSpanId().equals(callerSpan)
                || ids.contains(s.parentSpanId())).as("parent of %s (%s) in the trace", s.name(), s.service())
                .isTrue());
        assertThat(trace).extracting(s -> s.attributes().get(OtlpReceiver.OPERATION_ID)).filteredOn(v -> v != null)
                .containsOnly(op.toString());
        assertThat(otlp.spans()).filteredOn(s -> op.toString().equals(s.attributes().get(OtlpReceiver.OPERATION_ID)))
                .allSatisfy(s -> assertThat(s.traceId()).isEqualTo(traceId));
    }

    private static String randomHex(int bytes) {
        byte[] b = new byte[bytes];
        java.util.concurrent.ThreadLocalRandom.current().nextBytes(b);
        b[0] |= 1; // never all zeros, which W3C reads as no trace
        return java.util.HexFormat.of().formatHex(b);
    }

    // ---- failure scenarios ----

    @Test
    @Order(20)
    void provisionerKilledWhileAzureProvisionsFinishesWithOneCluster() throws Exception {
        suite.azure().control("PUT", "settings", "{\"provisioningDelayMillis\":20000}");
        try {
            long putsBefore = requestCount(PUT);
            Operation create = client.workspace(WS).create("survivor", AksCompute.provisioningConfiguration()
                    .clusterPurpose(ClusterPurpose.DevTest));
            UUID op = create.id();
            create.events().filter(e -> e.data() != null && "create-cluster".equals(e.data().path("step").asText())
                    && e.data().path("message").asText().contains("Azure accepted")).findFirst().orElseThrow();

            // Spans still in the provisioner's export buffer die with it; wait until the ones before the kill
            // have arrived, so that the trace can show both sides of it.
            Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(otlp.spans())
                    .filteredOn(s -> op.toString().equals(s.attributes().get(OtlpReceiver.OPERATION_ID)))
                    .extracting(ReceivedSpan::name).contains("CreateCluster reserve-name"));
            suite.kill("provisioner");
            suite.restart("provisioner");

            // The client follows the operation across the restart: the same handle gets the outcome.
            Outcome outcome = create.outcome().get(OPERATION.toSeconds(), TimeUnit.SECONDS);
            assertThat(outcome.succeeded()).as(outcome.data().toString()).isTrue();
            assertThat(outcome.compute().orElseThrow().provisioningState()).isEqualTo("Succeeded");
            assertThat(requestCount(PUT) - putsBefore).isEqualTo(1);
            assertThat(clusters("akscompute-" + WS, "survivor-")).hasSize(1);
            // The restarted provisioner goes on with the trace the saga stored: the steps before the kill and after
            // it are in one trace.
            Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                List<ReceivedSpan> spans = otlp.spans().stream()
                        .filter(s -> op.toString().equals(s.attributes().get(OtlpReceiver.OPERATION_ID))).toList();
                assertThat(spans).isNotEmpty();
                assertThat(spans).extracting(ReceivedSpan::traceId).containsOnly(spans.get(0).traceId());
                assertThat(otlp.names(otlp.trace(spans.get(0).traceId()), "provisioner"))
                        .contains("CreateCluster reserve-name", "CreateCluster configure-tls");
            });
            Cli operation = cli("operation", op.toString());
            assertThat(operation.exitCode()).as(operation.toString()).isZero();
            assertThat(operation.json().path("status").asText()).isEqualTo("SUCCEEDED");
        } finally {
            suite.azure().control("PUT", "settings", "{\"provisioningDelayMillis\":2000}");
        }
    }

    @Test
    @Order(21)
    void attacherKilledMidAttachFinishesWithOneAttachment() throws Exception {
        suite.azure().seedCluster("rg-e2e", "kill-aks", "1.32.7", 3, "Standard_D4s_v3");
        long credentialCallsBefore = requestCount(ADMIN_CREDENTIALS);
        // The install-front-end step's first call for the cluster's kubeconfig hangs: the attach is mid-step.
        suite.azure().control("POST", "faults", """
                {"operation":"%s","kind":"HANG","times":1,"hangMillis":30000}""".formatted(ADMIN_CREDENTIALS));
        Operation attach = client.workspace(WS).attach("killed", AksCompute.attachConfiguration("rg-e2e", "kill-aks"));
        UUID op = attach.id();
        awaitUntil(() -> requestCount(ADMIN_CREDENTIALS) > credentialCallsBefore, "the attach to ask for the kubeconfig");
        assertThat(attach.outcome()).isNotDone();

        suite.kill("attacher");
        suite.restart("attacher");

        Outcome outcome = attach.outcome().get(OPERATION.toSeconds(), TimeUnit.SECONDS);
        assertThat(outcome.succeeded()).as(outcome.data().toString()).isTrue();
        assertThat(outcome.compute().orElseThrow().properties().systemServices().get(0).publicIpAddress()).isNotBlank();
        // The test's own consumer of aks.status may be behind the client's: read the steps once it has the outcome.
        kafka.awaitStatus(op, "OperationSucceeded");
        List<String> done = kafka.statusOf(op).stream()
                .filter(s -> s.type().endsWith("OperationProgress.v1"))
                .filter(s -> s.data().path("message").asText().startsWith("done"))
                .map(s -> s.data().path("step").asText()).toList();
        assertThat(done).doesNotHaveDuplicates().contains("install-front-end", "register");
        Cli list = cli("list", "-w", WS, "-o", "json");
        assertThat(list.json().findValuesAsText("resourceId"))
                .filteredOn(id -> id.endsWith("/managedClusters/kill-aks")).hasSize(1);
    }

    @Test
    @Order(22)
    void aFailedCreateLroLeavesNoClusterAndNoName() throws Exception {
        suite.azure().control("POST", "faults", """
                {"operation":"%s","kind":"FAIL_LRO","times":1,"code":"InternalOperationError",
                 "message":"the emulator failed this create on purpose"}""".formatted(PUT));

        Cli create = cli("create", "aks", "-n", "doomed", "-w", WS, "--cluster-purpose", "DevTest");

        assertThat(create.exitCode()).as(create.toString()).isEqualTo(1);
        assertThat(create.output()).contains("InternalOperationError");
        assertThat(clusters("akscompute-" + WS, "doomed-")).isEmpty();
        assertThat(cli("show", "-n", "doomed", "-w", WS).exitCode()).isEqualTo(1);
        // The name was released: the same create works now.
        Cli again = cli("create", "aks", "-n", "doomed", "-w", WS, "--cluster-purpose", "DevTest");
        assertThat(again.exitCode()).as(again.toString()).isZero();
        assertThat(clusters("akscompute-" + WS, "doomed-")).hasSize(1);
    }

    @Test
    @Order(23)
    void twoHundredMalformedRecordsAmongGoodCommandsAreEachAnsweredAndNoServiceRestarts() throws Exception {
        Map<String, Long> pids = new HashMap<>();
        for (ServiceProcess s : suite.services()) {
            pids.put(s.name(), suite.process(s.name()).pid());
        }
        List<Command> good = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            suite.azure().seedCluster("rg-burst", "burst-" + i, "1.32.7", 3, "Standard_D4s_v3");
            good.add(new AttachCluster("burst", "attached-" + i, null, "rg-burst", "burst-" + i, null, null, null,
                    null, null));
        }
        for (int i = 0; i < 3; i++) {
            good.add(new RefreshVersions("burst", List.of("westus")));
        }
        for (int i = 0; i < 2; i++) {
            good.add(new CreateCluster("burst", "created-" + i, "westus", null, null, null, ClusterPurpose.DevTest,
                    null, null, null, null, null, null));
        }
        List<UUID> goodIds = new ArrayList<>();
        List<Malformed> bad = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            bad.add(Malformed.publish(kafka, i));
            if (i % 25 == 12) {
                goodIds.add(kafka.publish(good.get(goodIds.size())));
            }
        }
        assertThat(goodIds).hasSize(good.size());

        for (UUID id : goodIds) {
            kafka.awaitStatus(id, "OperationSucceeded", OPERATION);
        }
        awaitUntil(() -> bad.stream().allMatch(b -> b.answered(kafka)), "every malformed record to be answered");
        assertThat(bad).allMatch(b -> b.answered(kafka));
        for (ServiceProcess s : suite.services()) {
            assertThat(suite.process(s.name()).isAlive()).as(s.name() + " alive").isTrue();
            assertThat(suite.process(s.name()).pid()).as(s.name() + " not restarted").isEqualTo(pids.get(s.name()));
            HttpResponse<String> ready = s.http().send(HttpRequest.newBuilder(
                    URI.create(s.url() + "/q/health/ready")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(ready.statusCode()).as(s.name() + " ready: " + ready.body()).isEqualTo(200);
        }
    }

    /**
     * Drift: the attacher restarted with a 3 s drift interval (the suite's default 10 min keeps the check out of the
     * fault tests above, whose injected faults it would take), a compute's Service made internal behind the suite's
     * back, the notice within the interval, a repair that puts it back at the same address.
     */
    @Test
    @Order(30)
    void aServiceChangedBehindTheSuitesBackIsDriftAndARepairPutsItBack(@TempDir Path dir) throws Exception {
        Duration interval = Duration.ofSeconds(3);
        suite.azure().seedCluster("rg-drift", "drift-aks", "1.32.7", 3, "Standard_D4s_v3");
        suite.kill("attacher");
        suite.configure("attacher", Map.of("akscompute.attacher.drift-interval", interval.toSeconds() + "s"));
        suite.restart("attacher");
        Cli attach = cli("attach", "aks", "-n", "drifty", "-w", WS, "--cluster-resource-group", "rg-drift",
                "--cluster-name", "drift-aks");
        assertThat(attach.exitCode()).as(attach.toString()).isZero();
        String ip = show("drifty").at("/properties/systemServices/0/publicIpAddress").asText();
        // A check of the compute as attached finds nothing to report.
        awaitUntil(() -> driftCheckedAt("drifty") != null, "the first drift check of the new compute");
        assertThat(driftNotices("drifty")).isEmpty();

        Path kubeconfig = dir.resolve("config");
        assertThat(cli("get-credentials", "-n", "drifty", "-w", WS, "-f", kubeconfig.toString()).exitCode()).isZero();
        try (var k8s = new io.fabric8.kubernetes.client.KubernetesClientBuilder().withConfig(
                io.fabric8.kubernetes.client.Config.fromKubeconfig(Files.readString(kubeconfig))).build()) {
            k8s.services().inNamespace("azureml").withName("azureml-fe").edit(svc ->
                    new io.fabric8.kubernetes.api.model.ServiceBuilder(svc).editMetadata()
                            .addToAnnotations("service.beta.kubernetes.io/azure-load-balancer-internal", "true")
                            .endMetadata().build());
        }

        // Within a few check intervals of the change, or the await fails.
        ConsumerRecord<String, String> notice = kafka.await(Topics.STATUS, r -> isDriftNotice(r, "drifty"),
                interval.multipliedBy(5));
        JsonNode differences = new KafkaProbe.StatusRecord(notice).data().path("differences");
        assertThat(differences).hasSize(1);
        assertThat(differences.at("/0/field").asText()).isEqualTo("loadBalancerType");
        assertThat(differences.at("/0/expected").asText()).isEqualTo("PublicIp");
        assertThat(differences.at("/0/actual").asText()).isEqualTo("InternalLoadBalancer");
        assertThat(show("drifty").at("/drift/0/field").asText()).isEqualTo("loadBalancerType");
        Cli list = cli("list", "-w", WS);
        assertThat(list.out()).containsPattern("(?m)^drifty .* DRIFT loadBalancerType$");

        Cli repair = cli("repair", "-n", "drifty", "-w", WS);

        assertThat(repair.exitCode()).as(repair.toString()).isZero();
        assertThat(repair.out()).contains("check-drift", "put back loadBalancerType PublicIp (was InternalLoadBalancer)");
        JsonNode repaired = show("drifty");
        assertThat(repaired.path("drift").isMissingNode() || repaired.path("drift").isNull()).as(repaired.toString())
                .isTrue();
        assertThat(repaired.at("/properties/systemServices/0/publicIpAddress").asText()).isEqualTo(ip);
        assertThat(driftNotices("drifty")).hasSize(2);
        assertThat(new KafkaProbe.StatusRecord(driftNotices("drifty").get(1)).data().path("differences")).isEmpty();
    }

    private static boolean isDriftNotice(ConsumerRecord<String, String> r, String compute) {
        return (WS + "/" + compute).equals(r.key())
                && CloudEventTypes.of("ComputeDriftDetected").equals(KafkaProbe.header(r, "ce_type"));
    }

    private static List<ConsumerRecord<String, String>> driftNotices(String compute) {
        return kafka.records(Topics.STATUS).stream().filter(r -> isDriftNotice(r, compute)).toList();
    }

    /** When the attacher last checked the compute for drift (null: not yet), from its database. */
    private static Instant driftCheckedAt(String compute) throws Exception {
        try (var db = suite.database("attacher"); var q = db.prepareStatement(
                "select drift_checked_at from compute where workspace = ? and name = ?")) {
            q.setString(1, WS);
            q.setString(2, compute);
            try (var rows = q.executeQuery()) {
                return rows.next() && rows.getTimestamp(1) != null ? rows.getTimestamp(1).toInstant() : null;
            }
        }
    }

    /** A record that is not a usable command, and how to recognise its answer. */
    private record Malformed(String kind, String key, String id) {
        static Malformed publish(KafkaProbe kafka, int i) {
            String key = "burst/bad-" + i;
            String id = UUID.randomUUID().toString();
            String create = CommandType.of(CreateCluster.class).orElseThrow().cloudEventType();
            String valid = KafkaProbe.structured(UUID.fromString(id), new CreateCluster("burst", "bad-" + i,
                    "westus", null, null, null, ClusterPurpose.DevTest, null, null, null, null, null, null));
            switch (i % 8) {
                case 0 -> kafka.publishRaw(key, "create me a cluster, please " + i);
                case 1 -> kafka.publishRaw(key, "{\"hello\":" + i + "}");
                case 2 -> kafka.publishRaw(key, valid.replace(create, "akscompute.MakeCoffee.v1"));
                case 3 -> {
                    // Breaks the preflight twice: a name may not end with a hyphen, and a production cluster needs
                    // at least 3 nodes.
                    CreateCluster invalid = new CreateCluster("burst", "bad-" + i + "-", "westus", null, 2, null,
                            ClusterPurpose.FastProd, null, null, null, null, null, null);
                    key = invalid.key();
                    kafka.publishRaw(key, KafkaProbe.structured(UUID.fromString(id), invalid));
                }
                case 4 -> kafka.publishRaw(key, valid.replace("\"workspace\":\"burst\"", "\"workspace\":[1,2]"));
                case 5 -> kafka.publishBinary(key, UUID.fromString(id), create, "workspaces/burst/computes/bad-" + i,
                        "{ not json " + i);
                case 6 -> kafka.publishRaw(key, "");
                default -> kafka.publishRaw(key, valid.replace("\"id\":\"" + id + "\",", ""));
            }
            return new Malformed("kind " + (i % 8), key, id);
        }

        boolean answered(KafkaProbe kafka) {
            Predicate<ConsumerRecord<String, String>> mine = r -> key.equals(r.key())
                    || id.equals(KafkaProbe.header(r, "ce_correlationid")) || id.equals(KafkaProbe.header(r, "ce_id"));
            return kafka.records(Topics.COMMANDS_DLQ).stream().anyMatch(mine)
                    || kafka.records(Topics.STATUS).stream().filter(r -> CloudEventTypes.of("OperationFailed")
                            .equals(KafkaProbe.header(r, "ce_type"))).anyMatch(mine);
        }
    }

    /** Polls a condition of the running suite (there is no event to wait on) for up to three minutes. */
    private static void awaitUntil(Callable<Boolean> condition, String what) {
        Awaitility.await(what).atMost(OPERATION).pollInterval(Duration.ofMillis(200)).until(condition);
    }

    /** A self-signed server certificate for the name, as PEM files cert.pem and key.pem in the directory. */
    private static void writeCertificate(Path dir, String name) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair key = generator.generateKeyPair();
        X500Principal subject = new X500Principal("CN=" + name);
        var builder = new JcaX509v3CertificateBuilder(subject, BigInteger.valueOf(System.nanoTime()),
                Date.from(Instant.now().minus(Duration.ofDays(1))), Date.from(Instant.now().plus(Duration.ofDays(90))),
                subject, key.getPublic());
        builder.addExtension(Extension.subjectAlternativeName, false,
                new GeneralNames(new GeneralName(GeneralName.dNSName, name)));
        byte[] der = builder.build(new JcaContentSignerBuilder("SHA256withRSA").build(key.getPrivate())).getEncoded();
        Files.writeString(dir.resolve("cert.pem"), pem("CERTIFICATE", der));
        Files.writeString(dir.resolve("key.pem"), pem("PRIVATE KEY", key.getPrivate().getEncoded()));
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }
}
