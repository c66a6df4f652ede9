package io.akscompute.deploy;

import io.akscompute.client.AksComputeClient;
import io.akscompute.testing.KafkaProbe;
import java.nio.file.Path;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.Map;

/** The whole suite for one test class: started from the built artifacts on free ports, data under target/. */
final class TestSuites {
    static final Path REPO = Path.of("../..").toAbsolutePath().normalize();

    private TestSuites() {
    }

    /** A suite whose data and logs are in {@code deploy/launcher/target/<name>-HHmmss}. */
    static Suite start(String name, boolean secure) throws Exception {
        return start(name, secure, Map.of());
    }

    /** The same with these settings for every service. */
    static Suite start(String name, boolean secure, Map<String, String> everyService) throws Exception {
        return Suite.start(REPO, dataDir(name), SuitePorts.free(), line -> System.out.println("[suite] " + line), secure, 1,
                everyService);
    }

    /** A suite with the web console and its sign-in. */
    static Suite startWithConsole(String name) throws Exception {
        // A compute per page, so that two computes already make the list page.
        return Suite.start(REPO, dataDir(name), SuitePorts.free(), line -> System.out.println("[suite] " + line),
                false, 1, Map.of("akscompute.console.page-size", "1"), true);
    }

    private static Path dataDir(String name) {
        return REPO.resolve("deploy/launcher/target/" + name + "-" + DateTimeFormatter.ofPattern("HHmmss")
                .format(LocalTime.now()));
    }

    /** A probe that sends the suite administrator's token and reads {@code aks.status} from its start. */
    static KafkaProbe probe(Suite suite) throws Exception {
        KafkaProbe probe = new KafkaProbe(suite.bootstrap(), suite.kafkaClientConfig(), suite.secrets()::adminToken);
        probe.records(io.akscompute.common.contract.Topics.STATUS);
        return probe;
    }

    /** The Java client as a program of the suite administrator's would set it. */
    static AksComputeClient client(Suite suite) throws Exception {
        return client(suite, () -> null);
    }

    /** The same, sending the caller's trace context with each command. */
    static AksComputeClient client(Suite suite, java.util.function.Supplier<String> traceparent) throws Exception {
        return AksComputeClient.builder().bootstrapServers(suite.bootstrap()).kafkaConfig(suite.kafkaClientConfig())
                .token(suite.secrets()::adminToken).versionCatalogUrl(suite.service("version-catalog").url())
                .caFile(suite.secrets().tls().caPem()).source("/tests/e2e").traceparent(traceparent).build();
    }

    /** Stops the probe, then the suite; either may be null (a start that failed). */
    static void stop(KafkaProbe probe, Suite suite) {
        if (probe != null) {
            probe.close();
        }
        if (suite != null) {
            suite.close();
        }
    }
}
