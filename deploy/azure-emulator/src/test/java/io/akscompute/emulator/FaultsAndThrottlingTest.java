package io.akscompute.emulator;

import com.azure.core.management.exception.ManagementException;
import com.azure.core.management.polling.PollResult;
import com.azure.core.util.polling.SyncPoller;
import com.azure.resourcemanager.containerservice.fluent.ManagedClustersClient;
import com.azure.resourcemanager.containerservice.fluent.models.ManagedClusterInner;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.akscompute.common.azure.AzureClients;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static io.akscompute.emulator.Emulated.TIMEOUT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Error paths as the SDK sees them: throttling, injected faults, conflicts, authentication, api-versions. */
class FaultsAndThrottlingTest {

    private static final String RG = "faults-rg";

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

    @BeforeEach
    void freshSubscription() {
        emulator.control().reset();
        emulator.control().setProvisioningDelay(Duration.ofMillis(300));
        emulator.control().seedCluster(ClusterSeed.of(RG, "seeded").location("westus"));
    }

    @Test
    void a429WithRetryAfterIsRetriedByTheClient() {
        emulator.control().injectFault(Fault.respond("ManagedClusters_Get", 1, 429, "TooManyRequests"));

        ManagedClusterInner cluster = clusters.getByResourceGroupAsync(RG, "seeded").block(TIMEOUT);

        assertEquals("seeded", cluster.name());
        assertEquals(2, emulator.control().requestCount("ManagedClusters_Get"));
    }

    @Test
    void theRequestRateLimitAnswers429AndTheClientGetsThrough() throws Exception {
        emulator.control().setRequestsPerSecond(2);
        HttpClient http = Emulated.https(emulator);
        URI list = emulator.armUrl().resolve("subscriptions/" + AzureEmulator.DEFAULT_SUBSCRIPTION_ID
                + "/providers/Microsoft.ContainerService/managedClusters?api-version=2025-09-01");
        List<HttpResponse<String>> burst = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            burst.add(Emulated.send(http, "GET", list, null, "Authorization", "Bearer any"));
        }
        HttpResponse<String> throttled = burst.stream().filter(r -> r.statusCode() == 429).findFirst().orElseThrow();
        assertEquals("1", throttled.headers().firstValue("Retry-After").orElseThrow());
        assertEquals("TooManyRequests", new ObjectMapper().readTree(throttled.body()).at("/error/code").asText());

