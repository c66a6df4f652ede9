package io.akscompute.attacher.participant;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static io.akscompute.attacher.participant.ProvisionerRequests.replies;
import static io.akscompute.attacher.participant.ProvisionerRequests.reply;
import static io.akscompute.attacher.participant.ProvisionerRequests.send;
import static io.akscompute.attacher.participant.ProvisionerRequests.sendRaw;

import com.fasterxml.jackson.databind.JsonNode;
import io.akscompute.common.azure.KubernetesClients;
import io.akscompute.common.contract.InClusterNames;
import io.akscompute.common.contract.ServiceName;
import io.akscompute.common.contract.Topics;
import io.akscompute.common.contract.command.AttachCluster;
import io.akscompute.common.contract.model.AksNetworkingConfiguration;
import io.akscompute.common.contract.model.ClusterPurpose;
import io.akscompute.common.contract.model.LoadBalancerType;
import io.akscompute.common.contract.saga.LockCompute;
import io.akscompute.common.contract.saga.ParticipantAction;
import io.akscompute.common.contract.saga.RecordScale;
import io.akscompute.common.contract.saga.RegisterCreated;
import io.akscompute.common.contract.saga.ReleaseName;
import io.akscompute.common.contract.saga.ReserveName;
import io.akscompute.common.contract.saga.SagaReply;
import io.akscompute.common.contract.saga.SagaRequest;
import io.akscompute.common.contract.saga.UnlockCompute;
import io.akscompute.common.contract.saga.UnregisterCreated;
import io.akscompute.emulator.ClusterSeed;
import io.akscompute.emulator.Fault;
import io.akscompute.common.orphan.OrphanSweep;
import io.akscompute.testing.Azure;
import io.akscompute.testing.KafkaProbe;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import jakarta.inject.Inject;
import io.akscompute.testing.SuiteInfrastructure;
import io.akscompute.common.rules.access.WorkspaceRole;
import io.akscompute.testing.TestIdentity;
import io.akscompute.testing.TestKafka;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The attacher answering the provisioner's saga requests, on the real broker, PostgreSQL and emulator. */
@QuarkusTest
@WithTestResource(value = SuiteInfrastructure.class, initArgs = @ResourceArg(name = "database", value = "attacher"))
class AttacherParticipantQuarkusTest {
    /** REST calls as an administrator of every workspace (the identity tests are elsewhere). */
    private static io.restassured.specification.RequestSpecification asAdmin() {
        return given().auth().oauth2(TestIdentity.admin());
    }

    private static final String WS = "ws-participant";

    private static String unique(String prefix) {
        return prefix + UUID.randomUUID().toString().substring(0, 6);
    }

    private static SagaRequest request(UUID operation, String compute, ParticipantAction action, Object payload) {
        return ProvisionerRequests.request(WS, operation, compute, action, payload);
    }

    private static String seed(String rg, String name) {
        return Azure.emulator().control().seedCluster(ClusterSeed.of(rg, name).location("westus")
                .kubernetesVersion("1.32.7").agents(3, "Standard_D3_v2")).get("id").asText();
    }

