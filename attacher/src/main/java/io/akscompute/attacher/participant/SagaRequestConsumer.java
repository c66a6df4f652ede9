package io.akscompute.attacher.participant;

import io.akscompute.common.contract.Json;
import io.akscompute.common.contract.ServiceName;
import io.akscompute.common.contract.saga.SagaRequest;
import io.akscompute.common.messaging.RejectedCommandException;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * Saga requests of other services to the attacher, from {@code aks.saga.attacher.requests}. An unreadable or
 * misaddressed record goes to the dead-letter topic; the consumer keeps going.
 */
@ApplicationScoped
public class SagaRequestConsumer {
    private static final Logger LOG = Logger.getLogger(SagaRequestConsumer.class);

    @Inject
    ParticipantDesk desk;

    @Incoming("saga-requests")
    @Blocking(ordered = true)
    public CompletionStage<Void> consume(Message<String> message) {
        SagaRequest request;
        try {
            request = Json.MAPPER.readValue(message.getPayload(), SagaRequest.class);
        } catch (IOException | IllegalArgumentException | NullPointerException e) {
            LOG.warnf("unreadable saga request dead-lettered: %s", e.getMessage());
            return message.nack(new RejectedCommandException("not a SagaRequest: " + e.getMessage()));
        }
        if (request.action() == null || request.action().participant() != ServiceName.ATTACHER) {
            LOG.warnf("saga request %s for %s dead-lettered: not an attacher action", request.requestId(),
                    request.action());
            return message.nack(new RejectedCommandException("not an attacher action: " + request.action()));
        }
        try {
            desk.receive(request);
        } catch (RuntimeException e) {
            LOG.errorf(e, "saga request %s could not be taken; dead-lettered", request.requestId());
            return message.nack(new RejectedCommandException("could not be taken: " + e.getMessage()));
        }
        return message.ack();
    }
}
