package io.akscompute.common.outbox;

import io.quarkus.runtime.ShutdownEvent;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The idempotent producer the outbox relay sends with, configured from the service's {@code kafka.*} settings
 * (bootstrap servers, security) like every other Kafka client of the service.
 */
@ApplicationScoped
public class OutboxProducer {

    /** Beyond the producer's own bound, for a busy machine. */
    private static final Duration WAIT_MARGIN = Duration.ofSeconds(5);

    @Inject
    @Identifier("default-kafka-broker")
    Map<String, Object> kafka;

    private volatile Producer<String, byte[]> producer;
    private volatile Duration sendWait;

    public Producer<String, byte[]> get() {
        if (producer == null) {
            synchronized (this) {
                if (producer == null) {
                    producer = new KafkaProducer<>(settings(kafka), new StringSerializer(), new ByteArraySerializer());
                }
            }
        }
        return producer;
    }

    static Map<String, Object> settings(Map<String, Object> kafka) {
        Map<String, Object> c = new HashMap<>(kafka);
        c.put(ProducerConfig.ACKS_CONFIG, "all");
        c.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        c.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
        // The relay sends a batch and waits for it: a long linger would only add latency.
        c.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, 1);
        c.putIfAbsent(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
        c.putIfAbsent(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        c.putIfAbsent(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 30_000);
        c.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, "akscompute-outbox");
        return c;
    }

    /**
     * How long a sender waits for a send's outcome: longer than the producer may take to report it, so a send given
     * up on is never one the producer still delivers (sending it again would put a copy on the topic).
     */
    public Duration sendWait() {
        Duration wait = sendWait;
        if (wait == null) { // read once: the relay asks for every batch
            wait = sendWait(settings(kafka));
            sendWait = wait;
        }
        return wait;
    }

    /** The same wait for any producer made with these settings. */
    public static Duration sendWait(Map<String, Object> producerSettings) {
        return outcomeWithin(producerSettings).plus(WAIT_MARGIN);
    }

    /**
     * The longest a producer takes to report a send's outcome: its delivery timeout, and a request in flight then
     * may take its own timeout on top (Kafka expires a batch in flight only when its request times out).
     */
    static Duration outcomeWithin(Map<String, Object> producerSettings) {
        return Duration.ofMillis(millis(producerSettings.get(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG))
                + millis(producerSettings.get(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG)));
    }

    private static long millis(Object setting) {
        return Long.parseLong(String.valueOf(setting).trim());
    }

    void onStop(@Observes ShutdownEvent event) {
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
        }
    }
}
