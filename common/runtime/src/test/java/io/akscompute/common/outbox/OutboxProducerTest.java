package io.akscompute.common.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How long the relay waits for a send: never less than the producer may take to say how it ended. */
class OutboxProducerTest {

    @Test
    void aSendIsWaitedForLongerThanItsDeliveryTimeoutAndOneRequestTimeout() {
        OutboxProducer defaults = new OutboxProducer();
        defaults.kafka = Map.of("bootstrap.servers", "localhost:9092");
        assertThat(defaults.sendWait()).isEqualTo(Duration.ofSeconds(45));

        OutboxProducer configured = new OutboxProducer();
        configured.kafka = Map.of("delivery.timeout.ms", "120000", "request.timeout.ms", 15_000);
        assertThat(configured.sendWait()).isEqualTo(Duration.ofSeconds(140));
    }
}
