package io.akscompute.client;

import io.akscompute.common.contract.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * {@code aks.status} from the moment it is opened on: every event of every compute. One thread at a time may use
 * it ({@link #wakeup()} excepted), as Kafka's consumer.
 */
public final class StatusFeed implements AutoCloseable {
    private final String bootstrap;
    private final Duration timeout;
    private final Map<String, Object> kafkaConfig;
    private KafkaConsumer<String, byte[]> consumer;

    private StatusFeed(ClientSettings settings) {
        this.bootstrap = settings.bootstrapServers();
        this.timeout = settings.kafkaTimeout();
        this.kafkaConfig = settings.kafkaConfig();
    }

    /** Positioned at the end of every partition before it returns, so nothing published afterwards is missed. */
    static StatusFeed openAtEnd(ClientSettings settings) {
        StatusFeed feed = new StatusFeed(settings);
        try {
            feed.open();
        } catch (RuntimeException e) {
            feed.close();
            throw e;
        }
        return feed;
    }

    private void open() {
        consumer = new KafkaConsumer<>(config(null), new StringDeserializer(), new ByteArrayDeserializer());
        try {
            List<PartitionInfo> partitions = consumer.partitionsFor(Topics.STATUS, timeout);
            if (partitions.isEmpty()) {
                subscribeAndJoin();
            } else {
                // Assigning every partition avoids a consumer-group join, which takes seconds.
                consumer.assign(partitions.stream().map(p -> new TopicPartition(p.topic(), p.partition())).toList());
            }
            consumer.seekToEnd(consumer.assignment());
            consumer.assignment().forEach(tp -> consumer.position(tp, timeout));
        } catch (KafkaException e) {
            throw AksComputeException.unreachable("Kafka at " + bootstrap, e);
        }
    }

    /** The topic does not exist yet (no service has run): wait for it as a group member, like any subscriber. */
    private void subscribeAndJoin() {
        consumer.close(Duration.ZERO);
        consumer = new KafkaConsumer<>(config(Topics.CLIENT_GROUP_PREFIX + UUID.randomUUID()), new StringDeserializer(),
                new ByteArrayDeserializer());
        consumer.subscribe(List.of(Topics.STATUS));
        Instant deadline = Instant.now().plus(timeout.multipliedBy(3));
        while (consumer.assignment().isEmpty()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AksComputeException("cannot read " + Topics.STATUS + " from Kafka at " + bootstrap, true);
            }
            consumer.poll(Duration.ofMillis(200));
        }
    }

    /** The caller's settings (security), then ours; ours win where both set a key. */
    private Map<String, Object> config(String groupId) {
        int ms = (int) timeout.toMillis();
        Map<String, Object> all = new HashMap<>(kafkaConfig);
        all.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        all.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        all.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
        all.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, ms);
        all.put(ConsumerConfig.REQUEST_TIMEOUT_MS_CONFIG, ms);
        all.put(CommonClientConfigs.RECONNECT_BACKOFF_MAX_MS_CONFIG, 1000);
        if (groupId != null) {
            all.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        }
        return all;
    }

    /** The events that arrived within {@code wait} (none is an answer too); empty after {@link #wakeup()}. */
    public List<StatusUpdate> poll(Duration wait) {
        List<StatusUpdate> updates = new ArrayList<>();
        try {
            for (ConsumerRecord<String, byte[]> r : consumer.poll(wait)) {
                updates.add(StatusUpdate.of(r));
            }
        } catch (WakeupException e) {
            return updates;
        } catch (KafkaException e) {
            throw AksComputeException.unreachable("Kafka at " + bootstrap, e);
        }
        return updates;
    }

    /** Ends a {@link #poll} running on another thread. */
    public void wakeup() {
        consumer.wakeup();
    }

    @Override
    public void close() {
        // A short close: with an absent broker the default would wait for it.
        if (consumer != null) {
            consumer.close(Duration.ofSeconds(1));
        }
    }
}
