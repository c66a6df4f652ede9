package io.akscompute.attacher;

import static org.assertj.core.api.Assertions.assertThat;

import io.akscompute.common.azure.ClusterClients;
import io.akscompute.emulator.ClusterSeed;
import io.akscompute.testing.Azure;
import io.akscompute.testing.SuiteInfrastructure;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The kept Kubernetes clients against the Azure emulator's clusters: what ARM is asked, and when again. */
@QuarkusTest
@WithTestResource(value = SuiteInfrastructure.class, initArgs = @ResourceArg(name = "database", value = "attacher"))
class ClusterClientsQuarkusTest {
    private static final String CREDENTIALS = "ManagedClusters_ListClusterAdminCredentials";

    @Inject
    ClusterClients clusters;

    private static String seed(String rg, String name) {
        return Azure.emulator().control().seedCluster(ClusterSeed.of(rg, name).location("westus")
                .kubernetesVersion("1.32.7").agents(3, "Standard_D4s_v3")).get("id").asText();
    }

    private static long credentialFetches() {
        return Azure.emulator().control().requestCount(CREDENTIALS);
    }

    @Test
    void aClustersCredentialsAreFetchedOnceAndAgainWhenTheClusterWasCreatedAnewUnderItsName() {
        String rg = "rg-cc-" + UUID.randomUUID().toString().substring(0, 6);
        String id = seed(rg, "kept");
        long before = credentialFetches();

        for (int i = 0; i < 3; i++) {
            String name = "ns-" + i;
            clusters.run(id, k8s -> k8s.namespaces().resource(new NamespaceBuilder()
                    .withNewMetadata().withName(name).endMetadata().build()).create());
        }
        Namespace found = clusters.call(id, k8s -> k8s.namespaces().withName("ns-2").get());
        assertThat(found).isNotNull();
        assertThat(credentialFetches() - before).isEqualTo(1);

        // Deleted and created again: a new API with new credentials; the kept client is refused and replaced.
        Azure.clients().containerServiceManager().kubernetesClusters().deleteByResourceGroup(rg, "kept");
        String again = seed(rg, "kept");
        assertThat(again).isEqualToIgnoringCase(id);
        Namespace gone = clusters.call(id, k8s -> k8s.namespaces().withName("ns-2").get());
        assertThat(gone).isNull();
        assertThat(credentialFetches() - before).isEqualTo(2);
    }
}
