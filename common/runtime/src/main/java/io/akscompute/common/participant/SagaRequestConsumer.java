package io.akscompute.common.participant;

import io.akscompute.common.contract.CloudEventRecords;
import io.akscompute.common.contract.CloudEventTypes;
import io.akscompute.common.contract.Json;
import io.akscompute.common.contract.saga.SagaRequest;
import io.akscompute.common.messaging.DeadLetters;
import io.akscompute.common.rules.Text;
import io.akscompute.common.tracing.Spans;
import io.akscompute.common.tracing.TraceContext;
import io.opentelemetry.api.trace.SpanKind;
import io.akscompute.common.work.Outages;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.smallrye.reactive.messaging.annotations.Blocking;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * Saga requests of other services, from {@code aks.saga.<service>.requests}: a CloudEvent
 * {@code akscompute.SagaRequest.v1} (binary mode, or structured for hand-made records). A record that cannot be
 * read, or asks for an action this service does not carry out, goes to the dead-letter topic with the reason;
 * the consumer keeps going.
 */
@ApplicationScoped
public class SagaRequestConsumer {
    static final String CE_TYPE = CloudEventTypes.of("SagaRequest");
    private static final Logger LOG = Logger.getLogger(SagaRequestConsumer.class);

    @Inject
    ParticipantRuntime runtime;

    @Inject
    DeadLetters deadLetters;

    @Inject
    Spans spans;

    @Incoming("saga-requests")
    @Blocking(ordered = true)
    public CompletionStage<Void> consume(Message<byte[]> message) {
        var meta = message.getMetadata(IncomingKafkaRecordMetadata.class);
        Object key = meta.map(IncomingKafkaRecordMetadata::getKey).orElse(null);
        Decoded decoded = decode(meta.map(IncomingKafkaRecordMetadata::getHeaders).orElse(null),
                message.getPayload());
        try {
            if (decoded.request() == null) {
                deadLetters.send(message, decoded.reason());
                return message.ack();
            }
            SagaRequest request = decoded.request();
            // The request's trace goes on here: the stored work keeps this span's context for the handler.
            Outages.waitOut("saga requests", () -> spans.call("receive " + request.action(), SpanKind.CONSUMER,
                    decoded.trace(), request.operationId(), () -> QuarkusTransaction.requiringNew().call(() -> {
                        runtime.take(request, Instant.now());
                        return null;
                    })));
            return message.ack();
        } catch (Exception e) {
            LOG.errorf(e, "saga request record with key %s could not be taken", key);
            return message.nack(e);
        }
    }

    /** Either a request this service carries out (and the trace it continues), or why not. */
    record Decoded(SagaRequest request, String reason, TraceContext trace) {
        Decoded(SagaRequest request, String reason) {
            this(request, reason, TraceContext.NONE);
        }
    }

    Decoded decode(org.apache.kafka.common.header.Headers headers, byte[] value) {
        CloudEventRecords.Read read = CloudEventRecords.read(headers, value);
        if (read instanceof CloudEventRecords.Unreadable u) {
            return new Decoded(null, u.reason());
        }
        CloudEventRecords.Event event = (CloudEventRecords.Event) read;
        if (!CloudEventTypes.SPEC_VERSION.equals(event.seen().specVersion())) {
            return new Decoded(null, "unsupported CloudEvents specversion " + Text.quote(event.seen().specVersion())
                    + "; expected 1.0");
        }
        if (!CE_TYPE.equals(event.event().getType())) {
            return new Decoded(null, "unexpected CloudEvent type " + Text.quote(event.event().getType())
                    + "; this topic carries " + CE_TYPE);
        }
        if (event.data() == null || !event.data().isObject()) {
            return new Decoded(null, "the CloudEvent data is not a JSON object");
        }
        SagaRequest request;
        try {
            request = Json.MAPPER.treeToValue(event.data(), SagaRequest.class);
        } catch (Exception e) {
            return new Decoded(null, Text.cut("the SagaRequest is not valid: "
                    + String.valueOf(e.getMessage()).lines().findFirst().orElse(""), Text.REASON));
        }
        if (request.sagaId() == null || request.requestId() == null || request.operationId() == null
                || request.action() == null || request.replyTo() == null || request.workspace() == null
                || request.computeName() == null) {
            return new Decoded(null, "the SagaRequest lacks a value: sagaId, requestId, operationId, action, replyTo,"
                    + " workspace and computeName must not be null");
        }
        Optional<String> refusal = runtime.refusal(request.action());
        return refusal.map(r -> new Decoded(null, r))
                .orElseGet(() -> new Decoded(request, null, TraceContext.of(event.event())));
    }
}
