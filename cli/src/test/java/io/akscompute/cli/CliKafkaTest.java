package io.akscompute.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.akscompute.common.contract.CloudEventTypes;
import io.akscompute.common.contract.ErrorCode;
import io.akscompute.common.contract.Json;
import io.akscompute.common.contract.Topics;
import io.akscompute.common.contract.command.CreateCluster;
import io.akscompute.common.contract.event.Detail;
import io.akscompute.common.contract.event.OperationAccepted;
import io.akscompute.common.contract.event.OperationFailed;
import io.akscompute.common.contract.event.OperationProgress;
import io.akscompute.common.contract.event.OperationSucceeded;
import io.akscompute.common.contract.model.ClusterPurpose;
import io.akscompute.common.contract.model.LoadBalancerType;
import io.akscompute.common.contract.model.SslStatus;
import io.akscompute.testing.KafkaBroker;
import io.akscompute.testing.TestKafka;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The CLI against a real broker; the test plays the services' part on aks.status. */
class CliKafkaTest {
    private static String bootstrap;

    @BeforeAll
    static void topics() {
        bootstrap = KafkaBroker.bootstrapServers();
        var existing = TestKafka.companion().topics().list();
        for (String topic : List.of(Topics.COMMANDS, Topics.STATUS)) {
            if (!existing.contains(topic)) {
                TestKafka.companion().topics().createAndWait(topic, 3);
            }
        }
    }