        for (int i = 0; i < 3; i++) {
            assertEquals(1, clusters.listAsync().collectList().block(TIMEOUT).size());
        }
    }

    @Test
    void subscriptionsAreSeparateAndADeniedOneIsRefusedAsArmRefusesAnIdentityWithoutARole() {
        String other = "22222222-0000-0000-0000-000000000002";
        String denied = "33333333-0000-0000-0000-000000000003";
        emulator.control().seedCluster(ClusterSeed.of(RG, "elsewhere").subscriptionId(other).location("westus"));
        emulator.control().seedCluster(ClusterSeed.of(RG, "hidden").subscriptionId(denied).location("westus"));
        emulator.control().updateSettings(s -> s.withDeniedSubscription(denied));

        ManagedClustersClient inOther = clients.containerServiceManager(other).serviceClient().getManagedClusters();
        assertEquals("elsewhere", inOther.getByResourceGroup(RG, "elsewhere").name());
        assertEquals(404, assertThrows(ManagementException.class,
                () -> clusters.getByResourceGroup(RG, "elsewhere")).getResponse().getStatusCode());

        ManagementException refused = assertThrows(ManagementException.class, () -> clients
                .containerServiceManager(denied).serviceClient().getManagedClusters().getByResourceGroup(RG, "hidden"));
        assertEquals(403, refused.getResponse().getStatusCode());
        assertEquals("AuthorizationFailed", refused.getValue().getCode());
        assertTrue(refused.getValue().getMessage().contains("perform action "
                + "'Microsoft.ContainerService/managedClusters/read' over scope '/subscriptions/" + denied
                + "/resourceGroups/" + RG + "/providers/Microsoft.ContainerService/managedClusters/hidden'"),
                refused.getValue().getMessage());
        assertEquals("seeded", clusters.getByResourceGroup(RG, "seeded").name());
    }

    @Test
    void aPoolInASubnetThatDoesNotExistIsRefusedAsAksRefusesItAndOneThatExistsIsTaken() throws Exception {
        String sub = AzureEmulator.DEFAULT_SUBSCRIPTION_ID;
        String subnetId = "/subscriptions/" + sub + "/resourceGroups/net-rg/providers/Microsoft.Network/"
                + "virtualNetworks/vnet-ml/subnets/aks-subnet";
        ManagedClusterInner body = Emulated.clusterBody("westus");
        body.agentPoolProfiles().get(0).withVnetSubnetId(subnetId);

        ManagementException missing = assertThrows(ManagementException.class,
                () -> clusters.createOrUpdateAsync(RG, "in-vnet", body).block(TIMEOUT));
        assertEquals(400, missing.getResponse().getStatusCode());
        assertEquals("SubnetNotFound", missing.getValue().getCode());
        assertEquals("Could not find subnet aks-subnet in vnet vnet-ml from resource group net-rg of subscription "
                + sub + ".", missing.getValue().getMessage());

        emulator.control().seedVirtualNetwork(sub, "net-rg", "vnet-ml", "westus", "aks-subnet");
        HttpResponse<String> subnet = Emulated.send(Emulated.https(emulator), "GET", emulator.armUrl().resolve(
                subnetId.substring(1) + "?api-version=2024-05-01"), null, "Authorization", "Bearer any");
        assertEquals(200, subnet.statusCode(), subnet.body());
        assertEquals(subnetId, new ObjectMapper().readTree(subnet.body()).path("id").asText());
        assertEquals(subnetId, clusters.createOrUpdateAsync(RG, "in-vnet", body).block(TIMEOUT)
                .agentPoolProfiles().get(0).vnetSubnetId());
    }

    @Test
    void anInjectedLroFailureSurfacesWithItsCode() {
        emulator.control().injectFault(Fault.failLro("ManagedClusters_CreateOrUpdate", "QuotaExceeded",
                "Operation could not be completed as it results in exceeding approved quota."));

        ManagementException e = assertThrows(ManagementException.class, () -> clusters
                .createOrUpdateAsync(RG, "doomed", Emulated.clusterBody("westus")).block(TIMEOUT));

        assertEquals("QuotaExceeded", e.getValue().getCode());
        assertEquals("Failed", clusters.getByResourceGroup(RG, "doomed").provisioningState());
    }

    @Test
    void anInjectedErrorAnswersTheNextCalls() {
        emulator.control().injectFault(Fault.respond("ManagedClusters_ListClusterAdminCredentials", 1, 403,
                "AuthorizationFailed"));

        ManagementException e = assertThrows(ManagementException.class,
                () -> clusters.listClusterAdminCredentialsAsync(RG, "seeded").block(TIMEOUT));
        assertEquals(403, e.getResponse().getStatusCode());
        assertEquals("AuthorizationFailed", e.getValue().getCode());
        assertNotNull(clusters.listClusterAdminCredentialsAsync(RG, "seeded").block(TIMEOUT), "only once");
    }

    @Test
    void aHangingCallRunsIntoTheClientTimeout() {
        emulator.control().injectFault(Fault.hang("ManagedClusters_Get", 1, Duration.ofSeconds(5)));

        long start = System.nanoTime();
        RuntimeException e = assertThrows(RuntimeException.class,
                () -> clusters.getByResourceGroupAsync(RG, "seeded").block(Duration.ofMillis(500)));
        assertTrue(e.getMessage().contains("Timeout"), e.toString());
        assertTrue(System.nanoTime() - start < Duration.ofSeconds(3).toNanos());
        assertNotNull(clusters.getByResourceGroupAsync(RG, "seeded").block(TIMEOUT), "later calls are served");
    }

    @Test
    void deletingWhileCreatingIsAConflict() {
        emulator.control().setOperationDelay("ManagedClusters_CreateOrUpdate", Duration.ofSeconds(30));
        SyncPoller<PollResult<ManagedClusterInner>, ManagedClusterInner> creating =
                clusters.beginCreateOrUpdate(RG, "slow", Emulated.clusterBody("westus"));
        assertEquals("Creating", clusters.getByResourceGroup(RG, "slow").provisioningState());

        ManagementException e = assertThrows(ManagementException.class,
                () -> clusters.deleteAsync(RG, "slow").block(TIMEOUT));
        assertEquals(409, e.getResponse().getStatusCode());
        assertEquals("OperationNotAllowed", e.getValue().getCode());
        assertNotNull(creating);
    }

    @Test
    void withoutABearerTokenArmAnswers401() throws Exception {
        HttpResponse<String> response = Emulated.send(Emulated.https(emulator), "GET", emulator.armUrl().resolve(
                "subscriptions/" + AzureEmulator.DEFAULT_SUBSCRIPTION_ID + "/resourcegroups/" + RG
                        + "/providers/Microsoft.ContainerService/managedClusters/seeded?api-version=2025-09-01"), null);
        assertEquals(401, response.statusCode());
        assertEquals("AuthenticationFailed", new ObjectMapper().readTree(response.body()).at("/error/code").asText());
    }

    @Test
    void anUnknownApiVersionIsRefused() throws Exception {
        HttpResponse<String> response = Emulated.send(Emulated.https(emulator), "GET", emulator.armUrl().resolve(
                "subscriptions/" + AzureEmulator.DEFAULT_SUBSCRIPTION_ID + "/resourcegroups/" + RG
                        + "/providers/Microsoft.ContainerService/managedClusters/seeded?api-version=2017-08-31"), null,
                "Authorization", "Bearer any");
        assertEquals(400, response.statusCode());
        assertEquals("InvalidApiVersionParameter",
                new ObjectMapper().readTree(response.body()).at("/error/code").asText());
    }

    @Test
    void aSeededClusterKeepsWhatAttachJudges() {
        emulator.control().seedCluster(ClusterSeed.of(RG, "legacy").location("eastus").kubernetesVersion("1.27.9")
                .agents(2, "Standard_D2_v2").loadBalancerSku("basic").network("10.2.0.0/16", "10.2.0.10", "172.17.0.1/16")
                .privateCluster(true).provisioningState("Failed").powerState("Stopped"));

        ManagedClusterInner cluster = clusters.getByResourceGroup(RG, "legacy");
        assertEquals("1.27.9", cluster.kubernetesVersion());
        assertEquals("Failed", cluster.provisioningState());
        assertEquals("Stopped", cluster.powerState().code().toString());
        assertEquals(2, cluster.agentPoolProfiles().get(0).count());
        assertEquals("basic", cluster.networkProfile().loadBalancerSku().toString());
        assertTrue(cluster.apiServerAccessProfile().enablePrivateCluster());
        assertInstanceOf(String.class, cluster.privateFqdn());
        assertEquals("172.17.0.1/16", emulator.control().clusters()
                .get(ArmResources.clusterKey(AzureEmulator.DEFAULT_SUBSCRIPTION_ID, RG, "legacy"))
                .at("/properties/networkProfile/dockerBridgeCidr").asText(), "kept, though the SDK no longer models it");
    }
}
