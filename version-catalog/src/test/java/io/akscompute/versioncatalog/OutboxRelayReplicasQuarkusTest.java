package io.akscompute.versioncatalog;

import static org.assertj.core.api.Assertions.assertThat;

import io.akscompute.common.contract.Topics;
import io.akscompute.common.outbox.Outbox;
import io.akscompute.common.outbox.OutboxRelay;
import io.akscompute.testing.SuiteInfrastructure;
import io.akscompute.testing.TestKafka;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * Two replicas of a service share its database and so its outbox: while one relays, the other sends nothing, so a
 * key's rows reach Kafka in the order they were written. The other replica is played by a transaction holding the
 * relay's advisory lock, as a relaying replica does.
 */
@QuarkusTest
@WithTestResource(value = SuiteInfrastructure.class, initArgs = @ResourceArg(name = "database", value = "version_catalog"))
class OutboxRelayReplicasQuarkusTest {

    @Inject
    Outbox outbox;

    @Inject
    OutboxRelay relay;

    @Inject
    EntityManager em;

    @Test
    void whileAnotherReplicaRelaysThisOneClaimsNothingAndAfterwardsTheRowsGoOutInOrder() throws Exception {
        CountDownLatch held = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Thread otherReplica = new Thread(() -> QuarkusTransaction.requiringNew().run(() -> {
            em.createNativeQuery("select pg_advisory_xact_lock(:k)").setParameter("k", OutboxRelay.RELAY_LOCK)
                    .getSingleResult();
            held.countDown();
            try {
                release.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }));
        otherReplica.start();
        assertThat(held.await(30, TimeUnit.SECONDS)).isTrue();

        String key = "relay-test/" + UUID.randomUUID();
        QuarkusTransaction.requiringNew().run(() -> {
            for (int i = 0; i < 5; i++) {
                outbox.publish(Topics.STATUS, key, "akscompute.RelayOrder.v1", "relay-test", null, null,
                        Map.of("n", i));
            }
        });
        try {
            assertThat(QuarkusTransaction.requiringNew().call(() -> relay.claim(Instant.now())))
                    .as("this replica claims nothing while the other relays").isEmpty();
            assertThat(pending(key)).isEqualTo(5);
        } finally {
            release.countDown();
            otherReplica.join(30_000);
        }

        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> TestKafka.records(Topics.STATUS).stream()
                .filter(r -> key.equals(r.key())).count() == 5);
        List<String> payloads = TestKafka.records(Topics.STATUS).stream().filter(r -> key.equals(r.key()))
                .map(r -> r.value()).toList();
        assertThat(payloads).containsExactly("{\"n\":0}", "{\"n\":1}", "{\"n\":2}", "{\"n\":3}", "{\"n\":4}");
    }

    @Test
    void aRowTheBrokerRefusesForGoodIsParkedWithWhyAndTheRowsAroundItGoOut() {
        String key = "relay-park-test/" + UUID.randomUUID();
        long parkedBefore = QuarkusTransaction.requiringNew().call(() -> relay.parked());
        QuarkusTransaction.requiringNew().run(() -> {
            outbox.publish(Topics.STATUS, key, "akscompute.RelayOrder.v1", "relay-test", null, null, Map.of("n", 0));
            // Larger than any request the producer may send (1 MB): refused before it reaches the broker.
            outbox.publish(Topics.STATUS, key, "akscompute.RelayOrder.v1", "relay-test", null, null,
                    Map.of("n", "x".repeat(2 * 1024 * 1024)));
            outbox.publish(Topics.STATUS, key, "akscompute.RelayOrder.v1", "relay-test", null, null, Map.of("n", 2));
        });

        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> TestKafka.records(Topics.STATUS).stream()
                .filter(r -> key.equals(r.key())).count() == 2);
        assertThat(TestKafka.records(Topics.STATUS).stream().filter(r -> key.equals(r.key())).map(r -> r.value()))
                .containsExactly("{\"n\":0}", "{\"n\":2}");
        List<?> rows = QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery(
                "select published_at is not null, parked_at is not null, park_reason from outbox_message "
                        + "where record_key = :k order by seq").setParameter("k", key).getResultList());
        assertThat(rows).hasSize(3);
        assertThat((Object[]) rows.get(0)).containsExactly(true, false, null);
        Object[] refused = (Object[]) rows.get(1);
        assertThat(refused[0]).as("published").isEqualTo(false);
        assertThat(refused[1]).as("parked").isEqualTo(true);
        assertThat((String) refused[2]).contains("RecordTooLargeException");
        assertThat((Object[]) rows.get(2)).containsExactly(true, false, null);
        assertThat(QuarkusTransaction.requiringNew().call(() -> relay.parked())).isEqualTo(parkedBefore + 1);
    }

    private long pending(String key) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(
                "select count(*) from outbox_message where record_key = :k and published_at is null")
                .setParameter("k", key).getSingleResult()).longValue());
    }
}
