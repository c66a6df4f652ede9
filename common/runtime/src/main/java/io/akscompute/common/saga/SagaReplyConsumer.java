package io.akscompute.common.saga;

import io.akscompute.common.contract.Json;
import io.akscompute.common.contract.saga.SagaReply;
import io.akscompute.common.inbox.Inbox;
import io.akscompute.common.messaging.RejectedCommandException;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.smallrye.reactive.messaging.annotations.Blocking;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletionStage;
import org.apache.kafka.common.header.Header;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/** Replies of participants to this service's sagas, from {@code aks.saga.<service>.replies}. */
@ApplicationScoped
public class SagaReplyConsumer {
    private static final Logger LOG = Logger.getLogger(SagaReplyConsumer.class);

    @Inject
    SagaEngine engine;

    @Inject
    Inbox inbox;

    @Incoming("saga-replies")
    @Blocking(ordered = true)
    public CompletionStage<Void> consume(Message<String> message) {
        SagaReply reply;
        try {
            reply = Json.MAPPER.readValue(message.getPayload(), SagaReply.class);
        } catch (IOException | IllegalArgumentException e) {
            LOG.warnf("unreadable saga reply dead-lettered: %s", e.getMessage());
            return message.nack(new RejectedCommandException("not a SagaReply: " + e.getMessage()));
        }
        String messageId = messageId(message, reply);
        QuarkusTransaction.requiringNew().run(() -> {
            if (inbox.record("saga-replies", messageId, Inbox.Outcome.HANDLED).isEmpty()) {
                engine.onReply(reply);
            }
        });
        return message.ack();
    }

    private static String messageId(Message<String> message, SagaReply reply) {
        var meta = message.getMetadata(IncomingKafkaRecordMetadata.class);
        if (meta.isPresent()) {
            Header id = meta.get().getHeaders().lastHeader("ce_id");
            if (id != null) {
                return new String(id.value(), StandardCharsets.UTF_8);
            }
        }
        return reply.requestId().toString();
    }
}