    private static String unique(String prefix) {
        return prefix + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void createAksPublishesAStructuredCreateClusterCommand() throws Exception {
        String name = unique("dev");
        Cli cli = Cli.run("create", "aks", "-n", name, "-w", "ws1", "-l", "westus", "--agent-count", "2",
                "--vm-size", "Standard_D4_v2", "--cluster-purpose", "DevTest", "--ssl-leaf-domain-label", "myleaf",
                "--load-balancer-type", "InternalLoadBalancer", "--load-balancer-subnet", "sn1", "--description", "d",
                "--no-wait", "--bootstrap-servers", bootstrap);

        assertThat(cli.exitCode()).as(cli.err()).isZero();
        UUID operationId = UUID.fromString(cli.out().strip());
        ConsumerRecord<String, String> record = TestKafka.await(Topics.COMMANDS,
                r -> ("ws1/" + name).equals(r.key()), Duration.ofSeconds(30));
        JsonNode event = Json.MAPPER.readTree(record.value());
        assertThat(event.path("specversion").asText()).isEqualTo("1.0");
        assertThat(event.path("id").asText()).isEqualTo(operationId.toString());
        assertThat(event.path("type").asText()).isEqualTo("akscompute.CreateCluster.v1");
        assertThat(event.path("subject").asText()).isEqualTo("workspaces/ws1/computes/" + name);
        assertThat(event.path("source").asText()).isNotBlank();
        // Strict mapping: a field the contract does not know would fail here, as it would in the services.
        CreateCluster data = Json.MAPPER.treeToValue(event.path("data"), CreateCluster.class);
        assertThat(data.workspace()).isEqualTo("ws1");
        assertThat(data.computeName()).isEqualTo(name);
        assertThat(data.location()).isEqualTo("westus");
        assertThat(data.agentCount()).isEqualTo(2);
        assertThat(data.agentVmSize()).isEqualTo("Standard_D4_v2");
        assertThat(data.clusterPurpose()).isEqualTo(ClusterPurpose.DevTest);
        assertThat(data.loadBalancerType()).isEqualTo(LoadBalancerType.InternalLoadBalancer);
        assertThat(data.loadBalancerSubnet()).isEqualTo("sn1");
        assertThat(data.sslConfiguration().status()).isEqualTo(SslStatus.Auto);
        assertThat(data.sslConfiguration().leafDomainLabel()).isEqualTo("myleaf");
        assertThat(data.description()).isEqualTo("d");
        assertThat(event.path("data").has("tags")).isFalse();
    }

    @Test
    void followsAnOperationToSuccess() throws Exception {
        String name = unique("prod");
        CompletableFuture<Cli> run = CompletableFuture.supplyAsync(() -> Cli.run("attach", "aks", "-n", name,
                "-w", "ws1", "--cluster-resource-group", "rg1", "--cluster-name", "aks1", "--bootstrap-servers", bootstrap));
        UUID id = awaitCommand("ws1/" + name, "AttachCluster");

        // Another operation's events on the same topic must not be shown.
        TestKafka.publishStatus(UUID.randomUUID(), new OperationProgress(UUID.randomUUID(), "ws1", name, "AttachCluster",
                "reserve-name", 1, 2, "someone else's", null));
        TestKafka.publishStatus(id, new OperationAccepted(id, "ws1", name, "AttachCluster", Instant.now()));
        TestKafka.publishStatus(id, new OperationProgress(id, "ws1", name, "AttachCluster", "reserve-name", 1, 2,
                "name reserved", null));
        TestKafka.publishStatus(id, new OperationProgress(id, "ws1", name, "AttachCluster", "register", 2, 2,
                "registered", List.of("no TLS")));
        TestKafka.publishStatus(id, new OperationSucceeded(id, "ws1", name, "AttachCluster", null, "attached"));
        Cli cli = run.get(60, TimeUnit.SECONDS);

        assertThat(cli.exitCode()).as(cli.err()).isZero();
        assertThat(cli.err()).isEmpty();
        assertThat(cli.out().lines().toList()).satisfiesExactly(
                l -> assertThat(l).isEqualTo("AttachCluster ws1/" + name + ": operation " + id),
                l -> assertThat(l).matches(" +\\d+\\.\\ds  Accepted"),
                l -> assertThat(l).matches(" +\\d+\\.\\ds  step 1/2 reserve-name: name reserved"),
                l -> assertThat(l).matches(" +\\d+\\.\\ds  step 2/2 register: registered  \\(warning: no TLS\\)"),
                l -> assertThat(l).matches(" +\\d+\\.\\ds  Succeeded: attached"));
    }

    @Test
    void followsAnOperationToFailure() throws Exception {
        String name = unique("bad");
        CompletableFuture<Cli> run = CompletableFuture.supplyAsync(() -> Cli.run("create", "aks", "-n", name,
                "-w", "ws1", "--cluster-purpose", "FastProd", "--agent-count", "2", "--bootstrap-servers", bootstrap));
        UUID id = awaitCommand("ws1/" + name, "CreateCluster");

        TestKafka.publishStatus(id, new OperationProgress(id, "ws1", name, "CreateCluster", "reserve-name", 1, 3,
                "name reserved", null));
        TestKafka.publishStatus(id, new OperationFailed(id, "ws1", name, "CreateCluster", ErrorCode.QuotaExceeded,
                "2 problems", List.of(new Detail("agentCount", "too few nodes"), new Detail(null, "no quota"),
                        new Detail("agentCount", "or too many")),
                List.of("reserve-name")));
        Cli cli = run.get(60, TimeUnit.SECONDS);

        assertThat(cli.exitCode()).isEqualTo(1);
        assertThat(cli.out()).containsPattern("step 1/3 reserve-name: name reserved")
                .containsPattern("\\d\\.\\ds  Failed QuotaExceeded: 2 problems")
                .contains("- agentCount: too few nodes, or too many", "- no quota", "undone: reserve-name");
        assertThat(cli.err().strip()).isEqualTo("error: CreateCluster failed: QuotaExceeded");
    }

    @Test
    void watchPrintsEveryStatusEvent() throws Exception {
        String name = unique("w");
        CompletableFuture<Cli> run = CompletableFuture.supplyAsync(() -> Cli.run("watch", "--max-events", "2",
                "--bootstrap-servers", bootstrap));
        UUID id = UUID.randomUUID();
        // The watcher starts at the end of the topic: keep publishing until it has seen two events.
        int sent = 0;
        while (!run.isDone() && sent < 100) {
            TestKafka.publishStatus(id, new OperationProgress(id, "ws2", name, "ScaleCluster", "scale", 1, 1, "scaling "
                    + sent++, null));
            try {
                run.get(200, TimeUnit.MILLISECONDS);
            } catch (java.util.concurrent.TimeoutException e) {
                // not yet
            }
        }
        Cli cli = run.get(30, TimeUnit.SECONDS);

        assertThat(cli.exitCode()).as(cli.err()).isZero();
        assertThat(cli.out().lines().filter(l -> l.contains("ws2/" + name + " ScaleCluster " + id
                + " OperationProgress step 1/1 scale: scaling "))).hasSize(2);
    }

    /** Waits for the command the CLI published and returns its id, the operation id. */
    private static UUID awaitCommand(String key, String type) throws Exception {
        ConsumerRecord<String, String> record = TestKafka.await(Topics.COMMANDS, r -> key.equals(r.key()),
                Duration.ofSeconds(30));
        JsonNode event = Json.MAPPER.readTree(record.value());
        assertThat(event.path("type").asText()).isEqualTo(CloudEventTypes.of(type));
        return UUID.fromString(event.path("id").asText());
    }
}
