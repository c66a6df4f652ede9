package io.akscompute.testing;

import io.akscompute.common.contract.CloudEventTypes;
import io.akscompute.common.contract.Command;
import io.akscompute.common.contract.Json;
import io.akscompute.common.contract.Topics;
import io.akscompute.common.contract.event.StatusEvent;
import io.akscompute.testing.KafkaProbe.StatusRecord;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;

/** {@link KafkaProbe} on the test JVM's own broker ({@link KafkaBroker}), started on first use. */
public final class TestKafka {
    private static KafkaProbe probe;

    private TestKafka() {
    }

    private static synchronized KafkaProbe probe() {
        if (probe == null) {
            probe = new KafkaProbe(KafkaBroker.bootstrapServers());
        }
        return probe;
    }

    public static KafkaCompanion companion() {
        return probe().companion();
    }

    public static String structured(UUID id, Command command) {
        return KafkaProbe.structured(id, command);
    }

    public static UUID publish(Command command) {
        return probe().publish(command);
    }

    public static UUID publish(Command command, String token) {
        return probe().publish(command, token);
    }

    public static void publishRaw(String key, String value) {
        probe().publishRaw(key, value);
    }

    public static void publishBinary(String key, UUID id, String ceType, String subject, String value) {
        probe().publishBinary(key, id, ceType, subject, value);
    }

    public static void publish(ProducerRecord<String, String> record) {
        probe().publish(record);
    }

    public static void publishBytes(ProducerRecord<String, byte[]> record) {
        probe().publishBytes(record);
    }

    /** A status event as the services publish it: a binary-mode CloudEvent correlated by the operation id. */
    public static void publishStatus(UUID operationId, StatusEvent event) {
        publish(new ProducerRecord<>(Topics.STATUS, null, event.key(), Json.write(event), List.<Header>of(
                header("ce_specversion", CloudEventTypes.SPEC_VERSION),
                header("ce_id", UUID.randomUUID().toString()),
                header("ce_type", event.cloudEventType()),
                header("ce_source", "/akscompute/test"),
                header("ce_subject", event.subject()),
                header("ce_" + CloudEventTypes.EXT_CORRELATION_ID, operationId.toString()),
                header("content-type", CloudEventTypes.JSON))));
    }

    private static Header header(String key, String value) {
        return new RecordHeader(key, value.getBytes(StandardCharsets.UTF_8));
    }

    public static List<ConsumerRecord<String, String>> records(String topic) {
        return probe().records(topic);
    }

    public static ConsumerRecord<String, String> await(String topic, Predicate<ConsumerRecord<String, String>> match,
            Duration timeout) {
        return probe().await(topic, match, timeout);
    }

    public static StatusRecord awaitStatus(UUID operationId, String eventName) {
        return probe().awaitStatus(operationId, eventName);
    }

    public static StatusRecord awaitStatus(UUID operationId, String eventName, Duration timeout) {
        return probe().awaitStatus(operationId, eventName, timeout);
    }

    public static List<StatusRecord> statusOf(UUID operationId) {
        return probe().statusOf(operationId);
    }

    public static String header(ConsumerRecord<?, ?> record, String name) {
        return KafkaProbe.header(record, name);
    }
}
