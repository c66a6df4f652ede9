package io.akscompute.provisioner;

import io.akscompute.common.contract.Command;
import io.akscompute.common.contract.ServiceName;
import io.akscompute.common.contract.command.CreateCluster;
import io.akscompute.common.contract.model.ClusterPurpose;
import io.akscompute.common.contract.model.LoadBalancerType;
import io.akscompute.testing.CommandIntakeScenarios;
import io.akscompute.testing.SuiteInfrastructure;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;

@QuarkusTest
@WithTestResource(value = SuiteInfrastructure.class, initArgs = @ResourceArg(name = "database", value = "provisioner"))
class ProvisionerCommandIntakeQuarkusTest extends CommandIntakeScenarios {

    @Override
    protected ServiceName service() {
        return ServiceName.PROVISIONER;
    }

    @Override
    protected Command validCommand(String workspace, String computeName) {
        return new CreateCluster(workspace, computeName, "westus", null, null, null, ClusterPurpose.DevTest, null,
                null, null, null, null, null);
    }

    @Override
    protected Command invalidCommand(String workspace, String computeName) {
        // a name ending in a hyphen, production with two nodes, a VM size that is no size's name
        return new CreateCluster(workspace, computeName + "-", "westus", null, 2, "Standard D3_v2",
                ClusterPurpose.FastProd, null, LoadBalancerType.PublicIp, null, null, null, null);
    }

    @Override
    protected List<String> expectedViolationFields() {
        return List.of("computeName", "agentCount", "agentVmSize");
    }
}
