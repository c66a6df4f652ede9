package io.akscompute.common.messaging;

import io.akscompute.common.rules.Text;
import io.akscompute.common.work.Outages;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.smallrye.reactive.messaging.kafka.IncomingKafkaRecord;
import io.smallrye.reactive.messaging.kafka.KafkaConnectorIncomingConfiguration;
import io.smallrye.reactive.messaging.kafka.KafkaConsumer;
import io.smallrye.reactive.messaging.kafka.fault.KafkaFailureHandler;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.function.BiConsumer;
import org.eclipse.microprofile.reactive.messaging.Metadata;
import org.jboss.logging.Logger;

/**
 * The consumers' failure strategy ({@code failure-strategy=akscompute-dead-letters}): what happens to a record its
 * consumer nacked, having found no answer of its own (the consumers dead-letter bad input themselves). It goes to
 * the dead-letter topic through {@link DeadLetters}, bounded and without tokens or private keys, as every other
 * dead letter, where SmallRye's {@code dead-letter-queue} copied every header as it was and made a producer per
 * channel at start. A nack for an interruption (the service stopping while the consumer waits out an outage) or an
 * outage is not the record's fault: it is neither copied nor acknowledged, so the record comes again.
 */
@ApplicationScoped
@Identifier(DeadLetterStrategy.NAME)
public class DeadLetterStrategy implements KafkaFailureHandler.Factory {
    public static final String NAME = "akscompute-dead-letters";
    private static final Logger LOG = Logger.getLogger(DeadLetterStrategy.class);

    @Inject
    DeadLetters deadLetters;

    @Override
    public KafkaFailureHandler create(KafkaConnectorIncomingConfiguration config, Vertx vertx,
            KafkaConsumer<?, ?> consumer, BiConsumer<Throwable, Boolean> reportFailure) {
        return this::handle;
    }

    <K, V> Uni<Void> handle(IncomingKafkaRecord<K, V> record, Throwable error, Metadata metadata) {
        if (notTheRecords(error)) {
            LOG.infof("record %s-%d@%d left for redelivery: %s", record.getTopic(), record.getPartition(),
                    record.getOffset(), error);
            return Uni.createFrom().nothing();
        }
        return Uni.createFrom().<Void>emitter(done -> {
            try {
                deadLetters.send(record, Text.cut("akscompute could not handle the record: " + error, Text.REASON));
                done.complete(null);
            } catch (Exception e) {
                done.fail(e);
            }
        }).runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                .chain(() -> Uni.createFrom().completionStage(record.ack()))
                .emitOn(record::runOnMessageContext);
    }

    static boolean notTheRecords(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof InterruptedException) {
                return true;
            }
        }
        return Outages.isOutage(error);
    }
}
