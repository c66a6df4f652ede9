package io.akscompute.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.akscompute.common.contract.ServiceName;
import io.akscompute.common.contract.command.AttachCluster;
import io.akscompute.common.contract.model.SslConfiguration;
import io.akscompute.common.contract.model.SslStatus;
import io.akscompute.common.contract.saga.SagaRequest;
import io.akscompute.common.contract.saga.TlsConfigured;
import io.akscompute.emulator.ClusterSeed;
import io.akscompute.testing.Azure;
import io.akscompute.testing.FakeParticipant;
import io.akscompute.testing.TestKafka;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The attacher as a real process, killed with SIGKILL in the middle of an attach (steps committed, a reply
 * still outstanding) and started again: the saga resumes where it was and does nothing twice.
 */
class AttacherRestartTest {
    private RunningService attacher;

    @AfterEach
    void stop() {
        if (attacher != null) {
            attacher.close();
        }
    }

    @Test
    void anAttachKilledMidwayFinishesAfterARestartWithoutRepeatingAStep() throws Exception {
        String id = Azure.emulator().control().seedCluster(ClusterSeed.of("rg-restart", "aks-restart")
                .kubernetesVersion("1.32.7").agents(3, "Standard_D4s_v3")).get("id").asText();
        attacher = new RunningService("attacher", "attacher_restart").start();
        FakeParticipant tlsManager = new FakeParticipant(ServiceName.TLS_MANAGER);

        UUID op = TestKafka.publish(new AttachCluster("ws-restart", "restarted", id, null, null, null, null, null,
                SslConfiguration.auto("restart"), null));
        SagaRequest tls = tlsManager.awaitRequest(op, 0);
        attacher.kill();
        attacher.start();
        tlsManager.succeed(tls, new TlsConfigured("cert-r", SslStatus.Auto, "restartab12cd.westus.cloudapp.azure.com",
                null, "restartab12cd", Instant.now().plusSeconds(3600)));
        var snapshot = TestKafka.awaitStatus(op, "OperationSucceeded").data().get("compute");
        assertThat(snapshot.get("provisioningState").asText()).isEqualTo("Succeeded");
        assertThat(snapshot.at("/properties/systemServices/0/publicIpAddress").asText()).isNotBlank();
        var finished = TestKafka.statusOf(op).stream()
                .filter(s -> s.type().equals("akscompute.OperationProgress.v1"))
                .filter(s -> s.data().get("message").asText().startsWith("done"))
                .map(s -> s.data().get("step").asText()).toList();
        assertThat(finished).containsExactly("reserve-name", "find-cluster", "check-cluster", "configure-tls",
                "install-front-end", "register");
        // Asked again only with the same request id (a slow restart outlives the participant timeout): the
        // participant answers it once.
        assertThat(tlsManager.requests(op)).extracting(SagaRequest::requestId).containsOnly(tls.requestId());
    }
}
