package io.akscompute.common.messaging;

import io.smallrye.reactive.messaging.annotations.Blocking;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * Every service reads all of {@code aks.commands} in its own consumer group and keeps what it owns.
 * Kept thin: the intake decides, this class only translates the verdict into ack or dead-letter.
 */
@ApplicationScoped
public class CommandConsumer {
    private static final Logger LOG = Logger.getLogger(CommandConsumer.class);

    @Inject
    CommandIntake intake;

    @Incoming("commands")
    @Blocking(ordered = true)
    public CompletionStage<Void> consume(Message<byte[]> message) {
        RawCommandRecord raw = toRaw(message);
        Verdict verdict;
        try {
            verdict = intake.handle(raw);
        } catch (RuntimeException e) {
            // The intake retried already: a record that still fails must not stop the partition for good.
            LOG.errorf(e, "command record with key %s could not be handled", raw.key());
            verdict = Verdict.deadLetter("internal error while handling the command: " + e);
        }
        if (verdict.deadLetter()) {
            LOG.warnf("dead-lettering command record with key %s: %s", raw.key(), verdict.reason());
            return message.nack(new RejectedCommandException(verdict.reason()));
        }
        return message.ack();
    }

    private static RawCommandRecord toRaw(Message<byte[]> message) {
        var meta = message.getMetadata(IncomingKafkaRecordMetadata.class);
        Object key = meta.map(IncomingKafkaRecordMetadata::getKey).orElse(null);
        return new RawCommandRecord(key == null ? null : key.toString(), message.getPayload(),
                meta.map(IncomingKafkaRecordMetadata::getHeaders).orElse(null));
    }
}
