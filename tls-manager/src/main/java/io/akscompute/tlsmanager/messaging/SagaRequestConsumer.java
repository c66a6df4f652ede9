package io.akscompute.tlsmanager.messaging;

import io.akscompute.common.contract.Json;
import io.akscompute.common.contract.saga.SagaReply;
import io.akscompute.common.contract.saga.SagaRequest;
import io.akscompute.common.inbox.Inbox;
import io.akscompute.common.messaging.CommandDecoder;
import io.akscompute.common.messaging.RejectedCommandException;
import io.akscompute.tlsmanager.persistence.WorkItem;
import io.akscompute.tlsmanager.saga.SagaReplies;
import io.akscompute.tlsmanager.service.WorkQueue;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.smallrye.reactive.messaging.annotations.Blocking;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import org.apache.kafka.common.header.Header;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * Takes saga requests off {@code aks.saga.tls-manager.requests}: records the request id in the inbox and queues the
 * work in one transaction; the worker does it and replies. A request seen before gets its stored reply again, or,
 * when that reply was a retryable failure, is carried out again. A record that cannot be read is dead-lettered.
 */
@ApplicationScoped
public class SagaRequestConsumer {
    private static final Logger LOG = Logger.getLogger(SagaRequestConsumer.class);
    static final String INBOX = "saga-requests:tls-manager";

    @Inject
    Inbox inbox;

    @Inject
    WorkQueue queue;

    @Inject
    SagaReplies replies;

    @Inject
    EntityManager em;

    @Incoming("tls-requests")
    @Blocking(ordered = true)
    public CompletionStage<Void> consume(Message<byte[]> message) {
        Map<String, String> headers = new HashMap<>();
        Object key = null;
        var meta = message.getMetadata(IncomingKafkaRecordMetadata.class);
        if (meta.isPresent()) {
            key = meta.get().getKey();
            for (Header h : meta.get().getHeaders()) {
                headers.put(h.key(), CommandDecoder.headerText(h.value()));
            }
        }
        SagaRequestDecoder.Result decoded = SagaRequestDecoder.decode(message.getPayload(), headers);
        if (decoded.request() == null) {
            LOG.warnf("dead-lettering saga request record with key %s: %s", key, decoded.reason());
            return message.nack(new RejectedCommandException(decoded.reason()));
        }
        try {
            QuarkusTransaction.requiringNew().run(() -> accept(decoded.request()));
        } catch (RuntimeException e) {
            // the partition must go on; the owner times the step out and asks again
            LOG.errorf(e, "saga request %s could not be stored", decoded.request().requestId());
            return message.nack(new RejectedCommandException("could not be stored: " + e.getClass().getSimpleName()));
        }
        return message.ack();
    }

    private void accept(SagaRequest request) {
        String id = request.requestId().toString();
        if (inbox.record(INBOX, id, Inbox.Outcome.HANDLED).isEmpty()) {
            LOG.infof("saga %s asks %s for %s/%s (request %s)", request.sagaId(), request.action(),
                    request.workspace(), request.computeName(), id);
            queue.add(request.requestId(), WorkItem.Kind.SAGA_REQUEST, Json.write(request));
            return;
        }
        WorkItem w = em.find(WorkItem.class, request.requestId(), LockModeType.PESSIMISTIC_WRITE);
        if (w == null) {
            queue.add(request.requestId(), WorkItem.Kind.SAGA_REQUEST, Json.write(request));
        } else if (w.status != WorkItem.Status.DONE || w.reply == null) {
            LOG.infof("saga request %s asked again while in progress; its reply follows", id);
        } else {
            SagaReply stored = parse(w.reply);
            if (!stored.succeeded() && stored.retryable()) {
                LOG.infof("saga request %s asked again after a retryable failure; carrying it out again", id);
                queue.again(w);
            } else {
                LOG.infof("saga request %s asked again; sending the stored reply", id);
                replies.publish(parseRequest(w.request), stored);
            }
        }
    }

    private static SagaReply parse(String json) {
        try {
            return Json.MAPPER.readValue(json, SagaReply.class);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static SagaRequest parseRequest(String json) {
        try {
            return Json.MAPPER.readValue(json, SagaRequest.class);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
