package io.akscompute.testing;

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
}
