package io.akscompute.common.rules;

import static io.akscompute.common.rules.Fixtures.RESOURCE_ID;
import static io.akscompute.common.rules.Fixtures.attach;
import static org.assertj.core.api.Assertions.assertThat;

import io.akscompute.common.contract.event.Detail;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AttachClusterPreflightTest {

    @Test
    void resourceIdAlonePasses() {
        assertThat(Preflight.check(attach(RESOURCE_ID, null, null))).isEmpty();
    }

    @Test
    void resourceIdSegmentsAreCaseInsensitive() {
        assertThat(Preflight.check(attach("/SUBSCRIPTIONS/abc/resourcegroups/rg/PROVIDERS/"
                + "microsoft.containerservice/MANAGEDCLUSTERS/aks", null, null))).isEmpty();
    }

    @Test
    void resourceGroupAndClusterNamePass() {
        assertThat(Preflight.check(attach(null, "ml-rg_(prod).1", "prod_aks-1"))).isEmpty();
    }

    @Test
    void both() {
        assertThat(Preflight.check(attach(RESOURCE_ID, "ml-rg", "prod-aks"))).singleElement().satisfies(d -> {
            assertThat(d.field()).isEqualTo("resourceId");
            assertThat(d.message()).contains("either resourceId or resourceGroup + clusterName, not both");
        });
    }

    @Test
    void neither() {
        assertThat(Preflight.check(attach(null, null, null))).singleElement().satisfies(d -> {
            assertThat(d.field()).isEqualTo("resourceId");
            assertThat(d.message()).contains("missing", "resourceId", "resourceGroup + clusterName");
        });
    }

    @Test
    void onlyOneOfResourceGroupAndClusterName() {
        assertThat(Preflight.check(attach(null, "ml-rg", null))).singleElement().satisfies(d -> {
            assertThat(d.field()).isEqualTo("clusterName");
            assertThat(d.message()).contains("clusterName is missing", "go together");
        });
        assertThat(Preflight.check(attach(null, null, "prod-aks"))).extracting(Detail::field)
                .containsExactly("resourceGroup");
    }

    @ParameterizedTest
    @CsvSource(quoteCharacter = '"', value = {
            "/subscriptions/s1/resourceGroups/rg/providers/Microsoft.ContainerService/managedClusters, 8 '/'-separated segments",
            "/subscriptions/s1/resourceGroups/rg/providers/Microsoft.ContainerService/managedClusters/aks/, 10 '/'-separated segments",
            "subscriptions/s1/resourceGroups/rg/providers/Microsoft.ContainerService/managedClusters/aks/x, start with '/'",
            "/subscriptions/s1/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines/aks, 'Microsoft.Compute' instead of Microsoft.ContainerService",
            "/subscriptions/s1/resourceGroups/rg/providers/Microsoft.ContainerService/agentPools/aks, 'agentPools' instead of managedClusters",
            "/subscriptions/s1/groups/rg/providers/Microsoft.ContainerService/managedClusters/aks, resourceGroups and providers segments",
            "/subscriptions//resourceGroups/rg/providers/Microsoft.ContainerService/managedClusters/aks, subscription id is empty"
    })
    void resourceIdShapeErrors(String resourceId, String reason) {
        assertThat(Preflight.check(attach(resourceId, null, null))).singleElement().satisfies(d -> {
            assertThat(d.field()).isEqualTo("resourceId");
            assertThat(d.message()).contains("is not the id of an AKS cluster", reason,
                    "/providers/Microsoft.ContainerService/managedClusters/{clusterName}");
        });
    }

    @Test
    void namesInsideTheResourceIdAreChecked() {
        List<Detail> details = Preflight.check(attach("/subscriptions/s1/resourceGroups/rg./providers/"
                + "Microsoft.ContainerService/managedClusters/-aks", null, null));
        assertThat(details).extracting(Detail::field).containsExactly("resourceId", "resourceId");
        assertThat(details.get(0).message()).contains("resource group name 'rg.'", "period");
        assertThat(details.get(1).message()).contains("AKS cluster name '-aks'", "starts with '-'");
    }

    @Test
    void resourceGroupRules() {
        assertThat(Preflight.check(attach(null, "r".repeat(90), "aks"))).isEmpty();
        assertThat(Preflight.check(attach(null, "r".repeat(91), "aks"))).singleElement().satisfies(d -> {
            assertThat(d.field()).isEqualTo("resourceGroup");
            assertThat(d.message()).contains("91 characters long", "1 to 90");
        });
        assertThat(Preflight.check(attach(null, "ml rg!", "aks"))).singleElement().satisfies(d ->
                assertThat(d.message()).contains("contains a space, '!'"));
    }

    @Test
    void clusterNameRules() {
        assertThat(Preflight.check(attach(null, "rg", "a".repeat(63)))).isEmpty();
        assertThat(Preflight.check(attach(null, "rg", "a".repeat(64)))).extracting(Detail::message)
                .singleElement().asString().contains("64 characters long", "1 to 63");
        assertThat(Preflight.check(attach(null, "rg", "_aks_"))).extracting(Detail::message)
                .containsExactly(
                        "AKS cluster name '_aks_' starts with '_'; it must start with a letter or a digit",
                        "AKS cluster name '_aks_' ends with '_'; it must end with a letter or a digit");
        assertThat(Preflight.check(attach(null, "rg", "aks.1"))).extracting(Detail::field)
                .containsExactly("clusterName");
    }
}
