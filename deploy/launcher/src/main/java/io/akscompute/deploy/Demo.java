package io.akscompute.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.akscompute.common.contract.CloudEventTypes;
import io.akscompute.common.contract.Command;
import io.akscompute.common.contract.CommandType;
import io.akscompute.common.contract.Json;
import io.akscompute.common.contract.Topics;
import io.akscompute.common.contract.command.AttachCluster;
import io.akscompute.common.contract.command.CreateCluster;
import io.akscompute.common.contract.command.DeleteCluster;
import io.akscompute.common.contract.command.DetachCluster;
import io.akscompute.common.contract.model.ClusterPurpose;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** Publishes a valid command, an invalid one and a broken record, and prints what comes back. */
final class Demo {
    private final String bootstrap;

    Demo(String bootstrap) {
        this.bootstrap = bootstrap;
    }

    void run() throws Exception {
        String suffix = UUID.randomUUID().toString().substring(0, 6);
        var invalid = new CreateCluster("demo-ws", "9lives-" + suffix + "-", "westus", null, 2, "Standard_D2_v2",
                ClusterPurpose.FastProd, null, null, null, null, null, null);
        String brokenKey = "demo-ws/broken-" + suffix;

        try (var consumer = consumer(); var producer = producer()) {
            LocalSuite.say("\n== demo: commands on " + Topics.COMMANDS + ", answers from " + Topics.STATUS + " ==");
            LocalSuite.say("== bad input gets a clear answer ==");
            UUID invalidId = publish(producer, invalid);
            LocalSuite.say("-> CreateCluster " + invalid.computeName() + " (FastProd with 2 x Standard_D2_v2), operation "
                    + invalidId);
            producer.send(new ProducerRecord<>(Topics.COMMANDS, brokenKey, "create me a cluster, please")).get();
            LocalSuite.say("-> a record that is not JSON, key " + brokenKey);
            print(await(consumer, r -> r.topic().equals(Topics.STATUS) && invalidId.toString().equals(
                    header(r, "ce_correlationid"))));
            var dead = await(consumer, r -> r.topic().equals(Topics.COMMANDS_DLQ) && brokenKey.equals(r.key()));
            LocalSuite.say("<- " + Topics.COMMANDS_DLQ + ": '" + dead.value() + "'\n     reason: "
                    + header(dead, "dead-letter-reason"));

            LocalSuite.say("\n== Kubernetes versions in westus (GET " + versionsUrl + ") ==");
            LocalSuite.say(versionsTable());

            String created = "dev-" + suffix;
            LocalSuite.say("== create a DevTest cluster as compute " + created + " (the region's default version) ==");
            follow(consumer, producer, new CreateCluster("demo-ws", created, "westus", null, null, null,
                    ClusterPurpose.DevTest, null, null, null, null, "created by the demo", null));
            String attached = "prod-" + suffix;
            LocalSuite.say("== attach the emulator's production cluster as compute " + attached + " ==");
            follow(consumer, producer, new AttachCluster("demo-ws", attached, null, AzureEmulatorProcess.PROD_RG,
                    AzureEmulatorProcess.PROD_CLUSTER, null, null, null, null, "attached by the demo"));
            LocalSuite.say("== attach a cluster whose Kubernetes version is no longer supported ==");
            follow(consumer, producer, new AttachCluster("demo-ws", "old-" + suffix, null,
                    AzureEmulatorProcess.PROD_RG, AzureEmulatorProcess.OLD_CLUSTER, ClusterPurpose.DevTest, null, null,
                    null, null));
            LocalSuite.say("== detach " + attached + " (the cluster stays) ==");
            follow(consumer, producer, new DetachCluster("demo-ws", attached));
            LocalSuite.say("== delete " + created + " (akscompute created it, so the cluster goes too) ==");
            follow(consumer, producer, new DeleteCluster("demo-ws", created));
        }
        LocalSuite.say("== demo done ==");
    }

    private final String versionsUrl = "http://localhost:8081/versions?location=westus&output=table";

