package io.akscompute.tlsmanager;

import com.fasterxml.jackson.databind.JsonNode;
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
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;

/** Plays the saga owner (attacher): asks tls-manager over Kafka and waits for its reply. */
public final class Saga {
    public static final String REQUESTS = Topics.sagaRequests(ServiceName.TLS_MANAGER);
    public static final String REPLIES = Topics.sagaReplies(ServiceName.ATTACHER);
    public static final String DLQ = REQUESTS + ".dlq";

    private Saga() {
    }

    public static SagaRequest request(ParticipantAction action, String workspace, String computeName, Object payload) {
        return new SagaRequest(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), action, ServiceName.ATTACHER,
                workspace, computeName, Json.MAPPER.valueToTree(payload));
    }

    public static void send(SagaRequest request) {
        sendRaw(request.sagaId().toString(), CloudEventTypes.of("SagaRequest"),
                CloudEventTypes.subject(request.workspace(), request.computeName()), Json.write(request));
    }

    /** A binary-mode CloudEvent with whatever type and value, for the bad-record cases. */
    public static void sendRaw(String key, String ceType, String subject, String value) {
        var record = new ProducerRecord<>(REQUESTS, null, key, value, List.<Header>of(
                header("ce_specversion", CloudEventTypes.SPEC_VERSION), header("ce_id", UUID.randomUUID().toString()),
                header("ce_type", ceType), header("ce_source", "/akscompute/attacher"), header("ce_subject", subject),
                header("content-type", CloudEventTypes.JSON)));
        TestKafka.companion().produceStrings().fromRecords(record).awaitCompletion(Duration.ofSeconds(30));
    }

    public static SagaReply awaitReply(SagaRequest request) {
        return reply(TestKafka.await(REPLIES, r -> isReplyTo(r, request), Duration.ofSeconds(90)));
    }

    public static List<ConsumerRecord<String, String>> replies(SagaRequest request) {
        return TestKafka.records(REPLIES).stream().filter(r -> isReplyTo(r, request)).toList();
    }

    private static boolean isReplyTo(ConsumerRecord<String, String> r, SagaRequest request) {
        return r.value() != null && r.value().contains(request.requestId().toString());
    }

    public static SagaReply reply(ConsumerRecord<String, String> record) {
        try {
            return Json.MAPPER.readValue(record.value(), SagaReply.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static JsonNode result(SagaReply reply) {
        return reply.result();
    }

    private static Header header(String key, String value) {
        return new RecordHeader(key, value.getBytes(StandardCharsets.UTF_8));
    }
}
