package io.akscompute.testing;

import com.fasterxml.jackson.databind.JsonNode;
import io.akscompute.common.contract.CloudEventRecords;
import io.akscompute.common.contract.CloudEventTypes;
import io.akscompute.common.contract.Command;
import io.akscompute.common.contract.CommandHeaders;
import io.akscompute.common.contract.Topics;
import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.awaitility.Awaitility;

/**
 * Publishes commands and awaits records on a real broker, the way a user's client would. {@link TestKafka} is
 * the one for the test JVM's own broker; the end-to-end tests make one for the suite's broker process.
 */
public final class KafkaProbe implements AutoCloseable {
    private static final String SOURCE = "/tests";
    private final KafkaCompanion companion;
    private final Supplier<String> tokens;
    private final Map<String, ConsumerTask<String, String>> watchers = new ConcurrentHashMap<>();

    /** A probe whose commands carry a token of {@link TestIdentity}'s administrator of every workspace. */
    public KafkaProbe(String bootstrapServers) {
        this(bootstrapServers, TestIdentity::admin);
    }

    /** A probe whose commands carry the tokens {@code tokens} gives (null: none). */
    public KafkaProbe(String bootstrapServers, Supplier<String> tokens) {
        this(bootstrapServers, Map.of(), tokens);
    }

    /** A probe of a secured broker: {@code clientConfig} holds its security settings (SASL, SSL). */
    public KafkaProbe(String bootstrapServers, Map<String, Object> clientConfig, Supplier<String> tokens) {
        this.companion = new KafkaCompanion(bootstrapServers);
        this.companion.setCommonClientConfig(new java.util.HashMap<>(clientConfig));
        this.tokens = tokens;
    }

    public KafkaCompanion companion() {
        return companion;
    }

    /** A command as a structured-mode CloudEvent, the JSON a console producer would send. */
    public static String structured(UUID id, Command command) {
        return CloudEventRecords.json(CloudEventRecords.command(id, command, SOURCE));
    }

    public UUID publish(Command command) {
        UUID id = UUID.randomUUID();
        publishRaw(command.key(), structured(id, command));
        return id;
    }

    /** The command with this caller's token instead of the probe's. */
    public UUID publish(Command command, String token) {
        UUID id = UUID.randomUUID();
        publish(withToken(new ProducerRecord<>(Topics.COMMANDS, command.key(), structured(id, command)), token));
        return id;
    }

    /** A command record with the probe's token in its authorization header. */
    public void publishRaw(String key, String value) {
        publish(withToken(new ProducerRecord<>(Topics.COMMANDS, key, value), tokens == null ? null : tokens.get()));
    }

    /** A binary-mode CloudEvent: attributes in {@code ce_*} headers, the value is the data as given. */
    public void publishBinary(String key, UUID id, String ceType, String subject, String value) {
        ProducerRecord<String, byte[]> record = CloudEventRecords.binary(Topics.COMMANDS, key, CloudEventRecords.event(
                id, ceType, SOURCE, subject, null, null, OffsetDateTime.now(), value.getBytes(StandardCharsets.UTF_8)));
        if (tokens != null) {
            record.headers().add(CommandHeaders.AUTHORIZATION, tokens.get().getBytes(StandardCharsets.UTF_8));
        }
        publishBytes(record);
    }

    private static <V> ProducerRecord<String, V> withToken(ProducerRecord<String, V> record, String token) {
        if (token != null) {
            record.headers().add(CommandHeaders.AUTHORIZATION, token.getBytes(StandardCharsets.UTF_8));
        }
        return record;
    }

    public void publish(ProducerRecord<String, String> record) {
        companion.produceStrings().fromRecords(record).awaitCompletion(Duration.ofSeconds(30));
    }

    /** A record as the CloudEvents SDK writes it (bytes). */
    public void publishBytes(ProducerRecord<String, byte[]> record) {
        companion.produce(String.class, byte[].class).fromRecords(record).awaitCompletion(Duration.ofSeconds(30));
    }

    /** Every record of the topic since the beginning, read continuously in the background. */
    public List<ConsumerRecord<String, String>> records(String topic) {
        return watchers.computeIfAbsent(topic, t -> companion.consumeStrings().fromTopics(t)).getRecords();
    }

    /** Waits for the first record of the topic that matches. */
    public ConsumerRecord<String, String> await(String topic, Predicate<ConsumerRecord<String, String>> match,
            Duration timeout) {
        return Awaitility.await().atMost(timeout).pollInterval(Duration.ofMillis(100))
                .until(() -> records(topic).stream().filter(match).findFirst().orElse(null), r -> r != null);
    }

    /** Waits for the status event of that operation with that CloudEvent type name (e.g. OperationAccepted). */
    public StatusRecord awaitStatus(UUID operationId, String eventName) {
        return awaitStatus(operationId, eventName, Duration.ofSeconds(60));
    }

    public StatusRecord awaitStatus(UUID operationId, String eventName, Duration timeout) {
        String ceType = CloudEventTypes.of(eventName);
        return new StatusRecord(await(Topics.STATUS,
                r -> ceType.equals(header(r, "ce_type")) && operationId.toString().equals(header(r, "ce_correlationid")),
                timeout));
    }

    /** All status events of that operation seen so far. */
    public List<StatusRecord> statusOf(UUID operationId) {
        return records(Topics.STATUS).stream()
                .filter(r -> operationId.toString().equals(header(r, "ce_correlationid")))
                .map(StatusRecord::new).toList();
    }

    @Override
    public void close() {
        watchers.values().forEach(ConsumerTask::close);
        companion.close();
    }

    public static String header(ConsumerRecord<?, ?> record, String name) {
        Header h = record.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    /** A status event as read from {@code aks.status}: CloudEvent headers plus the JSON data. */
    public record StatusRecord(ConsumerRecord<String, String> record) {
        public String type() {
            return header(record, "ce_type");
        }

        public String source() {
            return header(record, "ce_source");
        }

        public String key() {
            return record.key();
        }

        /** The event's JSON data, read with the CloudEvents SDK. */
        public JsonNode data() {
            CloudEventRecords.Read read = CloudEventRecords.read(record.headers(),
                    record.value() == null ? null : record.value().getBytes(StandardCharsets.UTF_8));
            if (read instanceof CloudEventRecords.Event event) {
                return event.data();
            }
            throw new IllegalStateException(((CloudEventRecords.Unreadable) read).reason());
        }
    }
}
