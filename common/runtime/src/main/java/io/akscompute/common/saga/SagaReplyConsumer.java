package io.akscompute.common.saga;

import io.akscompute.common.contract.CloudEventRecords;
import io.akscompute.common.contract.CloudEventTypes;
import io.akscompute.common.contract.Json;
import io.akscompute.common.contract.saga.SagaReply;
import io.akscompute.common.inbox.Inbox;
import io.akscompute.common.messaging.RejectedCommandException;
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

    @Incoming("saga-replies")
    @Blocking(ordered = true)
    public CompletionStage<Void> consume(Message<byte[]> message) {
        var headers = message.getMetadata(IncomingKafkaRecordMetadata.class).map(IncomingKafkaRecordMetadata::getHeaders)
                .orElse(null);
        CloudEventRecords.Read read = CloudEventRecords.read(headers, message.getPayload());
        SagaReply reply;
        try {
            if (read instanceof CloudEventRecords.Unreadable u) {
                throw new IllegalArgumentException(u.reason());
            }
            CloudEventRecords.Event event = (CloudEventRecords.Event) read;
            if (!CE_TYPE.equals(event.event().getType())) {
                throw new IllegalArgumentException("unexpected CloudEvent type '" + event.event().getType()
                        + "'; this topic carries " + CE_TYPE);
            }
            reply = Json.MAPPER.treeToValue(event.data(), SagaReply.class);
        } catch (Exception e) {
            LOG.warnf("unreadable saga reply dead-lettered: %s", e.getMessage());
            return message.nack(new RejectedCommandException("not a SagaReply: " + e.getMessage()));
        }
        String messageId = read.seen().id() != null ? read.seen().id() : reply.requestId().toString();
        QuarkusTransaction.requiringNew().run(() -> {
            if (inbox.record("saga-replies", messageId, Inbox.Outcome.HANDLED).isEmpty()) {
                engine.onReply(reply);
            }
        });
        return message.ack();
    }
}
