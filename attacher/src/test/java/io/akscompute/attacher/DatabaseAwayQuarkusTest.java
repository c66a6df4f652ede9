package io.akscompute.attacher;

import static org.assertj.core.api.Assertions.assertThat;

import io.akscompute.attacher.participant.ProvisionerRequests;
import io.akscompute.common.contract.command.AttachCluster;
import io.akscompute.common.contract.model.ClusterPurpose;
import io.akscompute.common.contract.model.LoadBalancerType;
import io.akscompute.common.contract.saga.ParticipantAction;
import io.akscompute.common.contract.saga.RegisterCreated;
import io.akscompute.common.contract.saga.ReserveName;
import io.akscompute.common.contract.saga.SagaReply;
import io.akscompute.common.contract.saga.SagaRequest;
import io.akscompute.emulator.ClusterSeed;
import io.akscompute.testing.Azure;
import io.akscompute.testing.DatabaseLink;
import io.akscompute.testing.SuiteInfrastructure;
import io.akscompute.testing.TestKafka;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The attacher's database goes away while a step waits on Azure, and comes back: the step's result is recorded once
 * the database is back, and Azure is not asked again (the database is cut at a TCP link; the shared server stays).
 */
@QuarkusTest
@WithTestResource(value = SuiteInfrastructure.class, initArgs = {
        @ResourceArg(name = "database", value = "attacher"), @ResourceArg(name = "link", value = "cuttable")})
class DatabaseAwayQuarkusTest {
    private static final String FETCH = "ManagedClusters_ListClusterAdminCredentials";
    private static final String WS = "ws-db-away";

    private static AttachCluster attach(String compute, String resourceId) {
        return new AttachCluster(WS, compute, resourceId, null, null, null, null, null, null, null);
    }

    private static String seed() {
        String suffix = UUID.randomUUID().toString().substring(0, 6);
        return Azure.emulator().control().seedCluster(ClusterSeed.of("rg-" + suffix, "aks-" + suffix)
                .location("westus").kubernetesVersion("1.32.7").agents(3, "Standard_D4s_v3")).get("id").asText();
    }

    @Test
    void aStepWhoseResultMeetsTheDatabaseAwayIsRecordedWhenItIsBackWithoutAskingAzureAgain() throws Exception {
        long fetchesOfAnAttach = fetches(() -> TestKafka.awaitStatus(TestKafka.publish(attach("calm", seed())),
                "OperationSucceeded"));
        assertThat(fetchesOfAnAttach).as("credentials fetches of an attach").isPositive();

        long fetchesMetByTheOutage = fetches(() -> {
            UUID[] op = new UUID[1];
            DatabaseLink.outageDuringTheNextCall(FETCH, Duration.ofSeconds(4), Duration.ofSeconds(8),
                    () -> op[0] = TestKafka.publish(attach("stormy", seed())));
            // Well within the step's 30 s lease, after which the step would be taken again and Azure asked again.
            TestKafka.awaitStatus(op[0], "OperationSucceeded", Duration.ofSeconds(20));
        });
        assertThat(fetchesMetByTheOutage).as("credentials fetches of the attach met by the outage")
                .isEqualTo(fetchesOfAnAttach);
    }

    /**
     * The same for a participant: the provisioner's RegisterCreated, whose handler rolls the front end out (a call
     * to the cluster) and then registers the compute. The outage outlasts the handler's own use of the database
     * (which meets it, and asks to be tried again in 2 s), so its result meets the database away too: it is
     * recorded once the database is back and the request answered then, not after the request's 30 s lease ran
     * out.
     */
    @Test
    void aParticipantsResultThatMeetsTheDatabaseAwayIsRecordedWhenItIsBack() throws Exception {
        String compute = "after-outage-" + UUID.randomUUID().toString().substring(0, 6);
        UUID create = UUID.randomUUID();
        SagaRequest reserve = ProvisionerRequests.request(WS, create, compute, ParticipantAction.ReserveName,
                new ReserveName("westus", null));
        ProvisionerRequests.send(reserve);
        assertThat(ProvisionerRequests.reply(reserve).succeeded()).isTrue();

        SagaRequest register = ProvisionerRequests.request(WS, create, compute, ParticipantAction.RegisterCreated,
                new RegisterCreated(seed(), "westus", "1.32.7", 3, "Standard_D4s_v3", ClusterPurpose.DevTest,
                        LoadBalancerType.PublicIp, null, null, null, null, "created", null));
        long sent = System.nanoTime();
        DatabaseLink.outageDuringTheNextCall(FETCH, Duration.ofSeconds(2), Duration.ofSeconds(16),
                () -> ProvisionerRequests.send(register));
        SagaReply registered = ProvisionerRequests.reply(register, Duration.ofSeconds(60));
        Duration answeredAfter = Duration.ofNanos(System.nanoTime() - sent);
        System.out.println("[db-away] RegisterCreated answered " + answeredAfter.toMillis() + " ms after it was sent");
        assertThat(registered.succeeded()).as(registered.message()).isTrue();
        assertThat(answeredAfter).as("the answer after the request was sent (its lease is 30 s)")
                .isLessThan(Duration.ofSeconds(28));
    }

    private interface Work {
        void run() throws Exception;
    }

    /** The credentials fetches Azure saw while the work ran. */
    private static long fetches(Work work) throws Exception {
        long before = Azure.emulator().control().requestCount(FETCH);
        work.run();
        return Azure.emulator().control().requestCount(FETCH) - before;
    }
}