    /** {@code az aks show} and {@code az aks get-credentials} of the cluster a compute of WS uses. */
    private static void clusterEndpointsAnswerAsAzAksDoes(String rg, String cluster, String id) {
        String path = "/workspaces/{ws}/clusters/{rg}/{name}";
        asAdmin().get(path, WS, rg, cluster).then().statusCode(200)
                .body("id", equalTo(id)).body("name", equalTo(cluster))
                .body("properties.kubernetesVersion", equalTo("1.32.7"));
        assertThat(asAdmin().get(path + "/kubeconfig", WS, rg, cluster).then().statusCode(200).extract().asString())
                .contains("clusters:", "current-context:");
        // Another workspace's admin may look at the cluster, but gets no credentials for it.
        asAdmin().get(path + "/kubeconfig", "ws-elsewhere", rg, cluster).then().statusCode(404)
                .body("code", equalTo("ComputeNotFound"));
        asAdmin().get(path, WS, rg, "no-such-cluster").then().statusCode(404).body("code", equalTo("ResourceNotFound"));
        asAdmin().get(path, WS, "bad group!", cluster).then().statusCode(400).body("code", equalTo("ValidationFailed"))
                .body("details[0].field", equalTo("resourceGroup"));
        given().auth().oauth2(TestIdentity.token("rita", Map.of(WS, WorkspaceRole.READER)))
                .get(path, WS, rg, cluster).then().statusCode(403);
        // Azure's refusals are akscompute's, not the caller's: no ARM 403 passed on as if the token were refused.
        var emulator = Azure.emulator().control();
        try {
            emulator.injectFault(Fault.respond("ManagedClusters_ListClusterAdminCredentials", 1, 404,
                    "ResourceNotFound"));
            asAdmin().get(path + "/kubeconfig", WS, rg, cluster).then().statusCode(404)
                    .body("code", equalTo("ClusterNotFound"));
            emulator.injectFault(Fault.respond("ManagedClusters_Get", 1, 403, "AuthorizationFailed"));
            asAdmin().get(path, WS, rg, cluster).then().statusCode(502).body("code", equalTo("AuthorizationFailed"));
        } finally {
            emulator.clearFaults();
        }
    }

    /** {@code az aks get-credentials} by the compute's name. */
    private static void computeCredentialsAnswerAsAzAksDoes(String compute) {
        String path = "/workspaces/{ws}/computes/{name}/kubeconfig";
        assertThat(asAdmin().get(path, WS, compute).then().statusCode(200).extract().asString())
                .contains("clusters:", "current-context:");
        asAdmin().get(path, WS, "no-such-compute").then().statusCode(404).body("code", equalTo("ComputeNotFound"));
        var emulator = Azure.emulator().control();
        try {
            emulator.injectFault(Fault.respond("ManagedClusters_ListClusterAdminCredentials", 1, 404,
                    "ResourceNotFound"));
            asAdmin().get(path, WS, compute).then().statusCode(404).body("code", equalTo("ClusterNotFound"));
            emulator.injectFault(Fault.respond("ManagedClusters_ListClusterAdminCredentials", 1, 403,
                    "AuthorizationFailed"));
            asAdmin().get(path, WS, compute).then().statusCode(502).body("code", equalTo("AuthorizationFailed"));
        } finally {
            emulator.clearFaults();
        }
    }

    @Test
    void aCreatedComputeIsReservedRegisteredWithItsFrontEndAndUnregistered() {
        String compute = unique("new-");
        UUID op = UUID.randomUUID();
        SagaRequest reserve = request(op, compute, ParticipantAction.ReserveName, new ReserveName("westus", "d"));
        send(reserve);
        assertThat(reply(reserve).succeeded()).isTrue();
        // the same request again: the same answer, sent again, no second effect
        send(reserve);
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> replies(reserve).size() == 2);
        assertThat(replies(reserve)).allSatisfy(r -> assertThat(r.succeeded()).isTrue());

        SagaRequest taken = request(UUID.randomUUID(), compute, ParticipantAction.ReserveName,
                new ReserveName("westus", null));
        send(taken);
        SagaReply refused = reply(taken);
        assertThat(refused.succeeded()).isFalse();
        assertThat(refused.code().name()).isEqualTo("ComputeAlreadyExists");

