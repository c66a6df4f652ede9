package io.akscompute.common.contract;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.cloudevents.CloudEvent;
import io.cloudevents.CloudEventData;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.jackson.JsonCloudEventData;
import io.cloudevents.jackson.JsonFormat;
import io.cloudevents.kafka.KafkaMessageFactory;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * akscompute's records on Kafka as CloudEvents 1.0, through the CloudEvents SDK (its JSON format and Kafka
 * binding): written in binary mode ({@code ce_*} headers, the JSON data as value) or structured mode (the whole
 * event as JSON, what a console producer sends); read in either mode. Reading never throws: whatever a record
 * holds becomes an {@link Event} or an {@link Unreadable} with a reason a person can act on.
 */
public final class CloudEventRecords {
    private static final JsonFormat FORMAT = new JsonFormat();

    private CloudEventRecords() {
    }

    /** An akscompute event with JSON data (null: no data); correlation and causation ids when given. */
    public static CloudEvent event(UUID id, String type, String source, String subject, UUID correlationId,
            String causationId, OffsetDateTime time, byte[] jsonData) {
        CloudEventBuilder b = CloudEventBuilder.v1().withId(id.toString()).withType(type)
                .withSource(URI.create(source)).withSubject(subject).withTime(time);
        if (jsonData != null) {
            b.withDataContentType(CloudEventTypes.JSON).withData(jsonData);
        }
        if (correlationId != null) {
            b.withExtension(CloudEventTypes.EXT_CORRELATION_ID, correlationId.toString());
        }
        if (causationId != null) {
            b.withExtension(CloudEventTypes.EXT_CAUSATION_ID, causationId);
        }
        return b.build();
    }

    /** The event with the authcontext extension: who caused it (see {@link CloudEventTypes#EXT_AUTH_TYPE}). */
    public static CloudEvent withAuthContext(CloudEvent event, String authType, String authId) {
        CloudEventBuilder b = CloudEventBuilder.v1(event).withExtension(CloudEventTypes.EXT_AUTH_TYPE, authType);
        if (authId != null) {
            b.withExtension(CloudEventTypes.EXT_AUTH_ID, authId);
        }
        return b.build();
    }

    /** A command as its sender publishes it: id = operation id, subject and key name the compute. */
    public static CloudEvent command(UUID id, Command command, String source) {
        CommandType type = CommandType.of(command.getClass()).orElseThrow(() -> new IllegalArgumentException(
                command.getClass().getSimpleName() + " is not a command"));
        return event(id, type.cloudEventType(), source, command.subject(), null, null, OffsetDateTime.now(),
                Json.bytes(command));
    }

    /** Binary mode: attributes in {@code ce_*} headers, the data as the value. */
    public static ProducerRecord<String, byte[]> binary(String topic, String key, CloudEvent event) {
        return KafkaMessageFactory.<String>createWriter(topic, key).writeBinary(event);
    }

    /** Structured mode: the whole event as JSON in the value. */
    public static ProducerRecord<String, byte[]> structured(String topic, String key, CloudEvent event) {
        return KafkaMessageFactory.<String>createWriter(topic, key).writeStructured(event, FORMAT);
    }

    /** The event as structured-mode JSON. */
    public static String json(CloudEvent event) {
        return new String(FORMAT.serialize(event), StandardCharsets.UTF_8);
    }

    /** What a record said it is, whether or not it could be read as a whole; any attribute may be null. */
    public record Attributes(String specVersion, String id, String type, String source, String subject,
            String correlationId) {
        static final Attributes NONE = new Attributes(null, null, null, null, null, null);
    }

    /** The outcome of reading one record. */
    public sealed interface Read permits Event, Unreadable {
        Attributes seen();
    }

    /** A CloudEvent; {@code data} is its JSON data (null when it has none). */
    public record Event(CloudEvent event, JsonNode data, Attributes seen) implements Read {
    }

    /** A record that is not a readable CloudEvent with JSON data, and why. */
    public record Unreadable(String reason, Attributes seen) implements Read {
    }

    /** True when a record carries its CloudEvent in binary mode: attributes in {@code ce_*} headers. */
    public static boolean binaryMode(Headers headers) {
        return headers.lastHeader("ce_specversion") != null;
    }

    /** Reads a record in binary mode (it has {@code ce_specversion}) or structured mode (JSON in the value). */
    public static Read read(Headers headers, byte[] value) {
        Headers h = headers == null ? new RecordHeaders() : headers;
        if (binaryMode(h)) {
            return readBinary(h, value);
        }
        if (value == null || value.length == 0) {
            return new Unreadable("the record has no value; expected a CloudEvent", Attributes.NONE);
        }
        JsonNode tree;
        try {
            tree = Json.MAPPER.readTree(value);
        } catch (IOException e) {
            return new Unreadable("the record is not JSON (" + firstLine(e) + "); expected a CloudEvent, in "
                    + "structured mode (JSON with specversion, id, type, source, data) or binary mode (ce_* headers)",
                    Attributes.NONE);
        }
        if (tree == null || !tree.isObject()) {
            return new Unreadable("the record is JSON but not an object; expected a CloudEvent", Attributes.NONE);
        }
        Attributes seen = new Attributes(text(tree, "specversion"), text(tree, "id"), text(tree, "type"),
                text(tree, "source"), text(tree, "subject"), text(tree, CloudEventTypes.EXT_CORRELATION_ID));
        CloudEvent event;
        try {
            event = FORMAT.deserialize(value);
        } catch (RuntimeException e) {
            return new Unreadable("not a valid CloudEvent: " + firstLine(e), seen);
        }
        CloudEventData data = event.getData();
        if (data instanceof JsonCloudEventData json) {
            return new Event(event, json.getNode(), seen);
        }
        return withJsonData(event, data, seen);
    }

    private static Read readBinary(Headers h, byte[] value) {
        Attributes seen = new Attributes(header(h, "ce_specversion"), header(h, "ce_id"), header(h, "ce_type"),
                header(h, "ce_source"), header(h, "ce_subject"), header(h, "ce_" + CloudEventTypes.EXT_CORRELATION_ID));
        if (value == null || value.length == 0) {
            return new Unreadable("the record has no value; expected the CloudEvent's data", seen);
        }
        CloudEvent event;
        try {
            event = KafkaMessageFactory.createReader(h, value).toEvent();
        } catch (RuntimeException e) {
            return new Unreadable("not a valid binary-mode CloudEvent: " + firstLine(e), seen);
        }
        return withJsonData(event, event.getData(), seen);
    }

    private static Read withJsonData(CloudEvent event, CloudEventData data, Attributes seen) {
        if (data == null) {
            return new Event(event, null, seen);
        }
        try {
            return new Event(event, Json.MAPPER.readTree(data.toBytes()), seen);
        } catch (IOException e) {
            return new Unreadable("the CloudEvent data is not JSON: " + firstLine(e), seen);
        }
    }

    /** A header's value as text, or null. */
    public static String header(Headers headers, String name) {
        Header h = headers.lastHeader(name);
        return h == null || h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    /** An extension attribute as text, or null. */
    public static String extension(CloudEvent event, String name) {
        Object value = event.getExtension(name);
        return value == null ? null : value.toString();
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? null : v.isValueNode() ? v.asText() : v.toString();
    }

    static String firstLine(Exception e) {
        String m = e instanceof JsonProcessingException jpe ? jpe.getOriginalMessage() : e.getMessage();
        if (m == null) {
            return e.getClass().getSimpleName();
        }
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }
}
