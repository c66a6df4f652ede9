package io.akscompute.versioncatalog;

import static org.assertj.core.api.Assertions.assertThat;

import io.akscompute.common.contract.CommandHeaders;
import io.akscompute.common.contract.Topics;
import io.akscompute.common.messaging.DeadLetterStrategy;
import io.akscompute.testing.SuiteInfrastructure;
import io.akscompute.testing.TestKafka;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.IncomingKafkaRecord;
import io.smallrye.reactive.messaging.kafka.commit.KafkaCommitHandler;
import io.smallrye.reactive.messaging.kafka.fault.KafkaFailureHandler;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * The consumers' failure strategy, run by SmallRye's own record type against the suite's broker: what a consumer
 * nacks goes to the dead-letter topic as every dead letter does, unless the nack is not the record's fault.
 */
@QuarkusTest
@WithTestResource(value = SuiteInfrastructure.class, initArgs = @ResourceArg(name = "database", value = "version_catalog"))
class DeadLetterStrategyQuarkusTest {

    /** Looked up as the connector looks up a {@code failure-strategy}: by its identifier. */
    @Inject
    @Identifier(DeadLetterStrategy.NAME)
    KafkaFailureHandler.Factory strategy;

    @Test
    void aNackedRecordIsDeadLetteredWithItsReasonWithoutTheCallersTokenAndThenAcknowledged() throws Exception {
        String key = "ws-tests/" + UUID.randomUUID();
        AtomicInteger acknowledged = new AtomicInteger();
        var record = consumed(key, "Bearer eyJ.secret.token", acknowledged);

        record.nack(new IllegalStateException("a defect in the handling")).toCompletableFuture()
                .get(60, TimeUnit.SECONDS);

        var copy = TestKafka.await(Topics.COMMANDS_DLQ, r -> key.equals(r.key()), Duration.ofSeconds(30));
        assertThat(TestKafka.header(copy, "dead-letter-reason")).contains("a defect in the handling");
        assertThat(TestKafka.header(copy, "dead-letter-offset")).isEqualTo("4711");
        assertThat(TestKafka.header(copy, CommandHeaders.AUTHORIZATION)).doesNotContain("secret");
        assertThat(acknowledged).hasValue(1);
    }

    @Test
    void aNackForAnInterruptionLeavesTheRecordForRedelivery() throws Exception {
        String interrupted = "ws-tests/" + UUID.randomUUID();
        AtomicInteger acknowledged = new AtomicInteger();
        CompletableFuture<Void> left = consumed(interrupted, "Bearer t", acknowledged).nack(new IllegalStateException("stopping",
                new InterruptedException())).toCompletableFuture();
        // The decision is taken before anything is sent: once a later record's copy is there, the first has none.
        String later = "ws-tests/" + UUID.randomUUID();
        consumed(later, "Bearer t", acknowledged).nack(new IllegalStateException("a defect")).toCompletableFuture()
                .get(60, TimeUnit.SECONDS);
        TestKafka.await(Topics.COMMANDS_DLQ, r -> later.equals(r.key()), Duration.ofSeconds(30));

        assertThat(TestKafka.records(Topics.COMMANDS_DLQ)).noneMatch(r -> interrupted.equals(r.key()));
        assertThat(left).isNotDone();
        assertThat(acknowledged).as("only the later record is acknowledged").hasValue(1);
    }

    private IncomingKafkaRecord<String, byte[]> consumed(String key, String token, AtomicInteger acknowledged) {
        ConsumerRecord<String, byte[]> raw = new ConsumerRecord<>(Topics.COMMANDS, 1, 4711L, key,
                "{\"not\":\"handled\"}".getBytes(StandardCharsets.UTF_8));
        raw.headers().add(CommandHeaders.AUTHORIZATION, token.getBytes(StandardCharsets.UTF_8));
        KafkaCommitHandler commits = new KafkaCommitHandler() {
            @Override
            public <K, V> Uni<Void> handle(IncomingKafkaRecord<K, V> record) {
                acknowledged.incrementAndGet();
                return Uni.createFrom().voidItem();
            }
        };
        return new IncomingKafkaRecord<>(raw, "commands", -1, commits, strategy.create(null, null, null, null),
                false, false);
    }
}
