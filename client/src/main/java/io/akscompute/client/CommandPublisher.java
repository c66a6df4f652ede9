package io.akscompute.client;

import io.akscompute.common.contract.CloudEventRecords;
import io.akscompute.common.contract.Command;
import io.akscompute.common.contract.CommandHeaders;
import io.akscompute.common.contract.Topics;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.core.extensions.DistributedTracingExtension;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** Publishes commands on aks.commands as structured CloudEvents, with the caller's token in its header. */
final class CommandPublisher implements AutoCloseable {
    private final ClientSettings settings;
    private final KafkaProducer<String, byte[]> producer;

    CommandPublisher(ClientSettings settings) {
        this.settings = settings;
        int ms = (int) settings.kafkaTimeout().toMillis();
        Map<String, Object> config = new HashMap<>(settings.kafkaConfig());
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers());
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, ms);
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, ms);
        config.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, ms + 1000);
        config.put(CommonClientConfigs.RECONNECT_BACKOFF_MAX_MS_CONFIG, 1000);
        try {
            this.producer = new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
        } catch (KafkaException e) {
            throw AksComputeException.unreachable("Kafka at " + settings.bootstrapServers(), e);
        }
    }

    /** Sends the command with this id (the operation id) and returns once the broker has it. */
    void publish(UUID id, Command command) {
        try {
            CloudEvent event = CloudEventRecords.command(id, command, settings.source());
            String traceparent = settings.traceparent().get();
            if (traceparent != null) {
                // The services continue the caller's trace from it (W3C trace context, the CloudEvents extension).
                event = CloudEventBuilder.v1(event).withExtension(DistributedTracingExtension.TRACEPARENT, traceparent)
                        .build();
            }
            ProducerRecord<String, byte[]> record = CloudEventRecords.structured(Topics.COMMANDS, command.key(), event);
            String token = settings.token().get();
            if (token != null) {
                record.headers().add(CommandHeaders.AUTHORIZATION, token.getBytes(StandardCharsets.UTF_8));
            }
            producer.send(record).get(settings.kafkaTimeout().toMillis() + 2000, TimeUnit.MILLISECONDS);
        } catch (KafkaException e) {
            throw AksComputeException.unreachable("Kafka at " + settings.bootstrapServers(), e);
        } catch (ExecutionException | TimeoutException e) {
            throw AksComputeException.unreachable("Kafka at " + settings.bootstrapServers(),
                    e.getCause() == null ? e : e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AksComputeException("interrupted while publishing " + command.key(), false);
        }
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(1));
    }
}
