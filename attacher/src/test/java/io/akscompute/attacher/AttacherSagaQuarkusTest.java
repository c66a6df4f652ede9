package io.akscompute.attacher;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import io.akscompute.common.azure.KubernetesClients;
import io.akscompute.common.contract.InClusterNames;
import io.akscompute.common.contract.ServiceName;
import io.akscompute.common.contract.command.AttachCluster;
import io.akscompute.common.contract.command.DetachCluster;
import io.akscompute.common.contract.command.ReattachCluster;
import io.akscompute.common.contract.command.UpdateCluster;
import io.akscompute.common.contract.model.ClusterPurpose;
import io.akscompute.common.contract.model.LoadBalancerType;
import io.akscompute.common.contract.model.SslConfiguration;
import io.akscompute.common.contract.model.SslStatus;
import io.akscompute.common.contract.saga.ConfigureTls;
import io.akscompute.common.contract.saga.ParticipantAction;
import io.akscompute.common.contract.saga.RemoveTls;
import io.akscompute.common.contract.saga.SagaRequest;
import io.akscompute.common.contract.saga.TlsConfigured;
import io.akscompute.common.contract.Json;
import io.akscompute.common.rules.access.WorkspaceRole;
import io.akscompute.emulator.ClusterSeed;
import io.akscompute.emulator.Fault;
import io.akscompute.testing.Azure;
import io.akscompute.testing.FakeParticipant;
import io.akscompute.testing.SuiteInfrastructure;
import io.akscompute.testing.TestIdentity;
import io.akscompute.testing.TestKafka;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Attach, detach, update and re-attach against the real broker, PostgreSQL and the Azure emulator. */
@QuarkusTest
@WithTestResource(value = SuiteInfrastructure.class, initArgs = @ResourceArg(name = "database", value = "attacher"))
class AttacherSagaQuarkusTest {
    /** REST calls as an administrator of every workspace (the identity tests are elsewhere). */
    private static io.restassured.specification.RequestSpecification asAdmin() {
        return given().auth().oauth2(TestIdentity.admin());
    }

    private static final String WS = "ws-sagas";
    private final FakeParticipant tlsManager = new FakeParticipant(ServiceName.TLS_MANAGER);

    private static String unique(String prefix) {
        return prefix + UUID.randomUUID().toString().substring(0, 6);
    }

    /** A cluster in the emulator that attach accepts as production unless the test changes it. */
    private static String seed(String rg, String name, java.util.function.UnaryOperator<ClusterSeed> change) {
        var seed = change.apply(ClusterSeed.of(rg, name).location("westus").kubernetesVersion("1.32.7")
                .agents(3, "Standard_D4s_v3"));
        return Azure.emulator().control().seedCluster(seed).get("id").asText();
    }

    private static AttachCluster attach(String compute, String resourceId, SslConfiguration ssl) {
        return new AttachCluster(WS, compute, resourceId, null, null, null, null, null, ssl, "attached by a test");
    }

    private static JsonNode failure(UUID operation) {
        return TestKafka.awaitStatus(operation, "OperationFailed").data();
    }

    private static KubernetesClient kube(String rg, String cluster) {
        return KubernetesClients.adminClient(Azure.clients().containerServiceManager(), rg, cluster);
    }

    private static Service frontEndService(String rg, String cluster) {
        try (KubernetesClient k8s = kube(rg, cluster)) {
            return k8s.services().inNamespace(InClusterNames.NAMESPACE).withName(InClusterNames.FRONT_END).get();
        }
    }

    @Test
    void anAttachWaitingOnAzureDoesNotHoldUpAnother() {
        String first = seed(unique("rg-"), unique("aks-"), c -> c);
        String second = seed(unique("rg-"), unique("aks-"), c -> c);
        try {
            UUID slow = attachInsideAHangingCredentialsFetch("slow-", first);
            long t0 = System.nanoTime();
            UUID quick = TestKafka.publish(attach(unique("quick-"), second, null));

            TestKafka.awaitStatus(quick, "OperationSucceeded");
            assertThat(java.time.Duration.ofNanos(System.nanoTime() - t0)).isLessThan(java.time.Duration.ofSeconds(7));
            assertThat(TestKafka.statusOf(slow)).extracting(r -> r.type())
                    .as("the slow attach is still waiting on Azure").doesNotContain("akscompute.OperationSucceeded.v1",
                            "akscompute.OperationFailed.v1");
            TestKafka.awaitStatus(slow, "OperationSucceeded");
        } finally {
            Azure.emulator().control().clearFaults();
        }
    }

