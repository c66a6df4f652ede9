package io.akscompute.attacher;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.akscompute.attacher.service.DriftCheck;
import io.akscompute.common.azure.KubernetesClients;
import io.akscompute.common.contract.CloudEventTypes;
import io.akscompute.common.contract.InClusterNames;
import io.akscompute.common.contract.Json;
import io.akscompute.common.contract.Topics;
import io.akscompute.common.contract.command.AttachCluster;
import io.akscompute.common.contract.command.RepairCompute;
import io.akscompute.emulator.ClusterSeed;
import io.akscompute.emulator.Fault;
import io.akscompute.testing.Azure;
import io.akscompute.testing.KafkaProbe;
import io.akscompute.testing.SuiteInfrastructure;
import io.akscompute.testing.TestIdentity;
import io.akscompute.testing.TestKafka;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** The drift check and RepairCompute against the real broker, PostgreSQL and the Azure emulator. */
@QuarkusTest
@WithTestResource(value = SuiteInfrastructure.class, initArgs = @ResourceArg(name = "database", value = "attacher"))
class DriftQuarkusTest {
    private static final String WS = "ws-drift";
    private static final String DRIFT = CloudEventTypes.of("ComputeDriftDetected");

    @Inject
    DriftCheck check;

    private static String unique(String prefix) {
        return prefix + UUID.randomUUID().toString().substring(0, 6);
    }

    private static String seed(String rg, String name) {
        return Azure.emulator().control().seedCluster(ClusterSeed.of(rg, name).location("westus")
                .kubernetesVersion("1.32.7").agents(3, "Standard_D4s_v3")).get("id").asText();
    }

    private static KubernetesClient kube(String rg, String cluster) {
        return KubernetesClients.adminClient(Azure.clients().containerServiceManager(), rg, cluster);
    }

    private static JsonNode show(String compute) {
        return readJson(given().auth().oauth2(TestIdentity.admin())
                .get("/workspaces/{ws}/computes/{name}", WS, compute).then().statusCode(200).extract().asString());
    }

    private static List<ConsumerRecord<String, String>> driftNotices(String compute) {
        return TestKafka.records(Topics.STATUS).stream().filter(r -> (WS + "/" + compute).equals(r.key()))
                .filter(r -> DRIFT.equals(KafkaProbe.header(r, "ce_type"))).toList();
    }

