package io.akscompute.emulator;

import com.azure.resourcemanager.containerservice.fluent.ManagedClustersClient;
import com.azure.resourcemanager.containerservice.fluent.models.ManagedClusterInner;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;

import static io.akscompute.emulator.Emulated.TIMEOUT;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** A standalone emulator keeps its clusters, settings and CA across a restart on the same state directory. */
class RestartTest {

    @TempDir
    Path stateDir;

    @Test
    void stateAndTrustSurviveStopAndStart() throws Exception {
        ManagedClusterInner before;
        String ca;
        AzureEmulator first = Emulated.start(stateDir);
        try {
            ca = Files.readString(first.caPem());
            first.control().seedCluster(ClusterSeed.of("prod-rg", "prod-aks").location("westeurope")
                    .kubernetesVersion("1.32.7").agents(3, "Standard_D4s_v3").authorizedIpRanges("198.51.100.0/24"));
            first.control().setLegacyVersionsOnly(true);
            ManagedClustersClient clusters = Emulated.clients(first).containerServiceManager().serviceClient()
                    .getManagedClusters();
            before = clusters.createOrUpdateAsync("prod-rg", "created", Emulated.clusterBody("westeurope"))
                    .block(TIMEOUT);
            // Stop while this one is still Creating: it must finish after the restart.
            first.control().setOperationDelay("ManagedClusters_CreateOrUpdate", Duration.ofMillis(1500));
            clusters.beginCreateOrUpdate("prod-rg", "in-flight", Emulated.clusterBody("westeurope"));
        } finally {
            first.stop();
        }

        // No settings given: those saved (legacy-only) come back.
        AzureEmulator second = AzureEmulator.start(EmulatorOptions.defaults().withStateDir(stateDir));
        try {
            assertEquals(ca, Files.readString(second.caPem()), "the same CA, so clients keep trusting it");
            assertEquals(true, second.control().settings().legacyVersionsOnly());
            second.control().setProvisioningDelay(Duration.ofMillis(300));
            ManagedClustersClient clusters = Emulated.clients(second).containerServiceManager().serviceClient()
                    .getManagedClusters();

            ManagedClusterInner after = clusters.getByResourceGroupAsync("prod-rg", "created").block(TIMEOUT);
            assertEquals(before.id(), after.id());
            assertEquals(before.fqdn(), after.fqdn());
            assertEquals(before.currentKubernetesVersion(), after.currentKubernetesVersion());
            assertEquals(before.agentPoolProfiles().get(0).count(), after.agentPoolProfiles().get(0).count());
            assertEquals(List.of("created", "in-flight", "prod-aks"), clusters.listByResourceGroup("prod-rg").stream()
                    .map(ManagedClusterInner::name).sorted().collect(Collectors.toList()));
            assertEquals(List.of("198.51.100.0/24"),
                    clusters.getByResourceGroup("prod-rg", "prod-aks").apiServerAccessProfile().authorizedIpRanges());

            assertEquals("Succeeded", waitForTerminalState(clusters, "in-flight"));

            clusters.deleteAsync("prod-rg", "created").block(TIMEOUT);
            assertEquals(2, clusters.listByResourceGroup("prod-rg").stream().count());
        } finally {
            second.stop();
        }
    }

    /** Polls the cluster, as a reconciler would, until its provisioning state is terminal (bounded). */
    private static String waitForTerminalState(ManagedClustersClient clusters, String name) {
        return Awaitility.await(name + " leaves Creating").atMost(TIMEOUT).pollInterval(Duration.ofMillis(100))
                .until(() -> clusters.getByResourceGroup("prod-rg", name).provisioningState(),
                        state -> !"Creating".equals(state));
    }
}
