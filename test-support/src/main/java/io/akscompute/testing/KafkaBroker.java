package io.akscompute.testing;

import io.akscompute.common.contract.Topics;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.utils.Exit;
import org.apache.kafka.common.test.TestKitNodes;

/**
 * A real single-node KRaft broker from Apache Kafka's own test kit, started once per JVM and stopped when the
 * JVM exits. With {@code -Pcontainers} (a machine with Docker) Testcontainers' Kafka is used instead.
 */
public final class KafkaBroker {
    private static String bootstrap;

    private KafkaBroker() {
    }

    public static synchronized String bootstrapServers() {
        if (bootstrap == null) {
            bootstrap = "containers".equals(System.getProperty("akscompute.test.kafka"))
                    ? ContainerKafka.start()
                    : startInProcess();
            try {
                createTopics(bootstrap);
            } catch (Exception e) {
                throw new IllegalStateException("could not create akscompute's topics on " + bootstrap, e);
            }
        }
        return bootstrap;
    }

    private static String startInProcess() {
        // A broker that meets a fatal error halts its JVM; here that JVM is the test's. Keep it alive and loud.
        Exit.setExitProcedure((code, message) -> System.err.println("in-process Kafka broker wanted to exit(" + code
                + "): " + message));
        Exit.setHaltProcedure((code, message) -> System.err.println("in-process Kafka broker wanted to halt(" + code
                + "): " + message));
        try {
            KafkaClusterTestKit cluster = new KafkaClusterTestKit.Builder(new TestKitNodes.Builder()
                    .setCombined(true).setNumBrokerNodes(1).setNumControllerNodes(1).build())
                    // One node: internal topics cannot have more than one replica.
                    .setConfigProp("offsets.topic.replication.factor", "1")
                    .setConfigProp("offsets.topic.num.partitions", "3")
                    .setConfigProp("transaction.state.log.replication.factor", "1")
                    .setConfigProp("transaction.state.log.min.isr", "1")
                    .setConfigProp("share.coordinator.state.topic.replication.factor", "1")
                    .setConfigProp("share.coordinator.state.topic.min.isr", "1")
                    .setConfigProp("group.initial.rebalance.delay.ms", "0")
                    .setConfigProp("num.partitions", "3")
                    // Topics as code: what akscompute uses is created below, a typo'd topic is an error.
                    .setConfigProp("auto.create.topics.enable", "false")
                    .build();
            cluster.format();
            cluster.startup();
            cluster.waitForReadyBrokers();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    cluster.close();
                } catch (Exception ignored) {
                    // the JVM is going away anyway
                }
            }, "kafka-test-broker-stop"));
            return cluster.bootstrapServers();
        } catch (Exception e) {
            throw new IllegalStateException("could not start the in-process Kafka broker", e);
        }
    }

    /** Every topic of {@link Topics#all()}. */
    static void createTopics(String bootstrap) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            Topics.create(admin, Duration.ofSeconds(60));
        }
    }
}
