package io.akscompute.common.rules;

import static io.akscompute.common.rules.Fixtures.WS;
import static io.akscompute.common.rules.Fixtures.create;
import static org.assertj.core.api.Assertions.assertThat;

import io.akscompute.common.contract.command.CreateCluster;
import io.akscompute.common.contract.event.Detail;
import io.akscompute.common.contract.model.ClusterPurpose;
import io.akscompute.common.contract.model.LoadBalancerType;
import io.akscompute.common.contract.model.SslConfiguration;
import io.akscompute.common.contract.model.SslStatus;
import java.util.List;
import org.junit.jupiter.api.Test;

class CreateClusterPreflightTest {

    @Test
    void validCommandHasNoViolations() {
        assertThat(Preflight.check(create())).isEmpty();
    }

    @Test
    void minimalCommandPassesWithAzureMlDefaults() {
        // FastProd, 3 x Standard_D3_v2 = 12 vCPUs, public load balancer
        CreateCluster minimal = new CreateCluster(WS, "myaks", null, null, null, null, null, null, null, null, null,
                null, null);
        assertThat(Preflight.check(minimal)).isEmpty();
    }

    @Test
    void fullyLoadedValidCommandHasNoViolations() {
        CreateCluster full = new CreateCluster(WS, "myaks", "eastus2", "ml-rg", 4, "standard_ds3_v2",
                ClusterPurpose.DenseProd, Fixtures.validNetwork(), LoadBalancerType.PublicIp, null,
                SslConfiguration.auto("contoso-ml"), "prod", null);
        assertThat(Preflight.check(full)).isEmpty();
    }

    @Test
    void productionWithTwoNodes() {
        List<Detail> details = Preflight.check(create("myaks", 2, "Standard_D8_v3", ClusterPurpose.FastProd));
        assertThat(details).singleElement().satisfies(d -> {
            assertThat(d.field()).isEqualTo("agentCount");
            assertThat(d.message()).contains("agentCount is 2", "production", "at least 3 nodes", "DevTest");
        });
    }

    @Test
    void theVmSizeIsCheckedForItsShapeOnlyWhichSizesExistDependsOnTheLocation() {
        assertThat(Preflight.check(create("myaks", 3, "Standard_NC4as_T4_v3", null))).isEmpty();
        assertThat(Preflight.check(create("myaks", 3, "Standard D3 v2; rm", null))).singleElement().satisfies(d -> {
            assertThat(d.field()).isEqualTo("agentVmSize");
            assertThat(d.message()).contains("'Standard D3 v2; rm'", "not a VM size name", "az vm list-sizes");
        });
        assertThat(Preflight.check(create("myaks", 3, "S".repeat(65), null))).extracting(Detail::field)
                .containsExactly("agentVmSize");
    }

    @Test
    void productionWithThreeD3v2NodesPasses() {
        assertThat(Preflight.check(create("myaks", 3, "Standard_D3_v2", ClusterPurpose.FastProd))).isEmpty();
        assertThat(Preflight.check(create("myaks", 3, "Standard_D3_v2", ClusterPurpose.DenseProd))).isEmpty();
    }

    @Test
    void denseProdIsProductionToo() {
        assertThat(Preflight.check(create("myaks", 1, "Standard_D64s_v3", ClusterPurpose.DenseProd)))
                .extracting(Detail::field).containsExactly("agentCount");
    }

    @Test
    void devTestWithZeroNodes() {
        assertThat(Preflight.check(create("myaks", 0, "Standard_D3_v2", ClusterPurpose.DevTest)))
                .singleElement().satisfies(d -> {
                    assertThat(d.field()).isEqualTo("agentCount");
                    assertThat(d.message()).contains("agentCount is 0", "at least 1 node");
                });
    }

    @Test
    void negativeCountIsOneViolation() {
        assertThat(Preflight.check(create("myaks", -1, "Standard_D3_v2", ClusterPurpose.FastProd)))
                .singleElement().satisfies(d -> assertThat(d.message()).contains("agentCount is -1", "at least 1"));
    }

    @Test
    void devTestWithOneSmallNodePasses() {
        assertThat(Preflight.check(create("myaks", 1, "Standard_D2_v2", ClusterPurpose.DevTest))).isEmpty();
        assertThat(Preflight.check(create("myaks", null, "Standard_D1_v2", ClusterPurpose.DevTest))).isEmpty();
    }

    @Test
    void agentCountAboveTheNodePoolLimit() {
        assertThat(Preflight.check(create("myaks", 1000, "Standard_D3_v2", null))).isEmpty();
        assertThat(Preflight.check(create("myaks", 1001, "Standard_D3_v2", null))).singleElement()
                .satisfies(d -> assertThat(d.message()).contains("at most 1000"));
    }

    @Test
    void locationMustBeLowercaseLettersAndDigits() {
        CreateCluster c = new CreateCluster(WS, "myaks", "West-Europe", null, null, null, null, null, null, null,
                null, null, null);
        assertThat(Preflight.check(c)).singleElement().satisfies(d -> {
            assertThat(d.field()).isEqualTo("location");
            assertThat(d.message()).contains("'west-europe'", "contains '-'", "lowercase letters and digits");
        });
    }

    @Test
    void aLocationsDisplayNameIsTakenAsArmTakesIt() {
        assertThat(Preflight.check(new CreateCluster(WS, "myaks", "West Europe", null, null, null, null, null, null,
                null, null, null, null))).isEmpty();
    }

    @Test
    void resourceGroupIsCheckedWhenGiven() {
        CreateCluster c = new CreateCluster(WS, "myaks", null, "rg.", null, null, null, null, null, null,
                null, null, null);
        assertThat(Preflight.check(c)).singleElement().satisfies(d -> {
            assertThat(d.field()).isEqualTo("resourceGroup");
            assertThat(d.message()).contains("ends with '.'", "other than a period");
        });
    }

    @Test
    void commandBreakingThreeRulesGivesExactlyThreeViolations() {
        CreateCluster c = new CreateCluster(WS, "ab", null, null, 2, "Standard_D8_v3", ClusterPurpose.FastProd,
                null, null, null, new SslConfiguration(SslStatus.Enabled, "cert-123", null, null, null, null),
                null, null);
        List<Detail> details = Preflight.check(c);
        assertThat(details).extracting(Detail::field)
                .containsExactly("computeName", "agentCount", "sslConfiguration.cname");
        assertThat(details.get(0).message()).contains("2 characters long");
        assertThat(details.get(1).message()).contains("at least 3 nodes");
        assertThat(details.get(2).message()).contains("cname is missing", "certificateRef and cname go together");
    }
}
