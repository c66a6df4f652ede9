package io.akscompute.provisioner;

import static org.assertj.core.api.Assertions.assertThat;

import com.azure.core.http.HttpHeaderName;
import com.azure.core.http.HttpMethod;
import com.azure.core.http.HttpRequest;
import io.akscompute.common.azure.ArmCallMetrics;
import io.akscompute.common.azure.AzureClients;
import io.akscompute.common.azure.SubscriptionBudget;
import io.akscompute.testing.Azure;
import io.akscompute.testing.SuiteInfrastructure;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Two replicas of a service against an ARM that allows 10 writes a second per subscription (and a burst of 100):
 * sharing the service's budget through its database, together they never get a 429; without it they do.
 */
@QuarkusTest
@WithTestResource(value = SuiteInfrastructure.class, initArgs = @ResourceArg(name = "database", value = "provisioner"))
class ArmBudgetQuarkusTest {
    private static final int WRITES_PER_HOUR = 36_000;
    private static final int PER_REPLICA = 100;
    private static final String THROTTLED = "TooManyRequests_SubscriptionBudget";

    @Inject
    DataSource database;

    @AfterEach
    void noBudget() {
        Azure.emulator().control().updateSettings(s -> s.withArmBudget(0, 0));
    }

    @Test
    void replicasSharingTheBudgetNeverGetA429AndReplicasWithoutItDo() throws Exception {
        Azure.emulator().control().updateSettings(s -> s.withArmBudget(WRITES_PER_HOUR, 0));
        long before = throttled();
        int ok = burst(PER_REPLICA, replica(true), replica(true));
        assertThat(ok).isEqualTo(2 * PER_REPLICA);
        assertThat(throttled() - before).as("429s with the shared budget").isZero();

        // A smaller burst from replicas that keep no budget, into the bucket the first one left nearly empty.
        long unpaced = throttled();
        burst(20, replica(false), replica(false));
        assertThat(throttled() - unpaced).as("429s without it").isPositive();
    }

    private AzureClients replica(boolean budget) {
        var settings = Azure.clients().settings();
        return budget ? new AzureClients(settings, new SubscriptionBudget(database, WRITES_PER_HOUR, 0),
                new ArmCallMetrics(new SimpleMeterRegistry())) : new AzureClients(settings);
    }

    /** Each replica PUTs resource groups as fast as it can; returns how many answered 2xx. */
    private static int burst(int perReplica, AzureClients... replicas) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(replicas.length);
        AtomicInteger ok = new AtomicInteger();
        try {
            List<Callable<Void>> work = List.of(replicas).stream().<Callable<Void>>map(r -> () -> {
                var aks = r.containerServiceManager().serviceClient();
                for (int i = 0; i < perReplica; i++) {
                    String url = aks.getEndpoint().replaceAll("/+$", "") + "/subscriptions/"
                            + aks.getSubscriptionId() + "/resourcegroups/budget-" + UUID.randomUUID()
                            + "?api-version=2024-03-01";
                    HttpRequest put = new HttpRequest(HttpMethod.PUT, url)
                            .setHeader(HttpHeaderName.CONTENT_TYPE, "application/json")
                            .setBody("{\"location\":\"westus\"}");
                    try (var response = aks.getHttpPipeline().send(put).block()) {
                        if (response.getStatusCode() / 100 == 2) {
                            ok.incrementAndGet();
                        }
                    } catch (RuntimeException throttledForGood) {
                        // the SDK gave up retrying a 429: counted by the emulator
                    }
                }
                return null;
            }).toList();
            for (Future<Void> f : pool.invokeAll(work)) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        return ok.get();
    }

    private static long throttled() {
        return Azure.emulator().control().requestCounts().getOrDefault(THROTTLED, 0L);
    }
}
