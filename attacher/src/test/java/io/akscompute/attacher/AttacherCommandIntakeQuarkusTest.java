package io.akscompute.attacher;

import static org.assertj.core.api.Assertions.assertThat;

import io.akscompute.common.contract.Command;
import io.akscompute.common.contract.ServiceName;
import io.akscompute.common.contract.Topics;
import io.akscompute.common.contract.command.AttachCluster;
import io.akscompute.common.contract.model.LoadBalancerType;
import io.akscompute.testing.CommandIntakeScenarios;
import io.akscompute.testing.SuiteInfrastructure;
import io.akscompute.testing.TestKafka;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(value = SuiteInfrastructure.class, initArgs = @ResourceArg(name = "database", value = "attacher"))
class AttacherCommandIntakeQuarkusTest extends CommandIntakeScenarios {
    private static final String CLUSTER_ID =
            "/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg-ml/providers/Microsoft.ContainerService/managedClusters/aks-prod";

    @Override
    protected ServiceName service() {
        return ServiceName.ATTACHER;
    }

    @Override
    protected Command validCommand(String workspace, String computeName) {
        return new AttachCluster(workspace, computeName, CLUSTER_ID, null, null, null, null, null, null, null);
    }

    @Override
    protected Command invalidCommand(String workspace, String computeName) {
        // a name starting with a digit, a subnet without the internal load balancer, no cluster named at all
        return new AttachCluster(workspace, "9" + computeName, null, null, null, null, LoadBalancerType.PublicIp,
                "aks-subnet", null, null);
    }

    @Override
    protected List<String> expectedViolationFields() {
        return List.of("computeName", "loadBalancerSubnet", "resourceId");
    }

    @Test
    void recordsNoServiceCanReadAreDeadLetteredByTheFrontDoorWithTheirReason() {
        String key = "ws-tests/" + UUID.randomUUID();
        TestKafka.publishRaw(key, "definitely not json");
        TestKafka.publishRaw(key, "{\"specversion\":\"1.0\",\"id\":\"" + UUID.randomUUID()
                + "\",\"type\":\"akscompute.BakeCake.v1\",\"source\":\"/tests\",\"data\":{}}");

        var notJson = TestKafka.await(Topics.COMMANDS_DLQ,
                r -> key.equals(r.key()) && r.value().equals("definitely not json"), Duration.ofSeconds(60));
        assertThat(TestKafka.header(notJson, "dead-letter-reason")).contains("not JSON");
        var unknown = TestKafka.await(Topics.COMMANDS_DLQ,
                r -> key.equals(r.key()) && r.value().contains("BakeCake"), Duration.ofSeconds(60));
        assertThat(TestKafka.header(unknown, "dead-letter-reason"))
                .contains("unknown command type 'akscompute.BakeCake.v1'").contains("akscompute.AttachCluster.v1");
    }
}
