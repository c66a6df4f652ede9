package io.akscompute.common.saga;

import io.akscompute.common.contract.CloudEventRecords;
import io.akscompute.common.contract.CloudEventTypes;
import io.akscompute.common.contract.Json;
import io.akscompute.common.contract.saga.SagaReply;
import io.akscompute.common.inbox.Inbox;
import io.akscompute.common.messaging.DeadLetters;
import io.akscompute.common.rules.Text;
import io.akscompute.common.work.Outages;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.akscompute.common.contract.ErrorCode;
import java.util.Arrays;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.smallrye.reactive.messaging.annotations.Blocking;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/** Replies of participants to this service's sagas, from {@code aks.saga.<service>.replies}. */
@ApplicationScoped
public class SagaReplyConsumer {
    static final String CE_TYPE = CloudEventTypes.of("SagaReply");
    private static final Logger LOG = Logger.getLogger(SagaReplyConsumer.class);

    @Inject
    SagaEngine engine;

    @Inject
    Inbox inbox;

    @Inject
    DeadLetters deadLetters;

    @Incoming("saga-replies")
    @Blocking(ordered = true)
    public CompletionStage<Void> consume(Message<byte[]> message) {
        var headers = message.getMetadata(IncomingKafkaRecordMetadata.class).map(IncomingKafkaRecordMetadata::getHeaders)
                .orElse(null);
        CloudEventRecords.Read read = CloudEventRecords.read(headers, message.getPayload());
        try {
            SagaReply reply;
            try {
                reply = decode(read);
            } catch (Exception e) {
                deadLetters.send(message, Text.cut("not a SagaReply: " + e.getMessage(), Text.REASON));
                return message.ack();
            }
            String messageId = read.seen().id() != null ? read.seen().id() : reply.requestId().toString();
            Outages.waitOut("saga replies", () -> QuarkusTransaction.requiringNew().call(() -> {
                if (inbox.record("saga-replies", messageId, Inbox.Outcome.HANDLED).isEmpty()) {
                    engine.onReply(reply);
                }
                return null;
            }));
            return message.ack();
        } catch (Exception e) {
            return message.nack(e);
        }
    }

    /**
     * The reply in the record. A code this version does not know (a newer participant's) is carried in the details
     * and the reply read as a failure with InternalError, rather than lost.
     */
    static SagaReply decode(CloudEventRecords.Read read) throws Exception {
        if (read instanceof CloudEventRecords.Unreadable u) {
            throw new IllegalArgumentException(u.reason());
        }
        CloudEventRecords.Event event = (CloudEventRecords.Event) read;
        if (!CE_TYPE.equals(event.event().getType())) {
            throw new IllegalArgumentException("unexpected CloudEvent type " + Text.quote(event.event().getType())
                    + "; this topic carries " + CE_TYPE);
        }
        if (event.data() == null || !event.data().isObject()) {
            throw new IllegalArgumentException("the CloudEvent data is not a JSON object");
        }
        ObjectNode data = (ObjectNode) event.data();
        JsonNode code = data.get("code");
        if (code != null && code.isTextual() && Arrays.stream(ErrorCode.values())
                .noneMatch(c -> c.name().equals(code.asText()))) {
            ArrayNode details = data.has("details") && data.get("details").isArray() ? (ArrayNode) data.get("details")
                    : data.putArray("details");
            details.addObject().put("field", "code").put("message", Text.cut(code.asText(), Text.QUOTE));
            data.put("code", ErrorCode.InternalError.name());
        }
        SagaReply reply = Json.MAPPER.treeToValue(data, SagaReply.class);
        if (reply.sagaId() == null || reply.requestId() == null || reply.action() == null) {
            throw new IllegalArgumentException("sagaId, requestId and action must not be null");
        }
        return reply;
    }
}
