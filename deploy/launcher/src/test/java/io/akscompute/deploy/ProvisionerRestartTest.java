package io.akscompute.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.akscompute.common.contract.command.CreateCluster;
import io.akscompute.common.contract.model.ClusterPurpose;
import io.akscompute.testing.Azure;
import io.akscompute.testing.TestKafka;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The provisioner as a real process (with the real attacher as its participant), killed with SIGKILL while
 * Azure provisions the cluster and started again: it resumes polling the same operation and creates no
 * second cluster.
 */
class ProvisionerRestartTest {
    private static final String PUT = "ManagedClusters_CreateOrUpdate";
    private RunningService attacher;
    private RunningService provisioner;
    private Duration delayBefore;

    @AfterEach
    void stop() {
        if (provisioner != null) {
            provisioner.close();
        }
        if (attacher != null) {
            attacher.close();
        }
        if (delayBefore != null) {
            Azure.emulator().control().setProvisioningDelay(delayBefore);
        }
    }

    @Test
    void aCreateKilledWhileAzureProvisionsFinishesAfterARestartWithOneCluster() throws Exception {
        delayBefore = Duration.ofMillis(Azure.emulator().control().settings().provisioningDelayMillis());
        Azure.emulator().control().setProvisioningDelay(Duration.ofSeconds(30));
        attacher = new RunningService("attacher", "attacher_prov_restart").start();
        provisioner = new RunningService("provisioner", "provisioner_restart").start();
        long putsBefore = Azure.emulator().control().requestCount(PUT);

        UUID op = TestKafka.publish(new CreateCluster("ws-restart", "created", "westus", "rg-prov-restart", null, null,
                ClusterPurpose.DevTest, null, null, null, null, null, null));
        TestKafka.await(io.akscompute.common.contract.Topics.STATUS,
                r -> op.toString().equals(TestKafka.header(r, "ce_correlationid")) && r.value().contains("create-cluster")
                        && r.value().contains("Azure accepted"), Duration.ofSeconds(120));
        provisioner.kill();
        provisioner.start();

        var snapshot = TestKafka.awaitStatus(op, "OperationSucceeded").data().get("compute");
        assertThat(snapshot.get("provisioningState").asText()).isEqualTo("Succeeded");
        assertThat(Azure.emulator().control().requestCount(PUT) - putsBefore).isEqualTo(1);
        assertThat(Azure.emulator().control().clusters().values())
                .filteredOn(c -> c.path("id").asText().toLowerCase().contains("/resourcegroups/rg-prov-restart/"))
                .hasSize(1);
    }
}
