package io.akscompute.common.messaging;

import io.akscompute.common.work.Outages;
import io.smallrye.reactive.messaging.annotations.Blocking;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * Every service reads all of {@code aks.commands} in its own consumer group and keeps what it owns. Kept thin: the
 * intake decides; this class waits out an outage of the database (the record stays unacknowledged, nothing is
 * dead-lettered) and turns the verdict into an acknowledgement or a dead letter.
 */
@ApplicationScoped
public class CommandConsumer {
    private static final Logger LOG = Logger.getLogger(CommandConsumer.class);

    @Inject
    CommandIntake intake;

    @Inject
    DeadLetters deadLetters;

    @Incoming("commands")
    @Blocking(ordered = true)
    public CompletionStage<Void> consume(Message<byte[]> message) {
        RawCommandRecord raw = toRaw(message);
        try {
            Verdict verdict;
            try {
                verdict = Outages.waitOut("command intake", () -> intake.handle(raw));
            } catch (Exception e) {
                // Not an outage and not the record's shape: a defect. Answer it and keep the record.
                LOG.errorf(e, "command record with key %s could not be handled", raw.key());
                verdict = Outages.waitOut("command intake", () -> intake.failedInternally(raw, e));
            }
            if (verdict.deadLetter()) {
                deadLetters.send(message, verdict.reason());
            }
            return message.ack();
        } catch (Exception e) {
            return message.nack(e);
        }
    }

    private static RawCommandRecord toRaw(Message<byte[]> message) {
        var meta = message.getMetadata(IncomingKafkaRecordMetadata.class);
        Object key = meta.map(IncomingKafkaRecordMetadata::getKey).orElse(null);
        return new RawCommandRecord(key == null ? null : key.toString(), message.getPayload(),
                meta.map(IncomingKafkaRecordMetadata::getHeaders).orElse(null));
    }
}