    /** Starts an attach and returns once it is inside its credentials fetch, which Azure answers 8 s late. */
    private UUID attachInsideAHangingCredentialsFetch(String prefix, String cluster) {
        var emulator = Azure.emulator().control();
        long fetched = emulator.requestCount("ManagedClusters_ListClusterAdminCredentials");
        emulator.injectFault(Fault.hang("ManagedClusters_ListClusterAdminCredentials", 1,
                java.time.Duration.ofSeconds(8)));
        UUID op = TestKafka.publish(attach(unique(prefix), cluster, null));
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30)).pollInterval(
                java.time.Duration.ofMillis(20)).until(() ->
                        emulator.requestCount("ManagedClusters_ListClusterAdminCredentials") > fetched);
        return op;
    }

    /**
     * A step waiting on Azure holds no database transaction: while the credentials fetch hangs, the saga's row can
     * be locked and no transaction begun before the call is still open (both were held for the whole call).
     */
    @Test
    void aStepWaitingOnAzureHoldsNoTransaction() {
        String id = seed(unique("rg-"), unique("aks-"), c -> c);
        try {
            UUID op = attachInsideAHangingCredentialsFetch("held-", id);
            java.time.Instant callBegan = java.time.Instant.now();

            assertThat(io.akscompute.testing.Postgres.transactionsOpenSince("attacher", callBegan))
                    .as("transactions begun before the call and still open").isEmpty();
            assertThat(sagaRowLockable(op)).as("the saga's row can be locked while its step waits on Azure").isTrue();
            assertThat(TestKafka.statusOf(op)).extracting(r -> r.type())
                    .as("the attach is still waiting on Azure").doesNotContain("akscompute.OperationSucceeded.v1");
            TestKafka.awaitStatus(op, "OperationSucceeded");
        } finally {
            Azure.emulator().control().clearFaults();
        }
    }

    /**
     * A step's result that comes back after another worker took its saga (the lease ran out: renewals stopped, as
     * in a long pause or a database outage) is dropped: the other worker's try is the one that counts, and each step
     * of the attach is reported done once.
     */
    @Test
    void aResultComingBackAfterAnotherWorkerTookTheSagaIsDropped() {
        String id = seed(unique("rg-"), unique("aks-"), c -> c);
        try (LogLines logs = new LogLines()) {
            UUID op = attachInsideAHangingCredentialsFetch("leased-", id);
            // What another worker's claim of a saga whose lease ran out does: the row's version moves on.
            int taken = io.quarkus.narayana.jta.QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery(
                    "update saga_instance set version = version + 1, next_attempt_at = now() where operation_id = :op")
                    .setParameter("op", op).executeUpdate());
            assertThat(taken).isEqualTo(1);

            TestKafka.awaitStatus(op, "OperationSucceeded");
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30))
                    .until(() -> logs.anyContains("this try's result"));
            assertThat(logs.lines()).filteredOn(r -> r.getFormattedMessage().contains("this try's result"))
                    .extracting(r -> r.getFormattedMessage()).singleElement().asString().contains("is dropped");
            assertEachStepOfAnAttachDoneOnce(op);
            assertThat(TestKafka.statusOf(op)).extracting(r -> r.type())
                    .filteredOn(t -> t.equals("akscompute.OperationSucceeded.v1")).hasSize(1);
        } finally {
            Azure.emulator().control().clearFaults();
        }
    }

    @jakarta.inject.Inject
    jakarta.persistence.EntityManager em;

    private boolean sagaRowLockable(UUID operationId) {
        try {
            return io.quarkus.narayana.jta.QuarkusTransaction.requiringNew().call(() -> !em.createNativeQuery(
                    "select cast(id as text) from saga_instance where operation_id = :op for update nowait")
                    .setParameter("op", operationId).getResultList().isEmpty());
        } catch (RuntimeException locked) {
            return false;
        }
    }

    /**
     * A cluster's API server answering 503 (an AKS control plane being upgraded) is the step's to retry: each try is
     * reported to the user, where the Kubernetes client used to retry ten times out of sight.
     */
    @Test
    void aClusterApiThatAnswers503IsRetriedByTheStepAndEachTryIsReported() {
        String id = seed(unique("rg-"), unique("aks-"), c -> c);
        var emulator = Azure.emulator().control();
        // The client sends a request once more itself (KubernetesClients), so each try of the step meets two 503s.
        emulator.injectFault(Fault.respond("Kubernetes_Post", 4, 503, "ServiceUnavailable"));
        try {
            UUID op = TestKafka.publish(attach(unique("busy-"), id, null));

            TestKafka.awaitStatus(op, "OperationSucceeded");
            assertThat(TestKafka.statusOf(op)).filteredOn(s -> s.type().equals("akscompute.OperationProgress.v1"))
                    .extracting(s -> s.data().get("step").asText() + " " + s.data().get("message").asText())
                    .filteredOn(s -> s.startsWith("install-front-end try "))
                    .satisfiesExactly(s -> assertThat(s).startsWith("install-front-end try 1 failed"),
                            s -> assertThat(s).startsWith("install-front-end try 2 failed"));
        } finally {
            emulator.clearFaults();
        }
    }

    /**
     * Azure Policy for AKS (Gatekeeper) refusing what the attach installs: the user is told it was a policy, which
     * one, and what to exempt, where they used to read "AzureError ... 403"; and the attach is undone.
     */
    @Test
    void anAdmissionPolicyOfTheClusterRefusingTheFrontEndIsAPolicyViolationNamingIt() {
        String rg = unique("rg-");
        String cluster = unique("aks-");
        String id = seed(rg, cluster, c -> c);
        String compute = unique("gated-");
        var emulator = Azure.emulator().control();
        emulator.injectFault(new Fault("Kubernetes_Post", Fault.Kind.RESPOND, 1, 403, "Forbidden", "admission webhook"
                + " \"validation.gatekeeper.sh\" denied the request: [azurepolicy-k8sazurev2containerallowedimag-4f2a]"
                + " Container image is not allowed", 0));
        try {
            JsonNode failed = failure(TestKafka.publish(attach(compute, id, null)));

            assertThat(failed.get("code").asText()).isEqualTo("PolicyViolation");
            assertThat(failed.get("message").asText()).contains("a policy in the cluster refused")
                    .contains("azurepolicy-k8sazurev2containerallowedimag-4f2a").contains("exempt that namespace");
            assertThat(failed.get("compensated")).extracting(JsonNode::asText)
                    .containsExactly("install-front-end", "reserve-name");
            asAdmin().get("/workspaces/{ws}/computes/{name}", WS, compute).then().statusCode(404);
            try (KubernetesClient k8s = kube(rg, cluster)) {
                assertThat(k8s.apps().deployments().inNamespace(InClusterNames.NAMESPACE)
                        .withName(InClusterNames.FRONT_END).get()).isNull();
            }
        } finally {
            emulator.clearFaults();
        }
    }

    /** The attach's steps reported done (or skipped), in order, each once. */
    private static void assertEachStepOfAnAttachDoneOnce(UUID op) {
        assertThat(TestKafka.statusOf(op)).filteredOn(s -> s.type().equals("akscompute.OperationProgress.v1"))
                .extracting(s -> s.data().get("step").asText() + " " + s.data().get("message").asText())
                .filteredOn(s -> s.contains(" done") || s.contains("skipped"))
                .extracting(s -> s.substring(0, s.indexOf(' ')))
                .containsExactly("reserve-name", "find-cluster", "check-cluster", "configure-tls",
                        "install-front-end", "register");
    }

    @Test
    void anAttachInstallsTheFrontEndAndRegistersTheCompute() {
        String rg = unique("rg-");
        String cluster = unique("aks-");
        String id = seed(rg, cluster, s -> s);
        String compute = unique("prod-");

        UUID op = TestKafka.publish(attach(compute, id, null));

        JsonNode succeeded = TestKafka.awaitStatus(op, "OperationSucceeded").data();
        JsonNode snapshot = succeeded.get("compute");
        assertThat(snapshot.get("provisioningState").asText()).isEqualTo("Succeeded");
        assertThat(snapshot.get("resourceId").asText()).isEqualTo(id);
        assertThat(snapshot.get("isAttachedCompute").asBoolean()).isTrue();
        String ip = snapshot.at("/properties/systemServices/0/publicIpAddress").asText();
        assertThat(ip).isNotBlank().doesNotStartWith("10.");
        assertThat(snapshot.at("/properties/kubernetesVersion").asText()).isEqualTo("1.32.7");

        assertEachStepOfAnAttachDoneOnce(op);
        try (KubernetesClient k8s = kube(rg, cluster)) {
            Deployment frontEnd = k8s.apps().deployments().inNamespace(InClusterNames.NAMESPACE)
                    .withName(InClusterNames.FRONT_END).get();
            assertThat(frontEnd.getSpec().getReplicas()).isEqualTo(3);
            assertThat(frontEnd.getStatus().getReadyReplicas()).isEqualTo(3);
            var container = frontEnd.getSpec().getTemplate().getSpec().getContainers().get(0);
            assertThat(container.getImage()).isEqualTo("akscompute/inference-front-end:1.0.0");
            assertThat(container.getReadinessProbe().getTcpSocket().getPort().getIntVal()).isEqualTo(5001);
            assertThat(frontEnd.getSpec().getTemplate().getSpec().getVolumes()).as("no TLS, no secret").isEmpty();
        }
        assertThat(TestKafka.statusOf(op)).extracting(s -> s.data().path("message").asText())
                .anyMatch(m -> m.contains("3 of 3 front-end replicas ready"));
        asAdmin().get("/workspaces/{ws}/computes/{name}", WS, compute).then().statusCode(200)
                .body("properties.systemServices[0].publicIpAddress", equalTo(ip));
        asAdmin().get("/operations/{id}", op).then().statusCode(200).body("saga.status", equalTo("SUCCEEDED"));
        // The compute's operations, newest first, for the console's compute page.
        asAdmin().queryParam("workspace", WS).queryParam("computeName", compute).get("/operations").then()
                .statusCode(200).body("id", org.hamcrest.Matchers.contains(op.toString()))
                .body("[0].operation", equalTo("AttachCluster")).body("[0].status", equalTo("SUCCEEDED"));
    }

    @Test
    void metricsShowOperationsStepsAzureCallsBacklogAndDeadLetters() {
        String rg = unique("rg-");
        String cluster = unique("aks-");
        String id = seed(rg, cluster, s -> s);
        TestKafka.awaitStatus(TestKafka.publish(attach(unique("metered-"), id, null)), "OperationSucceeded");
        TestKafka.companion().produceStrings().fromRecords(new org.apache.kafka.clients.producer.ProducerRecord<>(
                io.akscompute.common.contract.Topics.COMMANDS, "ws/garbage", "this is { not a command"));

        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30)).untilAsserted(() -> {
            String metrics = asAdmin().get("/q/metrics").then().statusCode(200).extract().asString();
            assertThat(metrics)
                    .contains("akscompute_operations_started_total{service=\"attacher\",type=\"AttachCluster\"}")
                    .containsPattern("akscompute_operations_ended_total\\{code=\"none\",outcome=\"Succeeded\","
                            + "service=\"attacher\",type=\"AttachCluster\"\\} [1-9]")
                    .contains("akscompute_saga_step_seconds_count{saga=\"AttachCluster\",service=\"attacher\","
                            + "step=\"install-front-end\"}")
                    .containsPattern("akscompute_azure_requests_seconds_count\\{api=\"Microsoft.ContainerService/"
                            + "managedClusters\",method=\"GET\",service=\"attacher\",status=\"200\"\\} [1-9]")
                    .contains("akscompute_outbox_backlog{service=\"attacher\"}")
                    .contains("akscompute_outbox_oldest_age_seconds{service=\"attacher\"}")
                    .contains("akscompute_sagas_running{service=\"attacher\"}")
                    .contains("akscompute_saga_oldest_age_seconds{service=\"attacher\"}")
                    .containsPattern("akscompute_dead_letters_total\\{reason=\"unreadable\",service=\"attacher\","
                            + "topic=\"aks.commands\"\\} [1-9]");
        });
        given().get("/q/metrics").then().statusCode(401);
    }

    /** The log records of akscompute's loggers while it is open (Quarkus replaces the root handlers at start). */
    private static final class LogLines extends java.util.logging.Handler implements AutoCloseable {
        private final List<org.jboss.logmanager.ExtLogRecord> lines = new java.util.concurrent.CopyOnWriteArrayList<>();
        private final java.util.logging.Logger akscompute = java.util.logging.Logger.getLogger("io.akscompute");

        LogLines() {
            akscompute.addHandler(this);
        }

        List<org.jboss.logmanager.ExtLogRecord> lines() {
            return lines;
        }

        boolean anyContains(String text) {
            return lines.stream().anyMatch(r -> r.getFormattedMessage().contains(text));
        }

        @Override
        public void publish(java.util.logging.LogRecord r) {
            if (r instanceof org.jboss.logmanager.ExtLogRecord e) {
                e.copyMdc();
                lines.add(e);
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
            akscompute.removeHandler(this);
        }
    }

    @Test
    void everyLogLineOfAnOperationsStepsNamesTheOperationItsWorkspaceAndCompute() {
        List<org.jboss.logmanager.ExtLogRecord> lines;
        String compute = unique("logged-");
        UUID op;
        try (LogLines logs = new LogLines()) {
            lines = logs.lines();
            op = TestKafka.publish(attach(compute, seed(unique("rg-"), unique("aks-"), s -> s), null));
            TestKafka.awaitStatus(op, "OperationSucceeded");
        }
        assertThat(lines).filteredOn(r -> r.getFormattedMessage().startsWith("AttachCluster "))
                .extracting(r -> r.getFormattedMessage().replaceAll(":.*", ""))
                .contains("AttachCluster install-front-end", "AttachCluster succeeded");
        assertThat(lines).filteredOn(r -> r.getFormattedMessage().startsWith("AttachCluster ")).allSatisfy(r -> {
            assertThat(r.getMdc("operationId")).isEqualTo(op.toString());
            assertThat(r.getMdc("workspace")).isEqualTo(WS);
            assertThat(r.getMdc("compute")).isEqualTo(compute);
        });
    }

    @Test
    void aClusterThatDoesNotExistIsRefusedNamingWhatWasLookedUpAndTheNameIsReleased() {
        String compute = unique("ghost-");
        UUID op = TestKafka.publish(new AttachCluster(WS, compute, null, "rg-nowhere", "aks-nowhere", null, null,
                null, null, null));

        JsonNode failed = failure(op);

        assertThat(failed.get("code").asText()).isEqualTo("ClusterNotFound");
        assertThat(failed.get("message").asText()).contains("aks-nowhere").contains("rg-nowhere");
        assertThat(failed.get("compensated")).extracting(JsonNode::asText).containsExactly("reserve-name");
        asAdmin().get("/workspaces/{ws}/computes/{name}", WS, compute).then().statusCode(404);
    }

    @Test
    void anUnsupportedKubernetesVersionIsRefusedListingTheSupportedOnes() {
        String id = seed(unique("rg-"), unique("old-"), s -> s.kubernetesVersion("1.27.9"));

        JsonNode failed = failure(TestKafka.publish(attach(unique("old-"), id, null)));

        assertThat(failed.get("code").asText()).isEqualTo("UnsupportedKubernetesVersion");
        assertThat(failed.get("message").asText()).contains("1.27.9").contains("1.32.7").contains("1.31.10");
    }

    @Test
    void aProductionAttachOfASmallClusterIsRefusedSuggestingDevTest() {
        String id = seed(unique("rg-"), unique("small-"), s -> s.agents(2, "Standard_D2_v2"));

        JsonNode failed = failure(TestKafka.publish(attach(unique("small-"), id, null)));

        assertThat(failed.get("code").asText()).isEqualTo("ClusterNotEligible");
        assertThat(failed.get("message").asText()).contains("DevTest").contains("3 nodes");
    }

    @Test
    void aProductionAttachCountsEachNodePoolWithItsOwnSizeFromAzure() {
        // A one-node GPU system pool and two small user nodes: 6 + 2 x 2 = 10 vCPUs, refused.
        String small = seed(unique("rg-"), unique("mixed-"), s -> s.agents(1, "Standard_NC6s_v3")
                .userPool("user", 2, "Standard_D2_v2"));
        JsonNode failed = failure(TestKafka.publish(attach(unique("mixed-"), small, null)));
        assertThat(failed.get("code").asText()).isEqualTo("ClusterNotEligible");
        assertThat(failed.get("message").asText()).contains("1 x Standard_NC6s_v3 (6 vCPUs each) + 2 x "
                + "Standard_D2_v2 (2 vCPUs each) gives 3 nodes and 10 vCPUs");

        // One D3_v2 system node and two of a current family, Standard_D4s_v6: 4 + 2 x 4 = 12, attached.
        String enough = seed(unique("rg-"), unique("mixed-"), s -> s.agents(1, "Standard_D3_v2")
                .userPool("user", 2, "Standard_D4s_v6"));
        UUID op = TestKafka.publish(attach(unique("mixed-"), enough, null));
        JsonNode compute = TestKafka.awaitStatus(op, "OperationSucceeded").data().get("compute");
        assertThat(compute.at("/properties/agentCount").asInt()).isEqualTo(3);
        assertThat(compute.at("/properties/agentVmSize").asText()).isEqualTo("Standard_D3_v2");
    }

    @Test
    void theSameSmallClusterAttachesAsDevTestWithAWarningForAPreviewVersion() {
        String id = seed(unique("rg-"), unique("dev-"), s -> s.agents(1, "Standard_D2_v2").kubernetesVersion("1.34.0"));

        UUID op = TestKafka.publish(new AttachCluster(WS, unique("dev-"), id, null, null, ClusterPurpose.DevTest,
                null, null, null, null));

        TestKafka.awaitStatus(op, "OperationSucceeded");
        assertThat(TestKafka.statusOf(op)).anySatisfy(s -> assertThat(s.data().path("warnings").toString())
                .contains("preview"));
    }

    @Test
    void aPrivateClusterWithAPublicFqdnAndMissingControlPlaneRangesIsRefusedWithBothReasons() {
        String id = seed(unique("rg-"), unique("priv-"), s -> s.privateCluster(true).privateClusterPublicFqdn(true)
                .authorizedIpRanges("203.0.113.0/24"));

        JsonNode failed = failure(TestKafka.publish(attach(unique("priv-"), id, null)));

        assertThat(failed.get("code").asText()).isEqualTo("ClusterNotEligible");
        assertThat(failed.get("details")).extracting(d -> d.get("field").asText())
                .containsExactly("apiServerAccessProfile", "apiServerAccessProfile.authorizedIPRanges");
    }

    @Test
    void aClusterNotProvisionedYetIsRefused() {
        String id = seed(unique("rg-"), unique("busy-"), s -> s.provisioningState("Updating"));

        assertThat(failure(TestKafka.publish(attach(unique("busy-"), id, null))).get("code").asText())
                .isEqualTo("ClusterNotReady");
    }

    @Test
    void aClusterAttachedOnceCannotBeAttachedUnderASecondNameAndATakenNameIsRefused() {
        String id = seed(unique("rg-"), unique("aks-"), s -> s);
        String first = unique("first-");
        TestKafka.awaitStatus(TestKafka.publish(attach(first, id, null)), "OperationSucceeded");

        JsonNode twice = failure(TestKafka.publish(attach(unique("second-"), id, null)));
        String otherId = seed(unique("rg-"), unique("aks-"), s -> s);
        JsonNode taken = failure(TestKafka.publish(attach(first, otherId, null)));

        assertThat(twice.get("code").asText()).isEqualTo("ClusterAlreadyAttached");
        assertThat(twice.get("message").asText()).contains(first).contains(WS);
        assertThat(taken.get("code").asText()).isEqualTo("ComputeAlreadyExists");
        asAdmin().get("/workspaces/{ws}/computes/{name}", WS, first).then().statusCode(200)
                .body("resourceId", equalTo(id));
    }

    @Test
    void aClusterInAnotherSubscriptionIsAttachedThereAndDetachedThereAndADeniedOneNamesTheMissingRole() {
        String other = "22222222-0000-0000-0000-0000000000a7";
        String denied = "33333333-0000-0000-0000-0000000000a7";
        String rg = unique("rg-");
        String cluster = unique("aks-");
        // The same names in the configured subscription: a lookup there would find the wrong cluster.
        seed(rg, cluster, s -> s);
        String id = seed(rg, cluster, s -> s.subscriptionId(other));
        assertThat(id).contains("/subscriptions/" + other + "/");
        String compute = unique("far-");

        JsonNode snapshot = TestKafka.awaitStatus(TestKafka.publish(attach(compute, id, null)), "OperationSucceeded")
                .data().get("compute");

        assertThat(snapshot.get("resourceId").asText()).isEqualTo(id);
        try (KubernetesClient far = KubernetesClients.adminClient(Azure.clients().containerServiceManager(other), rg,
                cluster)) {
            assertThat(far.services().inNamespace(InClusterNames.NAMESPACE).withName(InClusterNames.FRONT_END).get())
                    .isNotNull();
        }
        assertThat(frontEndService(rg, cluster)).as("nothing installed in the same-named cluster here").isNull();
        TestKafka.awaitStatus(TestKafka.publish(new DetachCluster(WS, compute)), "OperationSucceeded");
        try (KubernetesClient far = KubernetesClients.adminClient(Azure.clients().containerServiceManager(other), rg,
                cluster)) {
            assertThat(far.services().inNamespace(InClusterNames.NAMESPACE).withName(InClusterNames.FRONT_END).get())
                    .isNull();
        }

        String hidden = seed(rg, cluster, s -> s.subscriptionId(denied));
        Azure.emulator().control().updateSettings(s -> s.withDeniedSubscription(denied));
        JsonNode failed = failure(TestKafka.publish(attach(unique("no-"), hidden, null)));

        assertThat(failed.get("code").asText()).isEqualTo("AuthorizationFailed");
        assertThat(failed.get("message").asText()).contains("Microsoft.ContainerService/managedClusters/read")
                .contains("/subscriptions/" + denied + "/resourceGroups/" + rg).contains("Reader");
    }

    @Test
    void detachRemovesTheFrontEndAndTheRegistrationButLeavesTheCluster() {
        String rg = unique("rg-");
        String cluster = unique("aks-");
        String id = seed(rg, cluster, s -> s);
        String compute = unique("gone-");
        TestKafka.awaitStatus(TestKafka.publish(attach(compute, id, null)), "OperationSucceeded");

        TestKafka.awaitStatus(TestKafka.publish(new DetachCluster(WS, compute)), "OperationSucceeded");

        assertThat(frontEndService(rg, cluster)).isNull();
        assertThat(Azure.clients().containerServiceManager().kubernetesClusters().getById(id).provisioningState())
                .isEqualTo("Succeeded");
        asAdmin().get("/workspaces/{ws}/computes/{name}", WS, compute).then().statusCode(404);
        assertThat(failure(TestKafka.publish(new DetachCluster(WS, compute))).get("code").asText())
                .isEqualTo("ComputeNotFound");
    }

    @Test
    void anUpdateToTheInternalLoadBalancerGivesAPrivateAddressInTheSubnet() {
        String rg = unique("rg-");
        String cluster = unique("aks-");
        String compute = unique("int-");
        TestKafka.awaitStatus(TestKafka.publish(attach(compute, seed(rg, cluster, s -> s), null)),
                "OperationSucceeded");

        UUID op = TestKafka.publish(new UpdateCluster(WS, compute, null, LoadBalancerType.InternalLoadBalancer,
                "scoring-subnet"));

        JsonNode snapshot = TestKafka.awaitStatus(op, "OperationSucceeded").data().get("compute");
        assertThat(snapshot.at("/properties/loadBalancerType").asText()).isEqualTo("InternalLoadBalancer");
        assertThat(snapshot.at("/properties/loadBalancerSubnet").asText()).isEqualTo("scoring-subnet");
        assertThat(snapshot.at("/properties/systemServices/0/publicIpAddress").asText()).startsWith("10.");
        Service service = frontEndService(rg, cluster);
        assertThat(service.getMetadata().getAnnotations())
                .containsEntry("service.beta.kubernetes.io/azure-load-balancer-internal", "true")
                .containsEntry("service.beta.kubernetes.io/azure-load-balancer-internal-subnet", "scoring-subnet");
    }

    @Test
    void anInternalAttachWithoutASubnetSaysWhichSubnetItUses() {
        String rg = unique("rg-");
        String cluster = unique("aks-");
        String compute = unique("intd-");
        UUID op = TestKafka.publish(new AttachCluster(WS, compute, seed(rg, cluster, s -> s), null, null, null,
                LoadBalancerType.InternalLoadBalancer, null, null, null));

        JsonNode snapshot = TestKafka.awaitStatus(op, "OperationSucceeded").data().get("compute");
        assertThat(snapshot.at("/properties/loadBalancerSubnet").asText()).isEqualTo("aks-subnet");
        assertThat(snapshot.at("/properties/systemServices/0/publicIpAddress").asText()).startsWith("10.");
        assertThat(frontEndService(rg, cluster).getMetadata().getAnnotations())
                .containsEntry("service.beta.kubernetes.io/azure-load-balancer-internal", "true")
                .containsEntry("service.beta.kubernetes.io/azure-load-balancer-internal-subnet", "aks-subnet");
        assertThat(TestKafka.statusOf(op)).filteredOn(e -> !e.data().path("warnings").isEmpty())
                .flatExtracting(e -> Json.MAPPER.convertValue(e.data().get("warnings"), List.class))
                .singleElement().asString().contains("no loadBalancerSubnet given", "aks-subnet");
    }

    @Test
    void autoTlsIsConfiguredThroughTlsManagerAndAReattachKeepsIt() {
        String rg = unique("rg-");
        String cluster = unique("aks-");
        String compute = unique("tls-");
        UUID op = TestKafka.publish(attach(compute, seed(rg, cluster, s -> s), SslConfiguration.auto("scoring")));

        SagaRequest request = tlsManager.awaitRequest(op, 0);
        assertThat(request.action()).isEqualTo(ParticipantAction.ConfigureTls);
        ConfigureTls asked = Json.MAPPER.convertValue(request.payload(), ConfigureTls.class);
        assertThat(asked.location()).isEqualTo("westus");
        assertThat(asked.sslConfiguration().leafDomainLabel()).isEqualTo("scoring");
        // a second command for the same compute while this one waits on tls-manager, from another administrator
        var busyRecord = TestKafka.awaitStatus(TestKafka.publish(new DetachCluster(WS, compute),
                TestIdentity.token("olga", Map.of(WS, WorkspaceRole.ADMIN))), "OperationFailed");
        JsonNode busy = busyRecord.data();
        assertThat(busy.get("code").asText()).isEqualTo("OperationInProgress");
        assertThat(busy.get("message").asText()).contains(op.toString());
        assertThat(TestKafka.header(busyRecord.record(), "ce_authid")).isEqualTo("olga");

        String fqdn = "scoringab12cd.westus.cloudapp.azure.com";
        tlsManager.succeed(request, new TlsConfigured("cert-1", SslStatus.Auto, fqdn, null, "scoringab12cd",
                Instant.now().plusSeconds(86400)));

        JsonNode snapshot = TestKafka.awaitStatus(op, "OperationSucceeded").data().get("compute");
        assertThat(snapshot.at("/properties/sslConfiguration/status").asText()).isEqualTo("Auto");
        assertThat(snapshot.at("/properties/sslConfiguration/fqdn").asText()).isEqualTo(fqdn);
        // clusterFqdn is the cluster's API server, as ARM shows it (Azure ML's AKS compute)
        assertThat(snapshot.at("/properties/clusterFqdn").asText()).isEqualTo(Azure.clients()
                .containerServiceManager().kubernetesClusters().getByResourceGroup(rg, cluster).fqdn())
                .endsWith(".azmk8s.io");
        assertThat(frontEndService(rg, cluster).getMetadata().getAnnotations())
                .containsEntry("service.beta.kubernetes.io/azure-dns-label-name", "scoringab12cd");
        try (KubernetesClient k8s = kube(rg, cluster)) {
            var pod = k8s.apps().deployments().inNamespace(InClusterNames.NAMESPACE).withName(InClusterNames.FRONT_END)
                    .get().getSpec().getTemplate().getSpec();
            assertThat(pod.getVolumes()).singleElement()
                    .satisfies(v -> assertThat(v.getSecret().getSecretName()).isEqualTo(InClusterNames.TLS_SECRET));
            assertThat(pod.getContainers().get(0).getVolumeMounts()).singleElement()
                    .satisfies(m -> assertThat(m.getMountPath()).isEqualTo("/etc/azureml-fe/tls"));
        }

        // TLS together with the internal load balancer is refused, and the compute keeps its TLS
        JsonNode refused = failure(TestKafka.publish(new UpdateCluster(WS, compute, null,
                LoadBalancerType.InternalLoadBalancer, null)));
        assertThat(refused.get("code").asText()).isEqualTo("ValidationFailed");
        assertThat(refused.get("message").asText()).contains("TLS is not supported together with the internal");

        // A front end an older akscompute installed: the re-attach upgrades it in place, keeping its address
        // (a Service created again would get a new one from Azure and break a CNAME to it).
        try (KubernetesClient k8s = kube(rg, cluster)) {
            k8s.services().inNamespace(InClusterNames.NAMESPACE).withName(InClusterNames.FRONT_END)
                    .edit(s -> new io.fabric8.kubernetes.api.model.ServiceBuilder(s).editMetadata()
                            .addToAnnotations("akscompute.io/component-version", "0.0.1-old").endMetadata().build());
            k8s.apps().deployments().inNamespace(InClusterNames.NAMESPACE).withName(InClusterNames.FRONT_END)
                    .edit(d -> new io.fabric8.kubernetes.api.model.apps.DeploymentBuilder(d).editMetadata()
                            .addToAnnotations("akscompute.io/component-version", "0.0.1-old").endMetadata()
                            .editSpec().editTemplate().editSpec().editFirstContainer()
                            .withImage("akscompute/inference-front-end:0.0.1-old").endContainer().endSpec()
                            .endTemplate().endSpec().build());
        }
        Service old = frontEndService(rg, cluster);
        String oldIp = old.getStatus().getLoadBalancer().getIngress().get(0).getIp();

        UUID reattach = TestKafka.publish(new ReattachCluster(WS, compute));
        SagaRequest again = tlsManager.awaitRequest(reattach, 0);
        ConfigureTls restore = Json.MAPPER.convertValue(again.payload(), ConfigureTls.class);
        assertThat(restore.sslConfiguration().status()).isEqualTo(SslStatus.Auto);
        assertThat(restore.sslConfiguration().leafDomainLabel()).isEqualTo("scoring");
        tlsManager.succeed(again, new TlsConfigured("cert-1", SslStatus.Auto, fqdn, null, "scoringab12cd",
                Instant.now().plusSeconds(86400)));
        JsonNode after = TestKafka.awaitStatus(reattach, "OperationSucceeded").data().get("compute");
        assertThat(after.at("/properties/sslConfiguration/status").asText()).isEqualTo("Auto");
        assertThat(after.at("/properties/sslConfiguration/fqdn").asText()).isEqualTo(fqdn);
        Service upgraded = frontEndService(rg, cluster);
        assertThat(upgraded.getMetadata().getAnnotations())
                .containsEntry("service.beta.kubernetes.io/azure-dns-label-name", "scoringab12cd")
                .doesNotContainEntry("akscompute.io/component-version", "0.0.1-old");
        assertThat(upgraded.getMetadata().getUid()).as("the same Service, not a new one")
                .isEqualTo(old.getMetadata().getUid());
        assertThat(upgraded.getStatus().getLoadBalancer().getIngress().get(0).getIp()).isEqualTo(oldIp);
        assertThat(after.at("/properties/systemServices/0/publicIpAddress").asText()).isEqualTo(oldIp);
        try (KubernetesClient k8s = kube(rg, cluster)) {
            Deployment moved = k8s.apps().deployments().inNamespace(InClusterNames.NAMESPACE)
                    .withName(InClusterNames.FRONT_END).get();
            assertThat(moved.getSpec().getTemplate().getSpec().getContainers().get(0).getImage())
                    .isEqualTo("akscompute/inference-front-end:1.0.0");
            assertThat(moved.getMetadata().getAnnotations()).containsEntry("akscompute.io/component-version", "1.0.0");
        }
        assertThat(after.at("/properties/systemServices/0/version").asText()).isEqualTo("1.0.0");

        // detach removes the secret through tls-manager and keeps the certificate
        UUID detach = TestKafka.publish(new DetachCluster(WS, compute));
        SagaRequest remove = tlsManager.awaitRequest(detach, 0);
        assertThat(Json.MAPPER.convertValue(remove.payload(), RemoveTls.class).dropCertificate()).isFalse();
        tlsManager.succeed(remove, null);
        TestKafka.awaitStatus(detach, "OperationSucceeded");
    }

    @Test
    void tlsTurnedOffByAnUpdateLeavesNoMountNoHttpsAndNoDnsLabelAndKeepsTheAddress() {
        String rg = unique("rg-");
        String cluster = unique("aks-");
        String compute = unique("off-");
        UUID op = TestKafka.publish(attach(compute, seed(rg, cluster, s -> s), SslConfiguration.auto("off")));
        tlsManager.succeed(tlsManager.awaitRequest(op, 0), new TlsConfigured("cert-2", SslStatus.Auto,
                "offab12cd.westus.cloudapp.azure.com", null, "offab12cd", Instant.now().plusSeconds(86400)));
        TestKafka.awaitStatus(op, "OperationSucceeded");
        String ip = frontEndService(rg, cluster).getStatus().getLoadBalancer().getIngress().get(0).getIp();

        UUID off = TestKafka.publish(new UpdateCluster(WS, compute, new SslConfiguration(SslStatus.Disabled, null,
                null, null, null, null), null, null));
        SagaRequest remove = tlsManager.awaitRequest(off, 0);
        assertThat(remove.action()).isEqualTo(ParticipantAction.RemoveTls);
        tlsManager.succeed(remove, null);
        TestKafka.awaitStatus(off, "OperationSucceeded");

        Service service = frontEndService(rg, cluster);
        assertThat(service.getMetadata().getAnnotations()).doesNotContainKey(
                "service.beta.kubernetes.io/azure-dns-label-name");
        assertThat(service.getSpec().getPorts()).singleElement().satisfies(p -> assertThat(p.getPort()).isEqualTo(80));
        assertThat(service.getStatus().getLoadBalancer().getIngress().get(0).getIp()).isEqualTo(ip);
        try (KubernetesClient k8s = kube(rg, cluster)) {
            var pod = k8s.apps().deployments().inNamespace(InClusterNames.NAMESPACE).withName(InClusterNames.FRONT_END)
                    .get().getSpec().getTemplate().getSpec();
            assertThat(pod.getVolumes()).isEmpty();
            assertThat(pod.getContainers()).singleElement().satisfies(c -> assertThat(c.getVolumeMounts()).isEmpty());
        }
    }

    @Test
    void aReattachPutsTheFrontEndBackWhenItsNamespaceWasDeleted() {
        String rg = unique("rg-");
        String cluster = unique("aks-");
        String compute = unique("ns-");
        UUID op = TestKafka.publish(attach(compute, seed(rg, cluster, s -> s), null));
        TestKafka.awaitStatus(op, "OperationSucceeded");
        try (KubernetesClient k8s = kube(rg, cluster)) {
            k8s.namespaces().withName(InClusterNames.NAMESPACE).delete();
            assertThat(k8s.apps().deployments().inNamespace(InClusterNames.NAMESPACE).withName(InClusterNames.FRONT_END)
                    .get()).as("gone with its namespace").isNull();
        }

        UUID reattach = TestKafka.publish(new ReattachCluster(WS, compute));
        TestKafka.awaitStatus(reattach, "OperationSucceeded");

        try (KubernetesClient k8s = kube(rg, cluster)) {
            assertThat(k8s.namespaces().withName(InClusterNames.NAMESPACE).get()).isNotNull();
            assertThat(k8s.apps().deployments().inNamespace(InClusterNames.NAMESPACE).withName(InClusterNames.FRONT_END)
                    .get()).isNotNull();
        }
        assertThat(frontEndService(rg, cluster).getStatus().getLoadBalancer().getIngress()).isNotEmpty();
    }

    @Test
    void aTlsRefusalUndoesTheAttachAndReleasesTheName() {
        String compute = unique("bad-");
        UUID op = TestKafka.publish(attach(compute, seed(unique("rg-"), unique("aks-"), s -> s),
                SslConfiguration.custom("cert-unknown", "ml.contoso.com")));
        SagaRequest request = tlsManager.awaitRequest(op, 0);

        tlsManager.reply(request, new io.akscompute.common.contract.saga.SagaReply(request.sagaId(),
                request.requestId(), request.action(), false, io.akscompute.common.contract.ErrorCode.CertificateNotFound,
                "no certificate cert-unknown", java.util.List.of(), false, null));

        JsonNode failed = failure(op);
        assertThat(failed.get("code").asText()).isEqualTo("CertificateNotFound");
        assertThat(failed.get("compensated")).extracting(JsonNode::asText).containsExactly("reserve-name");
        asAdmin().get("/workspaces/{ws}/computes/{name}", WS, compute).then().statusCode(404);
    }

    @Test
    void theSameAttachCommandTwiceHasOneEffect() {
        String compute = unique("once-");
        var command = attach(compute, seed(unique("rg-"), unique("aks-"), s -> s), null);
        UUID id = UUID.randomUUID();
        String record = TestKafka.structured(id, command);
        TestKafka.publishRaw(command.key(), record);
        TestKafka.publishRaw(command.key(), record);

        TestKafka.awaitStatus(id, "OperationSucceeded");
        UUID after = TestKafka.publish(new ReattachCluster(WS, compute));
        TestKafka.awaitStatus(after, "OperationSucceeded");

        assertThat(TestKafka.statusOf(id)).filteredOn(s -> s.type().equals("akscompute.OperationAccepted.v1")).hasSize(1);
        assertThat(TestKafka.statusOf(id)).filteredOn(s -> s.type().equals("akscompute.OperationSucceeded.v1")).hasSize(1);
    }
}
