package io.akscompute.tlsmanager;

import static org.assertj.core.api.Assertions.assertThat;

import io.akscompute.common.contract.CloudEventTypes;
import io.akscompute.common.contract.Json;
import io.akscompute.common.contract.Topics;
import io.akscompute.common.contract.model.LoadBalancerType;
import io.akscompute.common.contract.model.SslConfiguration;
import io.akscompute.common.contract.saga.ConfigureTls;
import io.akscompute.common.contract.saga.ParticipantAction;
import io.akscompute.common.contract.saga.RemoveTls;
import io.akscompute.common.contract.saga.SagaRequest;
import io.akscompute.testing.KafkaBroker;
import io.akscompute.testing.SuiteInfrastructure;
import io.akscompute.testing.TestIdentity;
import io.akscompute.testing.TestKafka;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * Runs last among the tests sharing the application: every Kafka record on every topic and every log line
 * captured so far must be free of the private keys the tests used. It adds its own round trip first, so it
 * proves something even when run alone.
 */
@QuarkusTest
@WithTestResource(value = SuiteInfrastructure.class, initArgs = @ResourceArg(name = "database", value = "tls_manager"))
@Order(Integer.MAX_VALUE)
class KeyLeakQuarkusTest {

    @TestHTTPResource("/workspaces/ws-leak/certificates")
    URI certificates;

    @BeforeEach
    void captureLogs() {
        LogCapture.install();
    }

    /** Every REST answer of the round trips, scanned like the records and log lines. */
    private final List<String> restBodies = new ArrayList<>();
    /** The key of the record the test itself wrote with a private key in it: only its dead-letter copy is scanned. */
    private String planted;

    @Test
    void noPrivateKeyInAnyKafkaRecordOrLogLine() throws Exception {
        roundTrip();
        failurePaths();

        List<String> needles = new ArrayList<>();
        UsedKeys.all().forEach(k -> needles.addAll(UsedKeys.needles(k)));
        assertThat(UsedKeys.all()).as("keys the tests used").isNotEmpty();

        for (String body : restBodies) {
            for (String needle : needles) {
                assertThat(body).as("a REST answer").doesNotContain(needle);
            }
        }

        List<String> logLines = LogCapture.lines();
        assertThat(logLines).as("captured log lines").isNotEmpty();
        for (String line : logLines) {
            for (String needle : needles) {
                assertThat(line).as("a log line").doesNotContain(needle);
            }
        }

        Map<String, Integer> scanned = new HashMap<>();
        for (ConsumerRecord<byte[], byte[]> record : everyRecord()) {
            if (record.topic().equals(Saga.REQUESTS) && record.key() != null
                    && planted.equals(new String(record.key(), StandardCharsets.UTF_8))) {
                continue;
            }
            scanned.merge(record.topic(), 1, Integer::sum);
            StringBuilder text = new StringBuilder();
            if (record.key() != null) {
                text.append(new String(record.key(), StandardCharsets.UTF_8)).append('\n');
            }
            if (record.value() != null) {
                text.append(new String(record.value(), StandardCharsets.UTF_8)).append('\n');
            }
            for (Header h : record.headers()) {
                text.append(h.key()).append('=').append(h.value() == null ? "" : new String(h.value(),
                        StandardCharsets.UTF_8)).append('\n');
            }
            for (String needle : needles) {
                assertThat(text.toString()).as("record on %s", record.topic()).doesNotContain(needle);
            }
        }
        assertThat(scanned).containsKeys(Saga.REQUESTS, Saga.REPLIES, "aks.status", Topics.deadLetters(Saga.REQUESTS));
    }

