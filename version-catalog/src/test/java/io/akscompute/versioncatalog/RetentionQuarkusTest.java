package io.akscompute.versioncatalog;

import static org.assertj.core.api.Assertions.assertThat;

import io.akscompute.common.contract.Topics;
import io.akscompute.common.outbox.Outbox;
import io.akscompute.common.retention.Retention;
import io.akscompute.common.work.WorkLoops;
import io.akscompute.testing.SuiteInfrastructure;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * The runtime's tables do not grow for good: outbox rows published more than a day ago, inbox rows and answered saga
 * requests older than 31 days, finished operations and sagas older than 90 days are deleted, in batches, while
 * unpublished, parked, pending, running and younger rows stay.
 */
@QuarkusTest
@WithTestResource(value = SuiteInfrastructure.class, initArgs = @ResourceArg(name = "database", value = "version_catalog"))
class RetentionQuarkusTest {

    @Inject
    Outbox outbox;

    @Inject
    WorkLoops loops;

    @Inject
    EntityManager em;

    @Test
    void oldRowsGoTheRestStays() {
        String key = "retention-test/" + UUID.randomUUID();
        QuarkusTransaction.requiringNew().run(() -> {
            for (String name : new String[] {"old", "young", "parked"}) {
                outbox.publish(Topics.STATUS, key, "akscompute.Retention.v1", "retention-test", null, null,
                        Map.of("row", name));
            }
        });
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> count(
                "select count(*) from outbox_message where record_key = '" + key + "' and published_at is not null") == 3);
        String consumer = "retention-test-" + UUID.randomUUID();
        QuarkusTransaction.requiringNew().run(() -> {
            update("update outbox_message set published_at = now() - interval '25 hours' where record_key = '" + key
                    + "' and payload like '%\"old\"%'");
            update("update outbox_message set published_at = null, parked_at = now() - interval '40 days',"
                    + " park_reason = 'test' where record_key = '" + key + "' and payload like '%\"parked\"%'");
            // more than one batch of old rows, and one that is not old yet
            update("insert into inbox_message (consumer, message_id, outcome, received_at) select '" + consumer
                    + "', 'old-' || n, 'HANDLED', now() - interval '32 days' from generate_series(1, 2500) n");
            update("insert into inbox_message (consumer, message_id, outcome, received_at) values ('" + consumer
                    + "', 'young', 'HANDLED', now() - interval '30 days')");
            answered(consumer, "ANSWERED", 32);
            answered(consumer, "DROPPED", 32);
            answered(consumer, "PENDING", 40);
            answered(consumer, "ANSWERED", 30);
            for (String status : new String[] {"SUCCEEDED", "FAILED", "RUNNING"}) {
                operation(consumer, status, 91);
            }
            operation(consumer, "SUCCEEDED", 89);
        });

        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> {
            loops.wakeUp(Retention.NAME);
            return count("select count(*) from inbox_message where consumer = '" + consumer + "'") == 1
                    && count("select count(*) from outbox_message where record_key = '" + key + "'") == 2
                    && count("select count(*) from participant_work where workspace = '" + consumer + "'") == 2
                    && count("select count(*) from operation where workspace = '" + consumer + "'") == 2
                    && count("select count(*) from saga_instance where workspace = '" + consumer + "'") == 2;
        });
        assertThat(count("select count(*) from inbox_message where consumer = '" + consumer
                + "' and message_id = 'young'")).isEqualTo(1);
        assertThat(count("select count(*) from outbox_message where record_key = '" + key
                + "' and (payload like '%\"young\"%' and published_at is not null"
                + " or payload like '%\"parked\"%' and parked_at is not null)")).isEqualTo(2);
        assertThat(QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery("select compute_name from"
                + " participant_work where workspace = '" + consumer + "' order by compute_name").getResultList()))
                .containsExactly("ANSWERED-30", "PENDING-40");
        for (String table : new String[] {"operation", "saga_instance"}) {
            assertThat(QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery("select compute_name from "
                    + table + " where workspace = '" + consumer + "' order by compute_name").getResultList()))
                    .as(table).containsExactly("RUNNING-91", "SUCCEEDED-89");
        }
        QuarkusTransaction.requiringNew().run(() -> { // the running saga and the pending request are no other test's
            for (String table : new String[] {"operation", "saga_instance", "participant_work"}) {
                update("delete from " + table + " where workspace = '" + consumer + "'");
            }
        });
    }

    private void answered(String workspace, String status, int daysAgo) {
        update("insert into participant_work (request_id, saga_id, operation_id, action, reply_to, workspace,"
                + " compute_name, status, created_at, updated_at) values (gen_random_uuid(), gen_random_uuid(),"
                + " gen_random_uuid(), 'Test', 'test', '" + workspace + "', '" + status + "-" + daysAgo + "', '"
                + status + "', now() - interval '" + daysAgo + " days', now() - interval '" + daysAgo + " days')");
    }

    /** An operation of that status, last changed that many days ago, and its saga (as a saga names it). */
    private void operation(String workspace, String status, int daysAgo) {
        String compute = "'" + status + "-" + daysAgo + "'";
        String at = "now() - interval '" + daysAgo + " days'";
        update("insert into operation (id, workspace, compute_name, command_type, status, command, created_at,"
                + " updated_at) values (gen_random_uuid(), '" + workspace + "', " + compute + ", 'Test', '" + status
                + "', '{}', " + at + ", " + at + ")");
        update("insert into saga_instance (id, operation_id, type, workspace, compute_name, status, current_step,"
                + " state, steps, created_at, updated_at, serialised) values (gen_random_uuid(), gen_random_uuid(),"
                + " 'Test', '" + workspace + "', " + compute + ", '" + status + "', 0, '{}', '[]', " + at + ", " + at
                + ", false)");
    }

    private long count(String sql) {
        return QuarkusTransaction.requiringNew().call(
                () -> ((Number) em.createNativeQuery(sql).getSingleResult()).longValue());
    }

    private void update(String sql) {
        em.createNativeQuery(sql).executeUpdate();
    }
}
