package io.akscompute.common.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.akscompute.common.contract.command.DetachCluster;
import io.cloudevents.CloudEvent;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

/** The envelope as it travels: what one side writes, the other reads, in both modes; nothing read ever throws. */
class CloudEventRecordsTest {
    private static final UUID ID = UUID.fromString("6b1c2a5e-8f0e-4d7a-9a51-3c2f1e0b7d11");

    @Test
    void aCommandWrittenInStructuredModeReadsBackWithItsData() {
        ProducerRecord<String, byte[]> record = CloudEventRecords.structured(Topics.COMMANDS, "ws/c",
                CloudEventRecords.command(ID, new DetachCluster("ws", "c"), "/me"));

        var read = (CloudEventRecords.Event) CloudEventRecords.read(record.headers(), record.value());

        assertThat(read.event().getId()).isEqualTo(ID.toString());
        assertThat(read.event().getType()).isEqualTo("akscompute.DetachCluster.v1");
        assertThat(read.event().getSubject()).isEqualTo("workspaces/ws/computes/c");
        assertThat(read.data().get("computeName").asText()).isEqualTo("c");
        assertThat(new String(record.value(), StandardCharsets.UTF_8)).contains("\"specversion\":\"1.0\"");
    }

    @Test
    void anEventWrittenInBinaryModeCarriesItsAttributesInCeHeaders() {
        CloudEvent event = CloudEventRecords.event(ID, CloudEventTypes.of("OperationAccepted"), "/akscompute/attacher",
                "workspaces/ws/computes/c", ID, "cause", OffsetDateTime.now(), "{\"a\":1}".getBytes());
        ProducerRecord<String, byte[]> record = CloudEventRecords.binary(Topics.STATUS, "ws/c", event);

        assertThat(CloudEventRecords.header(record.headers(), "ce_correlationid")).isEqualTo(ID.toString());
        assertThat(CloudEventRecords.header(record.headers(), "ce_causationid")).isEqualTo("cause");
        assertThat(new String(record.value(), StandardCharsets.UTF_8)).isEqualTo("{\"a\":1}");
        var read = (CloudEventRecords.Event) CloudEventRecords.read(record.headers(), record.value());
        assertThat(CloudEventRecords.extension(read.event(), CloudEventTypes.EXT_CORRELATION_ID))
                .isEqualTo(ID.toString());
        assertThat(read.data().get("a").asInt()).isEqualTo(1);
        assertThat(read.seen().correlationId()).isEqualTo(ID.toString());
    }

    @Test
    void whatIsNotACloudEventIsUnreadableWithAReasonAndWhatCouldBeSeen() {
        assertThat(reason(null, "this is { not json")).contains("not JSON");
        assertThat(reason(null, "[1,2]")).contains("not an object");
        assertThat(reason(null, "")).contains("no value");
        var noSource = CloudEventRecords.read(new RecordHeaders(),
                "{\"specversion\":\"1.0\",\"id\":\"x\",\"type\":\"t\"}".getBytes());
        assertThat(noSource).isInstanceOf(CloudEventRecords.Unreadable.class);
        assertThat(noSource.seen().type()).isEqualTo("t");

        RecordHeaders binary = new RecordHeaders();
        binary.add("ce_specversion", "1.0".getBytes());
        binary.add("ce_id", "x".getBytes());
        binary.add("ce_type", "akscompute.DetachCluster.v1".getBytes());
        binary.add("ce_source", "/me".getBytes());
        var notJson = CloudEventRecords.read(binary, "{ nope".getBytes());
        assertThat(((CloudEventRecords.Unreadable) notJson).reason()).contains("data is not JSON");
        assertThat(notJson.seen().type()).isEqualTo("akscompute.DetachCluster.v1");
    }

    private static String reason(RecordHeaders headers, String value) {
        return ((CloudEventRecords.Unreadable) CloudEventRecords.read(headers, value.getBytes(StandardCharsets.UTF_8)))
                .reason();
    }
}
