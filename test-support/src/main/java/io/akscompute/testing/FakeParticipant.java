package io.akscompute.testing;

import io.akscompute.common.contract.CloudEventRecords;
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
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;

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
                .map(FakeParticipant::read).toList();
    }

    public void reply(SagaRequest request, SagaReply reply) {
        TestKafka.publishBytes(CloudEventRecords.binary(Topics.sagaReplies(request.replyTo()),
                request.sagaId().toString(), CloudEventRecords.event(UUID.randomUUID(), CloudEventTypes.of("SagaReply"),
                        participant.source(), CloudEventTypes.subject(request.workspace(), request.computeName()),
                        request.operationId(), request.requestId().toString(), OffsetDateTime.now(),
                        Json.bytes(reply))));
    }

    public void succeed(SagaRequest request, Object result) {
        reply(request, new SagaReply(request.sagaId(), request.requestId(), request.action(), true, null, "done",
                List.of(), false, result == null ? null : Json.MAPPER.valueToTree(result)));
    }

    private static SagaRequest read(ConsumerRecord<String, String> record) {
        var read = CloudEventRecords.read(record.headers(), record.value().getBytes(StandardCharsets.UTF_8));
        try {
            return Json.MAPPER.treeToValue(((CloudEventRecords.Event) read).data(), SagaRequest.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