        String rg = unique("rg-");
        String cluster = unique("aks-");
        String id = seed(rg, cluster);
        SagaRequest register = request(op, compute, ParticipantAction.RegisterCreated, new RegisterCreated(id,
                "westus", "1.32.7", 3, "Standard_D3_v2", ClusterPurpose.FastProd, LoadBalancerType.PublicIp, null,
                new AksNetworkingConfiguration("rg-net", "vnet-ml", "aks-subnet", "10.1.0.0/16", "10.1.0.10", null),
                null, null, "created", "myaks-1a2b3c4d.hcp.westus.azmk8s.io"));
        send(register);
        SagaReply registered = reply(register);
        assertThat(registered.succeeded()).as(registered.message()).isTrue();
        JsonNode snapshot = registered.result();
        assertThat(snapshot.get("isAttachedCompute").asBoolean()).isFalse();
        assertThat(snapshot.get("provisioningState").asText()).isEqualTo("Succeeded");
        assertThat(snapshot.at("/properties/systemServices/0/publicIpAddress").asText()).isNotBlank();
        // What ARM shows of the cluster is echoed, as Azure ML's compute does.
        assertThat(snapshot.at("/properties/clusterFqdn").asText()).isEqualTo("myaks-1a2b3c4d.hcp.westus.azmk8s.io");
        assertThat(snapshot.at("/properties/aksNetworkingConfiguration/subnetName").asText()).isEqualTo("aks-subnet");
        assertThat(snapshot.at("/properties/aksNetworkingConfiguration/dnsServiceIP").asText())
                .isEqualTo("10.1.0.10");
        asAdmin().get("/workspaces/{ws}/computes/{name}", WS, compute).then().statusCode(200)
                .body("resourceId", equalTo(id))
                .body("properties.aksNetworkingConfiguration.vnetName", equalTo("vnet-ml"));
        clusterEndpointsAnswerAsAzAksDoes(rg, cluster, id);
        computeCredentialsAnswerAsAzAksDoes(compute);

        SagaRequest scale = request(UUID.randomUUID(), compute, ParticipantAction.RecordScale,
                new RecordScale(5, "Standard_D3_v2"));
        send(scale);
        SagaReply scaled = reply(scale);
        assertThat(scaled.succeeded()).as(scaled.message()).isTrue();
        assertThat(scaled.result().at("/properties/agentCount").asInt()).isEqualTo(5);
        asAdmin().get("/workspaces/{ws}/computes/{name}", WS, compute).then().statusCode(200)
                .body("properties.agentCount", equalTo(5));

