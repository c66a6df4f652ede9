package io.akscompute.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.akscompute.common.contract.CommandHeaders;
import io.akscompute.common.contract.ErrorCode;
import io.akscompute.common.contract.Json;
import io.akscompute.common.contract.Topics;
import io.akscompute.common.contract.command.AttachCluster;
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
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The client against a real broker; the test plays the services' part on aks.commands and aks.status. */
class AksComputeClientTest {
    private static AksComputeClient client;

    @BeforeAll
    static void start() {
        var existing = TestKafka.companion().topics().list();
        for (String topic : List.of(Topics.COMMANDS, Topics.STATUS)) {
            if (!existing.contains(topic)) {
                TestKafka.companion().topics().createAndWait(topic, 3);
            }
        }
        client = AksComputeClient.builder().bootstrapServers(KafkaBroker.bootstrapServers()).token("the-jwt")
                .source("/tests/client").operationTimeout(Duration.ofSeconds(60)).build();
    }

    @AfterAll
    static void stop() {
        client.close();
    }

    private static String unique(String prefix) {
        return prefix + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void aProvisioningConfigurationBecomesTheCreateClusterCommandWithTheCallersToken() throws Exception {
        String name = unique("dev");
        Operation op = client.workspace("ws1").create(name, AksCompute.provisioningConfiguration()
                .location("westus").agentCount(2).vmSize("Standard_D4_v2").clusterPurpose(ClusterPurpose.DevTest)
                .loadBalancer(LoadBalancerType.InternalLoadBalancer, "sn1").enableSsl("myleaf", true)
                .description("d"));

        ConsumerRecord<String, String> record = awaitCommand("ws1/" + name);
        JsonNode event = Json.MAPPER.readTree(record.value());
        assertThat(event.path("id").asText()).isEqualTo(op.id().toString());
        assertThat(event.path("type").asText()).isEqualTo("akscompute.CreateCluster.v1");
        assertThat(event.path("source").asText()).isEqualTo("/tests/client");
        assertThat(new String(record.headers().lastHeader(CommandHeaders.AUTHORIZATION).value(),
                StandardCharsets.UTF_8)).isEqualTo("the-jwt");
        // Strict mapping: a field the contract does not know would fail here, as it would in the services.
        CreateCluster data = Json.MAPPER.treeToValue(event.path("data"), CreateCluster.class);
        assertThat(data).isEqualTo(new CreateCluster("ws1", name, "westus", null, 2, "Standard_D4_v2",
                ClusterPurpose.DevTest, null, LoadBalancerType.InternalLoadBalancer, "sn1",
                new io.akscompute.common.contract.model.SslConfiguration(SslStatus.Auto, null, null, "myleaf", true,
                        null), "d", null));
        assertThat(op.type().typeName()).isEqualTo("CreateCluster");
        assertThat(op.key()).isEqualTo("ws1/" + name);
    }

    @Test
    void theCallersTraceparentTravelsWithTheCommand() throws Exception {
        String traceparent = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
        try (AksComputeClient traced = AksComputeClient.builder().bootstrapServers(KafkaBroker.bootstrapServers())
                .traceparent(() -> traceparent).build()) {
            String name = unique("traced");
            traced.publish(new io.akscompute.common.contract.command.DetachCluster("ws1", name));

            JsonNode event = Json.MAPPER.readTree(awaitCommand("ws1/" + name).value());
            assertThat(event.path("traceparent").asText()).isEqualTo(traceparent);
        }
    }

    @Test
    void attachByGroupAndNameFollowedToSuccessByFutureStreamAndWait() throws Exception {
        String name = unique("prod");
        Operation op = client.workspace("ws1").attach(name, AksCompute.attachConfiguration("rg1", "aks1")
                .clusterPurpose(ClusterPurpose.DevTest));
        CompletableFuture<List<String>> streamed = CompletableFuture.supplyAsync(
                () -> op.events().map(StatusUpdate::type).toList());
        List<String> told = java.util.Collections.synchronizedList(new ArrayList<>());
        op.onEvent(u -> told.add(u.type()));
        List<String> toldUntilClosed = java.util.Collections.synchronizedList(new ArrayList<>());
        op.onEvent(u -> toldUntilClosed.add(u.type())).close();
        UUID id = UUID.fromString(Json.MAPPER.readTree(awaitCommand("ws1/" + name).value()).path("id").asText());
        assertThat(id).isEqualTo(op.id());
        assertThat(Json.MAPPER.treeToValue(Json.MAPPER.readTree(awaitCommand("ws1/" + name).value()).path("data"),
                AttachCluster.class).clusterName()).isEqualTo("aks1");

        // Another operation's events on the same topic are not this one's.
        TestKafka.publishStatus(UUID.randomUUID(), new OperationProgress(UUID.randomUUID(), "ws1", name, "AttachCluster",
                "reserve-name", 1, 2, "someone else's", null));
        TestKafka.publishStatus(id, new OperationAccepted(id, "ws1", name, "AttachCluster", Instant.now()));
        TestKafka.publishStatus(id, new OperationProgress(id, "ws1", name, "AttachCluster", "reserve-name", 1, 2,
                "name reserved", null));
        TestKafka.publishStatus(id, new OperationProgress(id, "ws1", name, "AttachCluster", "register", 2, 2, "registered",
                List.of("no TLS")));
        TestKafka.publishStatus(id, new OperationSucceeded(id, "ws1", name, "AttachCluster", null, "attached"));

        Outcome outcome = op.outcome().get(30, TimeUnit.SECONDS);
        assertThat(outcome.succeeded()).isTrue();
        assertThat(outcome.success().message()).isEqualTo("attached");
        assertThat(outcome.compute()).isEmpty();
        assertThat(streamed.get(30, TimeUnit.SECONDS)).containsExactly(StatusUpdate.ACCEPTED, StatusUpdate.PROGRESS,
                StatusUpdate.PROGRESS, StatusUpdate.SUCCEEDED);
        // Listeners: one from before the first event is told each as it comes; one that closed, nothing; one
        // from after the outcome, everything so far at once.
        assertThat(told).containsExactly(StatusUpdate.ACCEPTED, StatusUpdate.PROGRESS, StatusUpdate.PROGRESS,
                StatusUpdate.SUCCEEDED);
        assertThat(toldUntilClosed).isEmpty();
        List<String> late = new ArrayList<>();
        op.onEvent(u -> late.add(u.type()));
        assertThat(late).containsExactlyElementsOf(told);
        // Waiting after the end replays what happened, as the CLI prints it.
        List<String> lines = new ArrayList<>();
        assertThat(op.waitForCompletion(lines::add, Duration.ofSeconds(5))).isEqualTo(outcome);
        assertThat(lines).satisfiesExactly(
                l -> assertThat(l).matches(" +\\d+\\.\\ds  Accepted"),
                l -> assertThat(l).matches(" +\\d+\\.\\ds  step 1/2 reserve-name: name reserved"),
                l -> assertThat(l).matches(" +\\d+\\.\\ds  step 2/2 register: registered  \\(warning: no TLS\\)"),
                l -> assertThat(l).matches(" +\\d+\\.\\ds  Succeeded: attached"));
    }

    @Test
    void aFailureIsAnOutcomeWithEveryProblemNotAnException() throws Exception {
        String name = unique("bad");
        Operation op = client.workspace("ws1").scale(name, 0);
        CompletableFuture<List<String>> waited = CompletableFuture.supplyAsync(() -> {
            List<String> lines = new ArrayList<>();
            op.waitForCompletion(lines::add, Duration.ofSeconds(30));
            return lines;
        });
        UUID id = op.id();
        awaitCommand("ws1/" + name);
        TestKafka.publishStatus(id, new OperationFailed(id, "ws1", name, "ScaleCluster", ErrorCode.ValidationFailed,
                "2 problems", List.of(new Detail("agentCount", "too few nodes"), new Detail(null, "no quota"),
                        new Detail("agentCount", "or too many")), List.of("lock-compute")));

        Outcome outcome = op.outcome().get(30, TimeUnit.SECONDS);
        assertThat(outcome.succeeded()).isFalse();
        assertThat(outcome.failure().code()).isEqualTo(ErrorCode.ValidationFailed);
        assertThat(outcome.failure().details()).hasSize(3);
        assertThatThrownBy(outcome::success).hasMessageContaining("ValidationFailed");
        assertThat(waited.get(30, TimeUnit.SECONDS)).satisfiesExactly(
                l -> assertThat(l).matches(" +\\d+\\.\\ds  Failed ValidationFailed: 2 problems"),
                l -> assertThat(l).isEqualTo(StatusLines.INDENT + "- agentCount: too few nodes, or too many"),
                l -> assertThat(l).isEqualTo(StatusLines.INDENT + "- no quota"),
                l -> assertThat(l).isEqualTo(StatusLines.INDENT + "undone: lock-compute"));
    }

    @Test
    void noOutcomeInTimeNamesTheServiceThatShouldHaveAnswered() {
        Operation op = client.workspace("ws1").detach(unique("gone"));

        assertThatThrownBy(() -> op.waitForCompletion(line -> { }, Duration.ofMillis(500)))
                .isInstanceOf(OperationTimeoutException.class)
                .hasMessage("no outcome of operation " + op.id() + " within 0 s: is the attacher service running?");
        assertThat(op.outcome()).isNotDone();
    }

    @Test
    void closingTheClientEndsWhatItStillFollows() {
        AksComputeClient another = AksComputeClient.builder().bootstrapServers(KafkaBroker.bootstrapServers())
                .build();
        Operation op = another.workspace("ws1").reattach(unique("left"));
        another.close();

        assertThat(op.outcome()).isCompletedExceptionally();
        assertThatThrownBy(() -> op.waitForCompletion(false)).isInstanceOf(AksComputeException.class)
                .hasMessageContaining("closed");
        assertThatThrownBy(() -> another.workspace("ws1").detach("x")).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void anUnreachableBrokerIsSaidSoAtOnce() {
        try (AksComputeClient nowhere = AksComputeClient.builder().bootstrapServers("localhost:1")
                .kafkaTimeout(Duration.ofSeconds(1)).build()) {
            assertThatThrownBy(() -> nowhere.workspace("ws1").detach("x")).isInstanceOf(AksComputeException.class)
                    .hasMessageStartingWith("cannot reach Kafka at localhost:1")
                    .satisfies(e -> assertThat(((AksComputeException) e).unreachable()).isTrue());
        }
    }

    private static ConsumerRecord<String, String> awaitCommand(String key) {
        return TestKafka.await(Topics.COMMANDS, r -> key.equals(r.key()), Duration.ofSeconds(30));
    }
}
