package io.akscompute.common.contract;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * Every Kafka topic of akscompute, defined once: the public contract's and the saga request/reply channels', each
 * with its dead-letter topic. The local suite and the test broker create exactly these at start (with broker
 * auto-creation off); production applies the same definitions.
 */
public final class Topics {
    public static final String COMMANDS = "aks.commands";
    public static final String COMMANDS_DLQ = "aks.commands.dlq";
    public static final String STATUS = "aks.status";
    /** Compacted, key = location. */
    public static final String VERSIONS = "aks.versions";
    /**
     * The consumer groups of clients that read {@link #STATUS} as group members (before the topic exists): this plus
     * a random suffix. The clients' Kafka user may read groups of this prefix only.
     */
    public static final String CLIENT_GROUP_PREFIX = "akscompute-client-";
    /** A dead-letter topic is its source topic plus this. */
    public static final String DLQ_SUFFIX = ".dlq";

    /** The largest record a producer may write to a topic of the contract (key, headers and value). */
    public static final int MAX_RECORD_BYTES = 1024 * 1024;
    /** A dead-letter copy holds the record and why it was refused; its topic takes twice the source's records. */
    public static final int MAX_DEAD_LETTER_BYTES = 2 * MAX_RECORD_BYTES;

    private static final String WEEK_MS = String.valueOf(7L * 24 * 3600 * 1000);
    private static final String MONTH_MS = String.valueOf(30L * 24 * 3600 * 1000);

    /**
     * A topic: partitions, replication (production values; a smaller cluster gets as many replicas as it has
     * brokers), {@code min.insync.replicas}, and its other settings (cleanup policy, retention, record size).
     */
    public record Definition(String name, int partitions, short replicationFactor, int minInsyncReplicas,
            Map<String, String> configs) {

        /** As the Admin API creates it on a cluster of {@code brokers} brokers. */
        public NewTopic newTopic(int brokers) {
            short replicas = (short) Math.max(1, Math.min(replicationFactor, brokers));
            Map<String, String> all = new HashMap<>(configs);
            all.put("min.insync.replicas", String.valueOf(Math.min(minInsyncReplicas, replicas)));
            return new NewTopic(name, Optional.of(partitions), Optional.of(replicas)).configs(all);
        }
    }

    private Topics() {
    }

    public static String sagaRequests(ServiceName participant) {
        return "aks.saga." + participant.id() + ".requests";
    }

    public static String sagaReplies(ServiceName owner) {
        return "aks.saga." + owner.id() + ".replies";
    }

    public static String deadLetters(String topic) {
        return topic + DLQ_SUFFIX;
    }

    /** Every topic, dead-letter topics included. */
    public static List<Definition> all() {
        List<Definition> all = new ArrayList<>();
        all.add(events(COMMANDS));
        all.add(deadLetter(COMMANDS));
        all.add(events(STATUS));
        all.add(new Definition(VERSIONS, 3, (short) 3, 2, Map.of("cleanup.policy", "compact",
                "max.message.bytes", String.valueOf(MAX_RECORD_BYTES))));
        for (ServiceName service : ServiceName.values()) {
            for (String topic : List.of(sagaRequests(service), sagaReplies(service))) {
                all.add(events(topic));
                all.add(deadLetter(topic));
            }
        }
        return List.copyOf(all);
    }

    /** Creates every topic the cluster does not have yet, with as many replicas as it has brokers (up to three). */
    public static void create(Admin admin, Duration timeout) throws InterruptedException, ExecutionException,
            TimeoutException {
        int brokers = admin.describeCluster().nodes().get(timeout.toMillis(), TimeUnit.MILLISECONDS).size();
        var existing = admin.listTopics().names().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        List<NewTopic> missing = all().stream().filter(d -> !existing.contains(d.name()))
                .map(d -> d.newTopic(brokers)).toList();
        if (!missing.isEmpty()) {
            admin.createTopics(missing).all().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private static Definition events(String name) {
        return new Definition(name, 3, (short) 3, 2, Map.of("cleanup.policy", "delete", "retention.ms", WEEK_MS,
                "max.message.bytes", String.valueOf(MAX_RECORD_BYTES)));
    }

    private static Definition deadLetter(String source) {
        return new Definition(deadLetters(source), 1, (short) 3, 2, Map.of("cleanup.policy", "delete",
                "retention.ms", MONTH_MS, "max.message.bytes", String.valueOf(MAX_DEAD_LETTER_BYTES)));
    }
}
