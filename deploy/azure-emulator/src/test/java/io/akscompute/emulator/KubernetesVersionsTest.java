package io.akscompute.emulator;

import com.azure.core.management.exception.ManagementException;
import com.azure.resourcemanager.containerservice.fluent.ManagedClustersClient;
import com.azure.resourcemanager.containerservice.fluent.models.KubernetesVersionListResultInner;
import com.azure.resourcemanager.containerservice.fluent.models.OrchestratorVersionProfileListResultInner;
import com.azure.resourcemanager.containerservice.models.KubernetesSupportPlan;
import com.azure.resourcemanager.containerservice.models.KubernetesVersion;
import com.azure.resourcemanager.containerservice.models.OrchestratorVersionProfile;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.akscompute.common.azure.AzureClients;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

import static io.akscompute.emulator.Emulated.TIMEOUT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Version discovery in the current and the legacy shape, from the one data set. */
class KubernetesVersionsTest {

    @TempDir
    static Path stateDir;
    static AzureEmulator emulator;
    static AzureClients clients;
    static ManagedClustersClient clusters;

    @BeforeAll
    static void start() throws Exception {
        emulator = Emulated.start(stateDir);
        clients = Emulated.clients(emulator);
        clusters = clients.containerServiceManager().serviceClient().getManagedClusters();
    }

    @AfterAll
    static void stop() {
        emulator.stop();
    }

    @AfterEach
    void reset() {
        emulator.control().reset();
    }

    @Test
    void currentShapeHasDefaultPreviewLtsAndUpgrades() {
        KubernetesVersionListResultInner result = clusters.listKubernetesVersionsAsync("westus").block(TIMEOUT);

        List<KubernetesVersion> values = result.values();
        assertEquals(List.of("1.30", "1.31", "1.32", "1.33", "1.34"),
                values.stream().map(KubernetesVersion::version).collect(Collectors.toList()));
        assertEquals(List.of("1.32"), values.stream().filter(v -> Boolean.TRUE.equals(v.isDefault()))
                .map(KubernetesVersion::version).collect(Collectors.toList()));
        assertEquals(List.of("1.34"), values.stream().filter(v -> Boolean.TRUE.equals(v.isPreview()))
                .map(KubernetesVersion::version).collect(Collectors.toList()));
        KubernetesVersion lts = values.get(0);
        assertEquals(List.of(KubernetesSupportPlan.AKSLONG_TERM_SUPPORT), lts.capabilities().supportPlan());
        assertEquals(List.of("1.31.10", "1.31.11"), lts.patchVersions().get("1.30.14").upgrades());
    }

    @Test
    void legacyShapeThroughTheSdkHasOneEntryPerPatch() {
        OrchestratorVersionProfileListResultInner legacy = clients.containerServiceManager().serviceClient()
                .getContainerServices().listOrchestratorsAsync("westus").block(TIMEOUT);

        List<OrchestratorVersionProfile> orchestrators = legacy.orchestrators();
        assertEquals(9, orchestrators.size());
        List<String> defaults = orchestrators.stream().filter(o -> Boolean.TRUE.equals(o.defaultProperty()))
                .map(OrchestratorVersionProfile::orchestratorVersion).collect(Collectors.toList());
        assertEquals(List.of("1.32.7"), defaults);
        OrchestratorVersionProfile preview = orchestrators.get(orchestrators.size() - 1);
        assertEquals("1.34.0", preview.orchestratorVersion());
        assertEquals(Boolean.TRUE, preview.isPreview());
        OrchestratorVersionProfile toPreview = orchestrators.stream()
                .filter(o -> o.orchestratorVersion().equals("1.33.3")).findFirst().orElseThrow();
        assertEquals("1.34.0", toPreview.upgrades().get(0).orchestratorVersion());
        assertEquals(Boolean.TRUE, toPreview.upgrades().get(0).isPreview());
        assertNull(orchestrators.get(0).isPreview());
    }

    @Test
    void legacyShapeOverPlainHttpsAsTheHowToQueriesIt() throws Exception {
        HttpResponse<String> response = Emulated.send(Emulated.https(emulator), "GET", emulator.armUrl().resolve(
                        "subscriptions/" + AzureEmulator.DEFAULT_SUBSCRIPTION_ID + "/providers/Microsoft.ContainerService"
                                + "/locations/westeurope/orchestrators?api-version=2019-08-01&resource-type=managedClusters"),
                null, "Authorization", "Bearer any");

        assertEquals(200, response.statusCode());
        ObjectNode body = (ObjectNode) new ObjectMapper().readTree(response.body());
        assertEquals("Kubernetes", body.at("/properties/orchestrators/0/orchestratorType").asText());
    }

    @Test
    void legacyOnlyModeAnswers404ForTheCurrentApi() {
        emulator.control().setLegacyVersionsOnly(true);

        ManagementException e = assertThrows(ManagementException.class,
                () -> clusters.listKubernetesVersionsAsync("westus").block(TIMEOUT));
        assertEquals(404, e.getResponse().getStatusCode());
        assertNotNull(clients.containerServiceManager().serviceClient().getContainerServices()
                .listOrchestratorsAsync("westus").block(TIMEOUT));
    }

    @Test
    void replacedDataSetServesBothShapes() throws Exception {
        String dataSet = """
                {"locations": ["westus"],
                 "default": {"values": [
                   {"version": "1.29", "isDefault": true, "capabilities": {"supportPlan": ["AKSLongTermSupport"]},
                    "patchVersions": {"1.29.15": {"upgrades": []}}}]},
                 "overrides": {"eastus": {"values": [
                   {"version": "1.33", "isDefault": true, "patchVersions": {"1.33.3": {"upgrades": []}}}]}}}
                """;
        emulator.control().replaceVersions(new ObjectMapper().readTree(dataSet));

        assertEquals("1.29", clusters.listKubernetesVersions("westus").values().get(0).version());
        assertEquals("1.33", clusters.listKubernetesVersions("eastus").values().get(0).version());
        assertEquals("1.29.15", clients.containerServiceManager().serviceClient().getContainerServices()
                .listOrchestrators("westus").orchestrators().get(0).orchestratorVersion());
        ManagementException unknown = assertThrows(ManagementException.class,
                () -> clusters.listKubernetesVersionsAsync("westeurope").block(TIMEOUT));
        assertEquals("LocationNotAvailableForResourceType", unknown.getValue().getCode());
    }

    @Test
    void createRefusesAVersionTheRegionDoesNotOffer() {
        clients.resourceManager().resourceGroups().define("rg").withRegion("westus").create();
        ManagementException e = assertThrows(ManagementException.class, () -> clusters.createOrUpdateAsync("rg",
                "old", Emulated.clusterBody("westus").withKubernetesVersion("1.27.9")).block(TIMEOUT));
        assertEquals(400, e.getResponse().getStatusCode());
        assertEquals("K8sVersionNotSupported", e.getValue().getCode());
        assertTrue(e.getValue().getMessage().contains("1.32.7"), e.getValue().getMessage());
    }
}