        UUID delete = UUID.randomUUID();
        SagaRequest unregister = request(delete, compute, ParticipantAction.UnregisterCreated,
                new UnregisterCreated(id));
        send(unregister);
        assertThat(reply(unregister).succeeded()).isTrue();
        // the name stays taken until the delete operation has deleted the cluster and releases it
        asAdmin().get("/workspaces/{ws}/computes/{name}", WS, compute).then().statusCode(200)
                .body("provisioningState", equalTo("Deleting"));
        SagaRequest release = request(delete, compute, ParticipantAction.ReleaseName,
                new io.akscompute.common.contract.saga.ReleaseName("cluster deleted"));
        send(release);
        assertThat(reply(release).succeeded()).isTrue();
        asAdmin().get("/workspaces/{ws}/computes/{name}", WS, compute).then().statusCode(404);
        try (KubernetesClient k8s = KubernetesClients.adminClient(Azure.clients().containerServiceManager(), rg,
                cluster)) {
            assertThat(k8s.apps().deployments().inNamespace(InClusterNames.NAMESPACE)
                    .withName(InClusterNames.FRONT_END).get()).as("left for the delete, which deletes the cluster")
                    .isNotNull();
            // This cluster outlived its delete: the orphan sweep takes the front end out.
            orphans.dueNow(java.time.Instant.now());
            orphanEvent(compute, "front-end", true);
            assertThat(k8s.apps().deployments().inNamespace(InClusterNames.NAMESPACE)
                    .withName(InClusterNames.FRONT_END).get()).isNull();
        }
    }

    @Test
    void anAttachedComputeIsNotUnregisteredAsCreatedAndAnUnknownOneIsNotFound() {
        String compute = unique("att-");
        String id = seed(unique("rg-"), unique("aks-"));
        TestKafka.awaitStatus(TestKafka.publish(new AttachCluster(WS, compute, id, null, null, null, null, null, null,
                null)), "OperationSucceeded");

        SagaRequest attached = request(UUID.randomUUID(), compute, ParticipantAction.UnregisterCreated,
                new UnregisterCreated(null));
        send(attached);
        SagaReply refused = reply(attached);
        assertThat(refused.code().name()).isEqualTo("NotCreatedByAkscompute");
        assertThat(refused.message()).contains("DetachCluster");
        asAdmin().get("/workspaces/{ws}/computes/{name}", WS, compute).then().statusCode(200);

        SagaRequest unknown = request(UUID.randomUUID(), unique("none-"), ParticipantAction.UnregisterCreated,
                new UnregisterCreated(null));
        send(unknown);
        assertThat(reply(unknown).code().name()).isEqualTo("ComputeNotFound");

        SagaRequest scaleAttached = request(UUID.randomUUID(), compute, ParticipantAction.RecordScale,
                new RecordScale(7, null));
        send(scaleAttached);
        assertThat(reply(scaleAttached).code().name()).isEqualTo("ComputeNotFound");
    }

    @Test
    void oneOperationHoldsAComputeAcrossServices() {
        String compute = unique("lock-");
        String id = seed(unique("rg-"), unique("aks-"));
        UUID delete = UUID.randomUUID();
        SagaRequest lock = request(delete, compute, ParticipantAction.LockCompute, new LockCompute("DeleteCluster"));
        send(lock);
        assertThat(reply(lock).succeeded()).isTrue();

        JsonNode refused = TestKafka.awaitStatus(TestKafka.publish(new AttachCluster(WS, compute, id, null, null, null,
                null, null, null, null)), "OperationFailed").data();
        assertThat(refused.get("code").asText()).isEqualTo("OperationInProgress");
        assertThat(refused.get("message").asText()).contains("DeleteCluster operation " + delete);
        SagaRequest other = request(UUID.randomUUID(), compute, ParticipantAction.LockCompute,
                new LockCompute("ScaleCluster"));
        send(other);
        assertThat(reply(other).code().name()).isEqualTo("OperationInProgress");
        SagaRequest create = request(UUID.randomUUID(), compute, ParticipantAction.ReserveName,
                new ReserveName("westus", null));
        send(create);
        assertThat(reply(create).code().name()).isEqualTo("OperationInProgress");

        SagaRequest strangersUnlock = request(UUID.randomUUID(), compute, ParticipantAction.UnlockCompute,
                new UnlockCompute("not mine"));
        send(strangersUnlock);
        assertThat(reply(strangersUnlock).succeeded()).isTrue();
        SagaRequest stillHeld = request(UUID.randomUUID(), compute, ParticipantAction.LockCompute,
                new LockCompute("ScaleCluster"));
        send(stillHeld);
        assertThat(reply(stillHeld).code().name()).as("only the holder gives a compute back")
                .isEqualTo("OperationInProgress");

        SagaRequest unlock = request(delete, compute, ParticipantAction.UnlockCompute, new UnlockCompute("done"));
        send(unlock);
        assertThat(reply(unlock).succeeded()).isTrue();
        UUID attach = TestKafka.publish(new AttachCluster(WS, compute, id, null, null, null, null, null, null, null));
        TestKafka.awaitStatus(attach, "OperationSucceeded");
        SagaRequest after = request(UUID.randomUUID(), compute, ParticipantAction.LockCompute,
                new LockCompute("DeleteCluster"));
        send(after);
        assertThat(reply(after).succeeded()).as("an attacher saga gives its compute back when it ends").isTrue();
    }

    @Inject
    OrphanSweep orphans;

    @Test
    void aFrontEndAndSecretNoComputeUsesAreReportedAndRemovedAndALiveOneStays() {
        String liveCompute = unique("live-");
        String liveId = seed(unique("rg-"), unique("aks-"));
        TestKafka.awaitStatus(TestKafka.publish(new AttachCluster(WS, liveCompute, liveId, null, null, null, null,
                null, null, null)), "OperationSucceeded");

        // A create registered on its cluster, then given up: the provisioner could not delete the cluster.
        String lost = unique("lost-");
        String rg = unique("rg-");
        String cluster = unique("aks-");
        String id = seed(rg, cluster);
        UUID create = UUID.randomUUID();
        SagaRequest reserve = request(create, lost, ParticipantAction.ReserveName, new ReserveName("westus", null));
        send(reserve);
        assertThat(reply(reserve).succeeded()).isTrue();
        SagaRequest register = request(create, lost, ParticipantAction.RegisterCreated, new RegisterCreated(id,
                "westus", "1.32.7", 3, "Standard_D3_v2", ClusterPurpose.DevTest, LoadBalancerType.PublicIp, null,
                null, null, null, null, null));
        send(register);
        assertThat(reply(register).succeeded()).isTrue();
        try (KubernetesClient k8s = KubernetesClients.adminClient(Azure.clients().containerServiceManager(), rg,
                cluster)) {
            k8s.secrets().inNamespace(InClusterNames.NAMESPACE).resource(new SecretBuilder().withNewMetadata()
                    .withName(InClusterNames.TLS_SECRET).endMetadata().addToStringData("cert.pem", "x").build())
                    .create();
        }
        SagaRequest release = request(create, lost, ParticipantAction.ReleaseName, new ReleaseName("create failed"));
        send(release);
        assertThat(reply(release).succeeded()).isTrue();

        orphans.dueNow(java.time.Instant.now());
        JsonNode frontEnd = orphanEvent(lost, "front-end", false);
        assertThat(frontEnd.get("resourceId").asText()).endsWith("/namespaces/azureml/deployments/azureml-fe");
        assertThat(frontEnd.get("message").asText()).contains("operation " + create);
        orphanEvent(lost, "tls-secret", false);
        orphanEvent(lost, "front-end", true);
        orphanEvent(lost, "tls-secret", true);
        try (KubernetesClient k8s = KubernetesClients.adminClient(Azure.clients().containerServiceManager(), rg,
                cluster)) {
            assertThat(k8s.apps().deployments().inNamespace(InClusterNames.NAMESPACE)
                    .withName(InClusterNames.FRONT_END).get()).isNull();
            assertThat(k8s.secrets().inNamespace(InClusterNames.NAMESPACE).withName(InClusterNames.TLS_SECRET).get())
                    .isNull();
        }
        assertThat(TestKafka.records(Topics.STATUS)).as("an attached compute's front end is not an orphan")
                .noneMatch(r -> r.key().equals(WS + "/" + liveCompute)
                        && "akscompute.OrphanFound.v1".equals(TestKafka.header(r, "ce_type")));
    }

    private static JsonNode orphanEvent(String compute, String kind, boolean removed) {
        var record = TestKafka.await(Topics.STATUS, r -> r.key().equals(WS + "/" + compute)
                && "akscompute.OrphanFound.v1".equals(TestKafka.header(r, "ce_type"))
                && new KafkaProbe.StatusRecord(r).data().get("kind").asText().equals(kind)
                && new KafkaProbe.StatusRecord(r).data().get("removed").asBoolean() == removed,
                Duration.ofSeconds(60));
        return new KafkaProbe.StatusRecord(record).data();
    }

    @Test
    void aBrokenRequestIsDeadLetteredAndTheNextOneIsAnswered() {
        sendRaw("k", "{not json", UUID.randomUUID());
        String compute = unique("rel-");
        SagaRequest release = request(UUID.randomUUID(), compute, ParticipantAction.ReleaseName,
                new ReleaseName("test"));
        send(release);

        TestKafka.await(Topics.sagaRequests(ServiceName.ATTACHER) + ".dlq", r -> "{not json".equals(r.value()),
                Duration.ofSeconds(60));
        assertThat(reply(release).succeeded()).isTrue();
    }
}