    private static JsonNode awaitNotice(String compute, int count) {
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> driftNotices(compute).size() >= count);
        return new KafkaProbe.StatusRecord(driftNotices(compute).get(count - 1)).data();
    }

    private String attach(String rg, String cluster) {
        String compute = unique("drift-");
        TestKafka.awaitStatus(TestKafka.publish(new AttachCluster(WS, compute, seed(rg, cluster), null, null, null,
                null, null, null, null)), "OperationSucceeded");
        return compute;
    }

    @Test
    void aServiceMadeInternalBehindOurBackIsDriftOnceAndARepairPutsItBackKeepingTheAddress() throws Exception {
        String rg = unique("rg-");
        String cluster = unique("aks-");
        String compute = attach(rg, cluster);
        String ip = show(compute).at("/properties/systemServices/0/publicIpAddress").asText();
        check.dueNow(WS, compute, Instant.now());
        Awaitility.await().atMost(Duration.ofSeconds(30))
                .until(() -> noDrift(show(compute)) && !lastChecked(compute).isEmpty());
        assertThat(driftNotices(compute)).as("no drift, no notice").isEmpty();

        try (KubernetesClient k8s = kube(rg, cluster)) {
            k8s.services().inNamespace(InClusterNames.NAMESPACE).withName(InClusterNames.FRONT_END)
                    .edit(s -> new ServiceBuilder(s).editMetadata()
                            .addToAnnotations("service.beta.kubernetes.io/azure-load-balancer-internal", "true")
                            .endMetadata().build());
        }
        check.dueNow(WS, compute, Instant.now());

        JsonNode notice = awaitNotice(compute, 1);
        assertThat(notice.path("operation").asText()).isEqualTo("DriftCheck");
        assertThat(notice.path("differences")).hasSize(1);
        assertThat(notice.at("/differences/0/field").asText()).isEqualTo("loadBalancerType");
        assertThat(notice.at("/differences/0/expected").asText()).isEqualTo("PublicIp");
        assertThat(notice.at("/differences/0/actual").asText()).isEqualTo("InternalLoadBalancer");
        assertThat(show(compute).at("/drift/0/field").asText()).isEqualTo("loadBalancerType");

        // The same drift found again is not announced again.
        String checkedBefore = lastChecked(compute);
        check.dueNow(WS, compute, Instant.now());
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> !lastChecked(compute).equals(checkedBefore));
        assertThat(driftNotices(compute)).hasSize(1);

        UUID repair = TestKafka.publish(new RepairCompute(WS, compute));
        JsonNode succeeded = TestKafka.awaitStatus(repair, "OperationSucceeded").data();

        assertThat(succeeded.path("message").asText()).contains("put back loadBalancerType PublicIp (was "
                + "InternalLoadBalancer)");
        assertThat(noDrift(succeeded.path("compute"))).isTrue();
        assertThat(TestKafka.statusOf(repair)).filteredOn(s -> s.type().endsWith("OperationProgress.v1"))
                .extracting(s -> s.data().path("step").asText()).contains("find-compute", "find-cluster",
                        "reinstall-front-end", "register", "check-drift");
        JsonNode cleared = awaitNotice(compute, 2);
        assertThat(cleared.path("differences")).isEmpty();
        JsonNode after = show(compute);
        assertThat(noDrift(after)).isTrue();
        assertThat(after.at("/properties/systemServices/0/publicIpAddress").asText()).isEqualTo(ip);
        try (KubernetesClient k8s = kube(rg, cluster)) {
            assertThat(k8s.services().inNamespace(InClusterNames.NAMESPACE).withName(InClusterNames.FRONT_END).get()
                    .getMetadata().getAnnotations()).doesNotContainKey(
                            "service.beta.kubernetes.io/azure-load-balancer-internal");
        }
    }

    @Test
    void anAzureThatCannotBeReadIsNoDriftAndAClusterGoneIsDriftARepairCannotMend() throws Exception {
        String rg = unique("rg-");
        String cluster = unique("aks-");
        String compute = attach(rg, cluster);

        Azure.emulator().control().injectFault(new Fault("ManagedClusters_Get", Fault.Kind.RESPOND, 50, 400,
                "BadRequest", "the emulator refuses this read on purpose", 0));
        try {
            String checkedBefore = lastChecked(compute);
            check.dueNow(WS, compute, Instant.now());
            // the check asked ARM (and was refused)...
            Awaitility.await().atMost(Duration.ofSeconds(30))
                    .until(() -> Azure.emulator().control().faults().stream().allMatch(f -> f.times() < 50));
            // ...and stored nothing
            assertThat(lastChecked(compute)).isEqualTo(checkedBefore);
            assertThat(driftNotices(compute)).as("a failed read is not drift").isEmpty();
            assertThat(noDrift(show(compute))).isTrue();
        } finally {
            Azure.emulator().control().clearFaults();
        }

        Azure.clients().containerServiceManager().kubernetesClusters().deleteByResourceGroup(rg, cluster);
        check.dueNow(WS, compute, Instant.now());

        JsonNode notice = awaitNotice(compute, 1);
        assertThat(Json.MAPPER.convertValue(notice.path("differences"), List.class)).hasSize(1);
        assertThat(notice.at("/differences/0/field").asText()).isEqualTo("cluster");
        assertThat(notice.at("/differences/0/expected").asText()).isEqualTo("present");
        assertThat(notice.at("/differences/0/actual").asText()).isEqualTo("missing");

        JsonNode failed = TestKafka.awaitStatus(TestKafka.publish(new RepairCompute(WS, compute)), "OperationFailed")
                .data();
        assertThat(failed.path("code").asText()).isEqualTo("ClusterNotFound");
        assertThat(failed.path("message").asText()).contains(cluster, "gone from Azure", "detach");
        assertThat(show(compute).at("/drift/0/field").asText()).isEqualTo("cluster");
    }

    private static boolean noDrift(JsonNode compute) {
        return compute.path("drift").isMissingNode() || compute.path("drift").isNull();
    }

    private static JsonNode readJson(String json) {
        try {
            return Json.MAPPER.readTree(json);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** When the compute was last checked, from the database (empty: never). */
    private String lastChecked(String compute) throws Exception {
        return io.quarkus.narayana.jta.QuarkusTransaction.requiringNew().call(() -> String.valueOf(
                em.createNativeQuery("select coalesce(cast(drift_checked_at as text), '') from compute"
                        + " where workspace = :w and name = :n").setParameter("w", WS).setParameter("n", compute)
                        .getSingleResult()));
    }

    @Inject
    jakarta.persistence.EntityManager em;
}
