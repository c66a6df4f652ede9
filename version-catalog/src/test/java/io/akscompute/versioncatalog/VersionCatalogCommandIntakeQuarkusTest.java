package io.akscompute.versioncatalog;

import io.akscompute.common.contract.Command;
import io.akscompute.common.contract.ServiceName;
import io.akscompute.common.contract.command.RefreshVersions;
import io.akscompute.testing.CommandIntakeScenarios;
import io.akscompute.testing.SuiteInfrastructure;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;

@QuarkusTest
@WithTestResource(value = SuiteInfrastructure.class, initArgs = @ResourceArg(name = "database", value = "version_catalog"))
class VersionCatalogCommandIntakeQuarkusTest extends CommandIntakeScenarios {

    @Override
    protected ServiceName service() {
        return ServiceName.VERSION_CATALOG;
    }

    @Override
    protected Command validCommand(String workspace, String computeName) {
        return new RefreshVersions(workspace, List.of("westus", "eastus"));
    }

    @Override
    protected Command invalidCommand(String workspace, String computeName) {
        // every rule RefreshVersions has: workspace syntax, location syntax, no duplicate locations
        return new RefreshVersions("my workspace", List.of("west_us", "westus", "westus"));
    }

    @Override
    protected List<String> expectedViolationFields() {
        return List.of("workspace", "locations[0]", "locations[2]");
    }
}
