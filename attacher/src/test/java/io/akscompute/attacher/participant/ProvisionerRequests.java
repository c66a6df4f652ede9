package io.akscompute.attacher.participant;

import static org.assertj.core.api.Assertions.assertThat;

import io.akscompute.common.contract.CloudEventTypes;
import io.akscompute.common.contract.Json;
import io.akscompute.common.contract.ServiceName;
import io.akscompute.common.contract.Topics;
import io.akscompute.common.contract.saga.ParticipantAction;
import io.akscompute.common.contract.saga.SagaReply;
import io.akscompute.common.contract.saga.SagaRequest;
import io.akscompute.testing.TestKafka;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;

/** Saga requests to the attacher as the provisioner sends them, on the real broker, and the attacher's replies. */
public final class ProvisionerRequests {
    private static final String REQUESTS = Topics.sagaRequests(ServiceName.ATTACHER);
    private static final String REPLIES = Topics.sagaReplies(ServiceName.PROVISIONER);

    private ProvisionerRequests() {
    }

    public static SagaRequest request(String workspace, UUID operation, String compute, ParticipantAction action,
            Object payload) {
        return new SagaRequest(UUID.randomUUID(), UUID.randomUUID(), operation, action, ServiceName.PROVISIONER,
                workspace, compute, Json.MAPPER.valueToTree(payload));
    }

    public static void send(SagaRequest r) {
        sendRaw(r.sagaId().toString(), Json.write(r), r.operationId());
    }

    public static void sendRaw(String key, String value, UUID operation) {
        TestKafka.publish(new ProducerRecord<>(REQUESTS, null, key, value, List.<Header>of(
                header("ce_specversion", CloudEventTypes.SPEC_VERSION), header("ce_id", UUID.randomUUID().toString()),
                header("ce_type", CloudEventTypes.of("SagaRequest")), header("ce_source", "/akscompute/provisioner"),
                header("ce_correlationid", operation.toString()))));
    }

    private static Header header(String key, String value) {
        return new RecordHeader(key, value.getBytes(StandardCharsets.UTF_8));
    }

    public static List<SagaReply> replies(SagaRequest r) {
        return TestKafka.records(REPLIES).stream().map(rec -> read(rec.value()))
                .filter(reply -> reply.requestId().equals(r.requestId())).toList();
    }

    public static SagaReply reply(SagaRequest r) {
        return reply(r, Duration.ofSeconds(60));
    }

    public static SagaReply reply(SagaRequest r, Duration timeout) {
        var record = TestKafka.await(REPLIES, rec -> read(rec.value()).requestId().equals(r.requestId()), timeout);
        assertThat(record.key()).isEqualTo(r.sagaId().toString());
        assertThat(TestKafka.header(record, "ce_type")).isEqualTo("akscompute.SagaReply.v1");
        assertThat(TestKafka.header(record, "ce_correlationid")).isEqualTo(r.operationId().toString());
        return read(record.value());
    }

    private static SagaReply read(String json) {
        try {
            return Json.MAPPER.readValue(json, SagaReply.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