    private String versionsTable() throws Exception {
        var http = java.net.http.HttpClient.newHttpClient();
        var response = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(versionsUrl)).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        return response.body();
    }

    /** Publishes the command and prints each of its status events until the operation ends. */
    private void follow(KafkaConsumer<String, String> consumer, KafkaProducer<String, String> producer,
            Command command) throws Exception {
        UUID id = publish(producer, command);
        long t0 = System.nanoTime();
        java.util.Set<ConsumerRecord<String, String>> shown = new java.util.HashSet<>();
        Instant deadline = Instant.now().plus(Duration.ofSeconds(180));
        while (Instant.now().isBefore(deadline)) {
            consumer.poll(Duration.ofMillis(300)).forEach(seen::add);
            for (ConsumerRecord<String, String> r : seen) {
                if (!id.toString().equals(header(r, "ce_correlationid")) || !shown.add(r)) {
                    continue;
                }
                JsonNode data = Json.MAPPER.readTree(r.value());
                String type = header(r, "ce_type");
                String elapsed = String.format("%5.1fs", (System.nanoTime() - t0) / 1e9);
                if (type.endsWith("OperationProgress.v1")) {
                    LocalSuite.say("  " + elapsed + "  step " + data.get("index").asInt() + "/" + data.get("count").asInt()
                            + " " + data.get("step").asText() + ": " + data.get("message").asText()
                            + (data.path("warnings").isEmpty() ? "" : "  (warning: " + data.get("warnings").get(0).asText() + ")"));
                } else if (type.endsWith("OperationSucceeded.v1")) {
                    JsonNode c = data.path("compute");
                    LocalSuite.say("  " + elapsed + "  Succeeded" + (c.isMissingNode() || c.isNull() ? ""
                            : ": " + c.path("name").asText() + " " + c.path("provisioningState").asText()
                            + ", scoring endpoint " + c.at("/properties/systemServices/0/publicIpAddress").asText()));
                    return;
                } else if (type.endsWith("OperationFailed.v1")) {
                    LocalSuite.say("  " + elapsed + "  Failed " + data.get("code").asText() + ": "
                            + data.get("message").asText());
                    return;
                } else {
                    LocalSuite.say("  " + elapsed + "  " + type.replace("akscompute.", "").replace(".v1", ""));
                }
            }
        }
        throw new IllegalStateException("operation " + id + " did not finish within 180 s; see the service logs");
    }

    private static void print(ConsumerRecord<String, String> r) throws Exception {
        JsonNode data = Json.MAPPER.readTree(r.value());
        LocalSuite.say("<- " + header(r, "ce_type") + " from " + header(r, "ce_source") + " for " + header(r,
                "ce_subject"));
        if (data.has("code")) {
            int problems = data.path("details").size();
            LocalSuite.say("     " + data.get("code").asText() + ": "
                    + (problems > 0 ? problems + " problem(s):" : data.get("message").asText()));
            for (JsonNode d : data.path("details")) {
                LocalSuite.say("       - " + d.path("field").asText() + ": " + d.path("message").asText());
            }
        }
    }

    private UUID publish(KafkaProducer<String, String> producer, Command command) throws Exception {
        UUID id = UUID.randomUUID();
        ObjectNode event = Json.MAPPER.createObjectNode()
                .put("specversion", CloudEventTypes.SPEC_VERSION)
                .put("id", id.toString())
                .put("type", CommandType.of(command.getClass()).orElseThrow().cloudEventType())
                .put("source", "/akscompute/demo")
                .put("subject", command.subject());
        event.set("data", Json.MAPPER.valueToTree(command));
        producer.send(new ProducerRecord<>(Topics.COMMANDS, command.key(), Json.write(event))).get();
        return id;
    }

    /** Every record read so far: answers may arrive in any order across partitions. */
    private final List<ConsumerRecord<String, String>> seen = new java.util.ArrayList<>();

    private ConsumerRecord<String, String> await(KafkaConsumer<String, String> consumer,
            Predicate<ConsumerRecord<String, String>> match) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(90));
        while (Instant.now().isBefore(deadline)) {
            var found = seen.stream().filter(match).findFirst();
            if (found.isPresent()) {
                return found.get();
            }
            consumer.poll(Duration.ofMillis(500)).forEach(seen::add);
        }
        throw new IllegalStateException("the demo got no answer within 90 s; see the service logs");
    }

    private static String header(ConsumerRecord<?, ?> r, String name) {
        Header h = r.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    private KafkaProducer<String, String> producer() {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap),
                new StringSerializer(), new StringSerializer());
    }

    /** Reads from the end of both topics, so an earlier run's records do not interfere. */
    private KafkaConsumer<String, String> consumer() {
        var consumer = new KafkaConsumer<>(Map.<String, Object>of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, "akscompute-demo-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest"), new StringDeserializer(), new StringDeserializer());
        consumer.subscribe(List.of(Topics.STATUS, Topics.COMMANDS_DLQ));
        // Join the group and fix the start positions before anything is published.
        while (consumer.assignment().isEmpty()) {
            consumer.poll(Duration.ofMillis(200));
        }
        consumer.seekToEnd(consumer.assignment());
        consumer.assignment().forEach(consumer::position);
        return consumer;
    }
}
