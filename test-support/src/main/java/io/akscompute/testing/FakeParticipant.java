package io.akscompute.testing;

import io.akscompute.common.contract.CloudEventTypes;
import io.akscompute.common.contract.Json;
import io.akscompute.common.contract.ServiceName;
import io.akscompute.common.contract.Topics;
import io.akscompute.common.contract.saga.SagaReply;
import io.akscompute.common.contract.saga.SagaRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;

/**
 * Stands in for a participant service on the real broker: reads the saga requests sent to it and answers on
 * the owner's reply topic, exactly as the participant would. For testing one service without the others.
 */
public final class FakeParticipant {
    private final ServiceName participant;

    public FakeParticipant(ServiceName participant) {
        this.participant = participant;
    }

    /** The n-th request (0-based) of that operation sent to this participant. */
    public SagaRequest awaitRequest(UUID operationId, int n) {
        String topic = Topics.sagaRequests(participant);
        TestKafka.await(topic, r -> operationId.toString().equals(TestKafka.header(r, "ce_correlationid"))
                && requests(operationId).size() > n, Duration.ofSeconds(60));
        return requests(operationId).get(n);
    }

    public List<SagaRequest> requests(UUID operationId) {
        return TestKafka.records(Topics.sagaRequests(participant)).stream()
                .filter(r -> operationId.toString().equals(TestKafka.header(r, "ce_correlationid")))
                .map(r -> read(r.value())).toList();
    }

    public void reply(SagaRequest request, SagaReply reply) {
        var record = new ProducerRecord<>(Topics.sagaReplies(request.replyTo()), null, request.sagaId().toString(),
                Json.write(reply), List.<Header>of(
                        header("ce_specversion", CloudEventTypes.SPEC_VERSION),
                        header("ce_id", UUID.randomUUID().toString()),
                        header("ce_type", CloudEventTypes.of("SagaReply")),
                        header("ce_source", participant.source()),
                        header("ce_correlationid", request.operationId().toString())));
        TestKafka.publish(record);
    }

    public void succeed(SagaRequest request, Object result) {
        reply(request, new SagaReply(request.sagaId(), request.requestId(), request.action(), true, null, "done",
                List.of(), false, result == null ? null : Json.MAPPER.valueToTree(result)));
    }

    private static SagaRequest read(String json) {
        try {
            return Json.MAPPER.readValue(json, SagaRequest.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Header header(String key, String value) {
        return new RecordHeader(key, value.getBytes(StandardCharsets.UTF_8));
    }
}
