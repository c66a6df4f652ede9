package io.akscompute.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.akscompute.common.contract.CloudEventRecords;
import io.akscompute.common.contract.CommandHeaders;
import io.akscompute.common.contract.CloudEventTypes;
import io.akscompute.common.contract.Command;
import io.akscompute.common.contract.CommandType;
import io.akscompute.common.contract.Json;
import io.akscompute.common.contract.Topics;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** Publishes commands on aks.commands and reads aks.status from its end, as a user's client does. */
final class StatusStream implements AutoCloseable {
    private static final String SOURCE = "/akscompute/cli";

    private final String bootstrap;
    private final Duration kafkaTimeout;
    private final String token;
    private final Map<String, Object> kafkaSettings;
    private KafkaConsumer<String, byte[]> consumer;
    private KafkaProducer<String, byte[]> producer;

    StatusStream(GlobalOptions global) {
        this.bootstrap = global.bootstrapServers;
        this.kafkaTimeout = Duration.ofSeconds(Math.max(1, global.kafkaTimeoutSeconds));
        this.token = global.token();
        this.kafkaSettings = global.kafkaSettings();
    }

    /** Positions a consumer at the end of aks.status: call before publishing, so no answer is missed. */
    StatusStream openAtEnd() {
        int ms = (int) kafkaTimeout.toMillis();
        consumer = new KafkaConsumer<>(withSettings(Map.<String, Object>of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest",
                ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, ms,
                ConsumerConfig.REQUEST_TIMEOUT_MS_CONFIG, ms,
                CommonClientConfigs.RECONNECT_BACKOFF_MAX_MS_CONFIG, 1000)),
                new StringDeserializer(), new ByteArrayDeserializer());
        try {
            List<PartitionInfo> partitions = consumer.partitionsFor(Topics.STATUS, kafkaTimeout);
            if (partitions.isEmpty()) {
                subscribeAndJoin();
            } else {
                // Assigning all partitions directly avoids a consumer-group join, which takes seconds.
                consumer.assign(partitions.stream().map(p -> new TopicPartition(p.topic(), p.partition())).toList());
            }
            consumer.seekToEnd(consumer.assignment());
            consumer.assignment().forEach(tp -> consumer.position(tp, kafkaTimeout));
        } catch (KafkaException e) {
            throw unreachable(e);
        }
        return this;
    }

    /** The topic does not exist yet (no service has run): wait for it as a group member, like any subscriber. */
    private void subscribeAndJoin() {
        consumer.close(Duration.ZERO);
        int ms = (int) kafkaTimeout.toMillis();
        consumer = new KafkaConsumer<>(withSettings(Map.<String, Object>of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, "akscompute-cli-" + UUID.randomUUID(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest",
                ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, ms,
                ConsumerConfig.REQUEST_TIMEOUT_MS_CONFIG, ms)),
                new StringDeserializer(), new ByteArrayDeserializer());
        consumer.subscribe(List.of(Topics.STATUS));
        Instant deadline = Instant.now().plus(kafkaTimeout.multipliedBy(3));
        while (consumer.assignment().isEmpty()) {
            if (Instant.now().isAfter(deadline)) {
                throw CliException.unreachable("cannot read " + Topics.STATUS + " from Kafka at " + bootstrap);
            }
            consumer.poll(Duration.ofMillis(200));
        }
    }

    /** The --kafka-config settings (security), then ours; ours win where both set a key. */
    private Map<String, Object> withSettings(Map<String, Object> ours) {
        Map<String, Object> all = new java.util.HashMap<>(kafkaSettings);
        all.putAll(ours);
        return all;
    }

    /** Publishes the command as a structured CloudEvent; its id is the operation id. */
    UUID publish(Command command) {
        if (producer == null) {
            int ms = (int) kafkaTimeout.toMillis();
            producer = new KafkaProducer<>(withSettings(Map.<String, Object>of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                    ProducerConfig.ACKS_CONFIG, "all",
                    ProducerConfig.MAX_BLOCK_MS_CONFIG, ms,
                    ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, ms,
                    ProducerConfig.LINGER_MS_CONFIG, 0,
                    ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, ms + 1000,
                    CommonClientConfigs.RECONNECT_BACKOFF_MAX_MS_CONFIG, 1000)),
                    new StringSerializer(), new ByteArraySerializer());
        }
        UUID id = UUID.randomUUID();
        try {
            ProducerRecord<String, byte[]> record = CloudEventRecords.structured(Topics.COMMANDS, command.key(),
                    CloudEventRecords.command(id, command, SOURCE));
            if (token != null) {
                record.headers().add(CommandHeaders.AUTHORIZATION, token.getBytes(StandardCharsets.UTF_8));
            }
            producer.send(record)
                    .get(kafkaTimeout.toMillis() + 2000, TimeUnit.MILLISECONDS);
        } catch (KafkaException e) {
            throw unreachable(e);
        } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
            throw unreachable(e.getCause() == null ? e : e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw CliException.failed("interrupted");
        }
        return id;
    }

    /**
     * Prints each status event of the operation as it arrives until it succeeds (0, and the success's data goes to
     * {@code result}) or fails (1); no outcome within the timeout means the owning service is not running (3).
     */
    int follow(UUID operationId, CommandType type, Duration timeout, PrintWriter out, PrintWriter err,
            Consumer<JsonNode> result) {
        long t0 = System.nanoTime();
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            for (ConsumerRecord<String, byte[]> r : poll()) {
                if (!(CloudEventRecords.read(r.headers(), r.value()) instanceof CloudEventRecords.Event e)
                        || !operationId.toString().equals(CloudEventRecords.extension(e.event(),
                                CloudEventTypes.EXT_CORRELATION_ID)) || e.data() == null) {
                    continue;
                }
                JsonNode data = e.data();
                String elapsed = String.format("  %5.1fs  ", (System.nanoTime() - t0) / 1e9);
                String name = eventName(e.event().getType());
                switch (name) {
                    case "OperationProgress" -> out.println(elapsed + progressLine(data));
                    case "OperationSucceeded" -> {
                        out.println(elapsed + succeededLine(data));
                        out.flush();
                        result.accept(data);
                        return 0;
                    }
                    case "OperationFailed" -> {
                        out.println(elapsed + "Failed " + data.path("code").asText() + ": "
                                + data.path("message").asText());
                        detailLines(data.path("details")).forEach(line -> out.println("           - " + line));
                        String undone = "undone: " + join(data.path("compensated"));
                        // The saga's message usually says it already.
                        if (!data.path("compensated").isEmpty() && !data.path("message").asText().contains(undone)) {
                            out.println("           " + undone);
                        }
                        out.flush();
                        err.println("error: " + type.typeName() + " failed: " + data.path("code").asText());
                        return CliException.FAILED;
                    }
                    default -> out.println(elapsed + name.replace("Operation", ""));
                }
                out.flush();
            }
        }
        throw CliException.unreachable("no outcome of operation " + operationId + " within " + timeout.toSeconds()
                + " s: is the " + type.owner().id() + " service running?");
    }

    /** One line per field: a list such as the supported versions reads as one line, not one per entry. */
    static List<String> detailLines(JsonNode details) {
        Map<String, List<String>> byField = new LinkedHashMap<>();
        for (JsonNode d : details) {
            byField.computeIfAbsent(d.hasNonNull("field") ? d.get("field").asText() : "", f -> new ArrayList<>())
                    .add(d.path("message").asText());
        }
        List<String> lines = new ArrayList<>();
        byField.forEach((field, messages) -> {
            if (field.isEmpty()) {
                lines.addAll(messages);
            } else {
                lines.add(field + ": " + String.join(", ", messages));
            }
        });
        return lines;
    }

    /** Reads the next records; the loop that calls this decides when to stop. */
    Iterable<ConsumerRecord<String, byte[]>> poll() {
        try {
            return consumer.poll(Duration.ofMillis(300));
        } catch (KafkaException e) {
            throw unreachable(e);
        }
    }

    static String progressLine(JsonNode data) {
        return "step " + data.path("index").asInt() + "/" + data.path("count").asInt() + " "
                + data.path("step").asText() + ": " + data.path("message").asText()
                + (data.path("warnings").isEmpty() ? "" : "  (warning: " + join(data.path("warnings")) + ")");
    }

    static String succeededLine(JsonNode data) {
        JsonNode c = data.path("compute");
        if (c.isMissingNode() || c.isNull()) {
            return "Succeeded" + (data.hasNonNull("message") ? ": " + data.get("message").asText() : "");
        }
        String endpoint = c.at("/properties/systemServices/0/publicIpAddress").asText("");
        // A repair's message is its result: what was put back, accepted, or still differs.
        boolean repair = "RepairCompute".equals(data.path("operation").asText()) && data.hasNonNull("message");
        return "Succeeded: " + c.path("name").asText() + " " + c.path("provisioningState").asText()
                + (endpoint.isEmpty() ? "" : ", scoring endpoint " + endpoint)
                + (repair ? "; " + data.get("message").asText() : "");
    }

    static String eventName(String ceType) {
        return ceType == null ? "?" : ceType.replace("akscompute.", "").replace(".v1", "");
    }

    static JsonNode readOrNull(String value) {
        try {
            return value == null ? null : Json.MAPPER.readTree(value);
        } catch (IOException e) {
            return null;
        }
    }

    private static String join(JsonNode array) {
        StringBuilder sb = new StringBuilder();
        for (JsonNode n : array) {
            sb.append(sb.length() == 0 ? "" : ", ").append(n.asText());
        }
        return sb.toString();
    }

    private CliException unreachable(Throwable cause) {
        return CliException.unreachable("cannot reach Kafka at " + bootstrap + " (" + cause.getClass().getSimpleName()
                + (cause.getMessage() == null ? "" : ": " + cause.getMessage()) + ")");
    }

    @Override
    public void close() {
        // Short closes: with an absent broker a default close would wait for it.
        if (producer != null) {
            producer.close(Duration.ofSeconds(1));
        }
        if (consumer != null) {
            consumer.close(Duration.ofSeconds(1));
        }
    }
}
