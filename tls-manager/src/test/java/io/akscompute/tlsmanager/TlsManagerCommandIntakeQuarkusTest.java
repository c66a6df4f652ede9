package io.akscompute.tlsmanager;

import io.akscompute.common.contract.Command;
import io.akscompute.common.contract.ServiceName;
import io.akscompute.common.contract.command.RenewCertificate;
import io.akscompute.testing.CommandIntakeScenarios;
import io.akscompute.testing.SuiteInfrastructure;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;

@QuarkusTest
@WithTestResource(value = SuiteInfrastructure.class, initArgs = @ResourceArg(name = "database", value = "tls_manager"))
class TlsManagerCommandIntakeQuarkusTest extends CommandIntakeScenarios {

    @BeforeEach
    void captureLogs() {
        LogCapture.install();
    }

    @Override
    protected ServiceName service() {
        return ServiceName.TLS_MANAGER;
    }

    @Override
    protected Command validCommand(String workspace, String computeName) {
        return new RenewCertificate(workspace, computeName);
    }

    @Override
    protected Command invalidCommand(String workspace, String computeName) {
        // a workspace with a space, a compute name that starts with a digit and ends with a hyphen
        return new RenewCertificate("my workspace", "9" + computeName + "-");
    }

    @Override
    protected List<String> expectedViolationFields() {
        return List.of("workspace", "computeName", "computeName");
    }
}