    /** Upload, export, configure with the upload, configure auto, remove: every path a key takes. */
    private void roundTrip() {
        var bundle = TestCertificates.server("leak.contoso.com");
        String ref = Http.post(certificates, Http.upload(bundle.chainPem(), UsedKeys.remember(bundle.keyPem()),
                "leak.contoso.com"), TestIdentity.admin()).body().get("certificateRef").asText();
        assertThat(Http.get(URI.create(certificates + "/" + ref + "/export"), TestIdentity.admin()).status())
                .isEqualTo(200);
        String cluster = Clusters.seed();
        String compute = "k" + UUID.randomUUID().toString().substring(0, 8);
        SagaRequest custom = Saga.request(ParticipantAction.ConfigureTls, "ws-leak", compute, new ConfigureTls(cluster,
                "westus", SslConfiguration.custom(ref, "leak.contoso.com"), LoadBalancerType.PublicIp));
        Saga.send(custom);
        assertThat(Saga.awaitReply(custom).succeeded()).isTrue();
        SagaRequest auto = TlsParticipantQuarkusTest.configureAuto(compute, cluster, "leak", true);
        Saga.send(auto);
        assertThat(Saga.awaitReply(auto).succeeded()).isTrue();
        TlsParticipantQuarkusTest.assertSecretHolds(Clusters.tlsSecret(cluster), Saga.awaitReply(auto).result()
                .get("fqdn").asText());
        SagaRequest remove = Saga.request(ParticipantAction.RemoveTls, "ws-leak", compute, new RemoveTls(cluster, true));
        Saga.send(remove);
        assertThat(Saga.awaitReply(remove).succeeded()).isTrue();
    }

    /**
     * Where a key meets an error: an upload whose key does not match its certificate, a configure that fails after
     * the key was decrypted, and a request holding a key that cannot be read (dead-lettered).
     */
    private void failurePaths() {
        var bundle = TestCertificates.server("leak.contoso.com");
        var other = TestCertificates.server("other.contoso.com");
        Http.Answer mismatch = Http.post(certificates, Http.upload(bundle.chainPem(), UsedKeys.remember(other.keyPem()),
                "leak.contoso.com"), TestIdentity.admin());
        assertThat(mismatch.status()).isEqualTo(400);
        restBodies.add(String.valueOf(mismatch.body()));
        Http.Answer garbled = Http.post(certificates, Http.upload(bundle.chainPem(), UsedKeys.remember(bundle.keyPem())
                .replace("-----END", "x-----END"), "leak.contoso.com"), TestIdentity.admin());
        assertThat(garbled.status()).isEqualTo(400);
        restBodies.add(String.valueOf(garbled.body()));

        String ref = Http.post(certificates, Http.upload(bundle.chainPem(), bundle.keyPem(), "leak.contoso.com"),
                TestIdentity.admin()).body().get("certificateRef").asText();
        SagaRequest noCluster = Saga.request(ParticipantAction.ConfigureTls, "ws-leak", "gone", new ConfigureTls(
                "no-such-cluster", "westus", SslConfiguration.custom(ref, "leak.contoso.com"), LoadBalancerType.PublicIp));
        Saga.send(noCluster);
        assertThat(Saga.awaitReply(noCluster).succeeded()).isFalse();

        String key = "k" + UUID.randomUUID();
        planted = key;
        Saga.sendRaw(key, CloudEventTypes.of("SagaRequest"), "ws-leak/gone", "{\"payload\":{\"key\":"
                + Json.write(UsedKeys.remember(TestCertificates.server("dlq.contoso.com").keyPem())) + "}, broken");
        TestKafka.await(Topics.deadLetters(Saga.REQUESTS), r -> key.equals(r.key()), Duration.ofSeconds(60));
    }

    private static List<ConsumerRecord<byte[], byte[]>> everyRecord() throws Exception {
        Properties admin = new Properties();
        admin.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaBroker.bootstrapServers());
        List<TopicPartition> partitions = new ArrayList<>();
        try (Admin client = Admin.create(admin)) {
            var topics = client.listTopics().names().get();
            client.describeTopics(topics).allTopicNames().get().forEach((name, description) ->
                    description.partitions().forEach(p -> partitions.add(new TopicPartition(name, p.partition()))));
        }
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaBroker.bootstrapServers());
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_uncommitted");
        List<ConsumerRecord<byte[], byte[]>> all = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props)) {
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("could not read every topic to its end within 60 s");
                }
                consumer.poll(Duration.ofMillis(500)).forEach(all::add);
            }
        }
        return all;
    }
}
