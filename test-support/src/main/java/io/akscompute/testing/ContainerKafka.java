package io.akscompute.testing;

/** Testcontainers' Kafka, only with {@code -Pcontainers}; kept apart so the class is loaded only then. */
final class ContainerKafka {
    private ContainerKafka() {
    }

    static String start() {
        var kafka = new org.testcontainers.kafka.KafkaContainer("apache/kafka-native:4.1.0");
        kafka.start();
        Runtime.getRuntime().addShutdownHook(new Thread(kafka::stop, "kafka-container-stop"));
        return kafka.getBootstrapServers();
    }
}
