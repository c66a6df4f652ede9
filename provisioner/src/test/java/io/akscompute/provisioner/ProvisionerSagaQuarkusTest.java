package io.akscompute.provisioner;

import static org.assertj.core.api.Assertions.assertThat;

import com.azure.core.management.exception.ManagementException;
import com.azure.resourcemanager.containerservice.fluent.models.ManagedClusterInner;
import com.fasterxml.jackson.databind.JsonNode;
import io.akscompute.common.contract.ErrorCode;
import io.akscompute.common.contract.Json;
import io.akscompute.common.contract.ServiceName;
import io.akscompute.common.contract.command.CreateCluster;
import io.akscompute.common.contract.command.DeleteCluster;
import io.akscompute.common.contract.command.ScaleCluster;
import io.akscompute.common.contract.event.ComputeSnapshot;
import io.akscompute.common.contract.model.AksNetworkingConfiguration;
import io.akscompute.common.contract.model.ClusterPurpose;
import io.akscompute.common.contract.model.SslConfiguration;
import io.akscompute.common.contract.model.SslStatus;
import io.akscompute.common.contract.saga.ConfigureTls;
import io.akscompute.common.contract.saga.ParticipantAction;
import io.akscompute.common.contract.saga.RecordScale;
import io.akscompute.common.contract.saga.RegisterCreated;
import io.akscompute.common.contract.saga.SagaReply;
import io.akscompute.common.contract.saga.SagaRequest;
import io.akscompute.common.contract.saga.TlsConfigured;
import io.akscompute.common.contract.saga.UnregisterCreated;
import io.akscompute.common.contract.LocationVersions;
import io.akscompute.common.contract.Topics;
import io.akscompute.common.orphan.OrphanSweep;
import io.akscompute.common.versions.VersionCache;
import io.akscompute.provisioner.domain.ClusterTags;
import jakarta.inject.Inject;
import io.akscompute.emulator.AzureEmulator;
import io.akscompute.emulator.ClusterSeed;
import io.akscompute.emulator.Fault;
import io.akscompute.testing.Azure;
import io.akscompute.testing.FakeParticipant;
import io.akscompute.testing.KafkaProbe;
import io.akscompute.testing.SuiteInfrastructure;
import io.akscompute.testing.TestKafka;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Create, delete and scale against the real broker, PostgreSQL and the Azure emulator; participants faked on the broker. */
@QuarkusTest
@WithTestResource(value = SuiteInfrastructure.class, initArgs = @ResourceArg(name = "database", value = "provisioner"))
class ProvisionerSagaQuarkusTest {
    private static final String WS = "ws-prov";
    private static final String PUT = "ManagedClusters_CreateOrUpdate";
    /** The emulator's catalog marks 1.32 the default minor version in westus; its newest patch is 1.32.7. */
    private static final String WESTUS_DEFAULT = "1.32.7";
    private final FakeParticipant attacher = new FakeParticipant(ServiceName.ATTACHER);
    private final FakeParticipant tlsManager = new FakeParticipant(ServiceName.TLS_MANAGER);

    @AfterEach
    void clearFaults() {
        Azure.emulator().control().clearFaults();
    }

    private static String unique(String prefix) {
        return prefix + UUID.randomUUID().toString().substring(0, 6);
    }

    private static CreateCluster create(String rg, String compute, ClusterPurpose purpose, Integer agents,
            SslConfiguration ssl) {
        return new CreateCluster(WS, compute, null, rg, agents, null, purpose, null, null, null, ssl,
                "created by a test", null);
    }

    private SagaRequest expect(UUID op, int n, ParticipantAction action) {
        SagaRequest request = attacher.awaitRequest(op, n);
        assertThat(request.action()).isEqualTo(action);
        return request;
    }

    /** Answers the lock-compute step of a delete or scale as the attacher does when the compute is free. */
    private void lockGranted(UUID op) {
        attacher.succeed(expect(op, 0, ParticipantAction.LockCompute), null);
    }

    /** A refused delete or scale gives the compute back as its compensation; the n-th request of the operation. */
    private void unlockAnswered(UUID op, int n) {
        attacher.succeed(expect(op, n, ParticipantAction.UnlockCompute), null);
    }

    /** Answers RegisterCreated as the attacher would, with the snapshot of the registered compute. */
    private void register(SagaRequest request) {
        RegisterCreated r = Json.MAPPER.convertValue(request.payload(), RegisterCreated.class);
        attacher.succeed(request, new ComputeSnapshot(request.workspace(), request.computeName(), "Succeeded",
                List.of(), false, r.clusterResourceId(), r.location(), Instant.now(), Instant.now(), r.description(),
                new ComputeSnapshot.Properties(null, List.of(), r.agentCount(), r.agentVmSize(), r.clusterPurpose(),
                        null, null, r.loadBalancerType(), null, r.kubernetesVersion())));
    }

    private static JsonNode failure(UUID op) {
        return TestKafka.awaitStatus(op, "OperationFailed").data();
    }

    private static Optional<ManagedClusterInner> cluster(String resourceId) {
        String[] p = resourceId.split("/");
        try {
            return Optional.of(Azure.clients().containerServiceManager().serviceClient().getManagedClusters()
                    .getByResourceGroup(p[4], p[8]));
        } catch (ManagementException e) {
            if (e.getResponse().getStatusCode() == 404) {
                return Optional.empty();
            }
            throw e;
        }
    }

    private static List<String> stepsDone(UUID op) {
        return TestKafka.statusOf(op).stream().filter(s -> s.type().equals("akscompute.OperationProgress.v1"))
                .map(s -> s.data()).filter(d -> d.get("message").asText().startsWith("done")
                        || d.get("message").asText().startsWith("skipped"))
                .map(d -> d.get("step").asText()).toList();
    }

    /** A created cluster (reserve and register answered), for the delete and scale tests. */
    private String created(String compute, ClusterPurpose purpose, int agents) {
        return createdInAzure(create(unique("rg-"), compute, purpose, agents, null)).clusterResourceId();
    }

    private record Created(UUID op, String clusterResourceId, ManagedClusterInner inAzure) {
    }

    /** Publishes the create, answers the attacher's reserve and register, and reads the cluster from Azure. */
    private Created createdInAzure(CreateCluster command) {
        UUID op = TestKafka.publish(command);
        attacher.succeed(expect(op, 0, ParticipantAction.ReserveName), null);
        SagaRequest reg = expect(op, 1, ParticipantAction.RegisterCreated);
        register(reg);
        TestKafka.awaitStatus(op, "OperationSucceeded");
        String id = Json.MAPPER.convertValue(reg.payload(), RegisterCreated.class).clusterResourceId();
        return new Created(op, id, cluster(id).orElseThrow());
    }

    @Test
    void aCreateRunsEveryStepInOrderWithTheDefaultVersionAndReportsProgressWhileAzureProvisions() {
        // Long enough for several polls even when the reconciler (1 s ticks) starts late on a busy machine.
        Azure.emulator().control().setOperationDelay(PUT, Duration.ofSeconds(6));
        long putsBefore = Azure.emulator().control().requestCount(PUT);
        String rg = unique("rg-");
        String compute = unique("prod-");

        // The location as the portal shows it: taken as ARM's westus, as az and the versions endpoint take it.
        UUID op = TestKafka.publish(new CreateCluster(WS, compute, "West US", rg, null, null, null, null, null, null,
                SslConfiguration.auto("scoring"), "created by a test", null));
        SagaRequest reserve = expect(op, 0, ParticipantAction.ReserveName);
        // a second command for the compute while the first waits on the attacher
        JsonNode busy = failure(TestKafka.publish(new ScaleCluster(WS, compute, 4, null)));
        assertThat(busy.get("code").asText()).isEqualTo("OperationInProgress");
        attacher.succeed(reserve, null);

        SagaRequest tls = tlsManager.awaitRequest(op, 0);
        ConfigureTls askedTls = Json.MAPPER.convertValue(tls.payload(), ConfigureTls.class);
        assertThat(askedTls.location()).isEqualTo("westus");
        assertThat(askedTls.clusterResourceId()).containsIgnoringCase("/resourceGroups/" + rg + "/");
        tlsManager.succeed(tls, new TlsConfigured("cert-1", SslStatus.Auto, "scoringab12cd.westus.cloudapp.azure.com",
                null, "scoringab12cd", Instant.now().plusSeconds(86400)));
        SagaRequest reg = expect(op, 1, ParticipantAction.RegisterCreated);
        RegisterCreated asked = Json.MAPPER.convertValue(reg.payload(), RegisterCreated.class);
        register(reg);

        JsonNode snapshot = TestKafka.awaitStatus(op, "OperationSucceeded").data().get("compute");
        assertThat(snapshot.get("provisioningState").asText()).isEqualTo("Succeeded");
        assertThat(stepsDone(op)).containsExactly("check-vm-size", "reserve-name", "pick-version", "resource-group",
                "create-cluster", "configure-tls", "register");
        assertThat(TestKafka.statusOf(op)).filteredOn(s -> s.data().path("step").asText().equals("create-cluster")
                && s.data().path("message").asText().startsWith("Azure is provisioning")).hasSizeGreaterThanOrEqualTo(2);
        assertThat(asked.tls().dnsLabel()).isEqualTo("scoringab12cd");
        assertThat(asked.agentCount()).isEqualTo(3);
        assertThat(asked.agentVmSize()).isEqualTo("Standard_D3_v2");
        ManagedClusterInner inAzure = cluster(asked.clusterResourceId()).orElseThrow();
        assertThat(inAzure.location()).isEqualTo("westus");
        assertThat(asked.clusterFqdn()).isNotBlank().isEqualTo(inAzure.fqdn());
        assertThat(inAzure.kubernetesVersion()).isEqualTo(WESTUS_DEFAULT);
        assertThat(asked.kubernetesVersion()).isEqualTo(inAzure.currentKubernetesVersion());
        assertThat(inAzure.agentPoolProfiles().get(0).count()).isEqualTo(3);
        assertThat(inAzure.tags()).containsEntry("akscompute-created-by", "akscompute")
                .containsEntry("akscompute-compute", compute).containsEntry("akscompute-operation", op.toString());
        assertThat(Azure.emulator().control().requestCount(PUT) - putsBefore).isEqualTo(1);
        Azure.emulator().control().setOperationDelay(PUT, Duration.ofSeconds(2));
    }

    @Test
    void aCreateTakesTheDefaultVersionFromTheVersionCatalogWithoutAskingArm() {
        // version-catalog's record for northeurope names 1.31.11 (offered there; ARM's own default is 1.32.7).
        LocationVersions catalog = new LocationVersions("northeurope", "1.31.11", List.of(
                new LocationVersions.MinorVersion("1.31", true, false, List.of("KubernetesOfficial"),
                        List.of(new LocationVersions.PatchVersion("1.31.11", true, List.of())))), Instant.now());
        ProducerRecord<String, String> record = new ProducerRecord<>(Topics.VERSIONS, "northeurope",
                Json.write(catalog));
        record.headers().add("ce_type", VersionCache.CE_TYPE.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        TestKafka.publish(record);
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30))
                .until(() -> versions.defaultVersion("northeurope").isPresent());
        long versionCallsBefore = Azure.emulator().control().requestCount("ManagedClusters_ListKubernetesVersions");

        ManagedClusterInner inAzure = createdInAzure(new CreateCluster(WS, unique("neu-"), "northeurope",
                unique("rg-"), null, null, ClusterPurpose.DevTest, null, null, null, null, null, null)).inAzure();

        assertThat(inAzure.kubernetesVersion()).isEqualTo("1.31.11");
        assertThat(Azure.emulator().control().requestCount("ManagedClusters_ListKubernetesVersions"))
                .isEqualTo(versionCallsBefore);
    }

    @Test
    void aCreateInAVirtualNetworkRunsAzureCniInThatSubnetAndSaysTheBridgeCidrIsIgnored() {
        String rg = unique("rg-");
        String compute = unique("vnet-");
        Azure.emulator().control().seedVirtualNetwork(AzureEmulator.DEFAULT_SUBSCRIPTION_ID, "rg-net", "vnet-ml",
                "westus", "aks-subnet");
        AksNetworkingConfiguration network = new AksNetworkingConfiguration("rg-net", "vnet-ml", "aks-subnet",
                "10.1.0.0/16", "10.1.0.10", "172.17.0.1/16");
        Created created = createdInAzure(new CreateCluster(WS, compute, null, rg, null, null,
                ClusterPurpose.DevTest, network, null, null, null, null, null));
        UUID op = created.op();
        ManagedClusterInner inAzure = created.inAzure();

        assertThat(inAzure.networkProfile().networkPlugin()).hasToString("azure");
        assertThat(inAzure.networkProfile().serviceCidr()).isEqualTo("10.1.0.0/16");
        assertThat(inAzure.networkProfile().dnsServiceIp()).isEqualTo("10.1.0.10");
        assertThat(inAzure.agentPoolProfiles().get(0).vnetSubnetId()).endsWith("/resourceGroups/rg-net/providers/"
                + "Microsoft.Network/virtualNetworks/vnet-ml/subnets/aks-subnet");
        assertThat(TestKafka.statusOf(op)).filteredOn(s -> s.data().path("step").asText().equals("create-cluster")
                && !s.data().path("warnings").isEmpty())
                .flatExtracting(s -> Json.MAPPER.convertValue(s.data().get("warnings"), List.class))
                .singleElement().asString().contains("dockerBridgeCidr 172.17.0.1/16 is ignored");
    }

    @Test
    void aCreateWhosePutWentOutBeforeARestartWatchesThatClusterAndOverwritesNothing() {
        String rg = unique("rg-");
        String compute = unique("resume-");
        UUID id = UUID.randomUUID();
        // What Azure holds when the provisioner stopped right after its PUT: our cluster, still Creating.
        ClusterSeed seed = ClusterSeed.of(rg, compute + "-" + id.toString().substring(0, 6)).location("westus")
                .kubernetesVersion(WESTUS_DEFAULT).agents(1, "Standard_D3_v2").provisioningState("Creating")
                .tag("akscompute-created-by", "akscompute").tag("akscompute-workspace", WS)
                .tag("akscompute-compute", compute).tag("akscompute-operation", id.toString());
        Azure.emulator().control().seedCluster(seed);
        long putsBefore = Azure.emulator().control().requestCount(PUT);
        CreateCluster command = create(rg, compute, ClusterPurpose.DevTest, 1, null);

        TestKafka.publishRaw(command.key(), TestKafka.structured(id, command));
        attacher.succeed(expect(id, 0, ParticipantAction.ReserveName), null);
        TestKafka.await(Topics.STATUS, r -> id.toString().equals(TestKafka.header(r, "ce_correlationid"))
                && r.value().contains("resuming: Azure is creating"), Duration.ofSeconds(60));
        Azure.emulator().control().seedCluster(seed.provisioningState("Succeeded"));
        register(expect(id, 1, ParticipantAction.RegisterCreated));

        TestKafka.awaitStatus(id, "OperationSucceeded");
        // One create-only PUT (If-None-Match: *), refused because the cluster exists; no operation was started.
        assertThat(Azure.emulator().control().requestCount(PUT)).isEqualTo(putsBefore + 1);
        assertThat(TestKafka.statusOf(id)).noneMatch(s -> s.data().path("message").asText().startsWith("Azure accepted"));
    }

    @Test
    void aCreateWhoseClusterNameIsTakenByAClusterItDidNotCreateFailsAndLeavesThatClusterAsItWas() {
        String rg = unique("rg-");
        String compute = unique("taken-");
        UUID id = UUID.randomUUID();
        String name = compute + "-" + id.toString().substring(0, 6);
        Azure.emulator().control().seedCluster(ClusterSeed.of(rg, name).location("westus")
                .kubernetesVersion(WESTUS_DEFAULT).agents(2, "Standard_D3_v2").tag("owner", "someone else"));
        CreateCluster command = create(rg, compute, ClusterPurpose.DevTest, 1, null);

        TestKafka.publishRaw(command.key(), TestKafka.structured(id, command));
        attacher.succeed(expect(id, 0, ParticipantAction.ReserveName), null);
        attacher.succeed(expect(id, 1, ParticipantAction.ReleaseName), null);

        JsonNode failed = failure(id);
        assertThat(failed.get("code").asText()).isEqualTo("ComputeAlreadyExists");
        assertThat(failed.get("message").asText()).contains("an AKS cluster named " + name
                + " already exists in resource group " + rg + " and was not created by this operation");
        ManagedClusterInner kept = Azure.clients().containerServiceManager().serviceClient().getManagedClusters()
                .getByResourceGroup(rg, name);
        assertThat(kept.tags()).containsEntry("owner", "someone else").doesNotContainKey("akscompute-operation");
        assertThat(kept.agentPoolProfiles().get(0).count()).isEqualTo(2);
    }

    @Test
    void anLroThatFailsAfterTheClusterExistsDeletesItAndReleasesTheName() {
        Azure.emulator().control().injectFault(Fault.failLro(PUT, "QuotaExceeded", "Operation could not be "
                + "completed as it results in exceeding approved Total Regional Cores quota. Location: westus, "
                + "Current Limit: 10, Current Usage: 8, Additional Required: 3"));
        UUID op = TestKafka.publish(create(unique("rg-"), unique("quota-"), ClusterPurpose.DevTest, 1, null));
        attacher.succeed(expect(op, 0, ParticipantAction.ReserveName), null);

        SagaRequest release = expect(op, 1, ParticipantAction.ReleaseName);
        String clusterName = TestKafka.statusOf(op).stream().map(s -> s.data().path("message").asText())
                .filter(m -> m.startsWith("Azure accepted the AKS cluster ")).findFirst().orElseThrow()
                .split(" ")[5];
        assertThat(Azure.emulator().control().clusters().keySet()).noneMatch(k -> k.contains(clusterName));
        attacher.succeed(release, null);

        JsonNode failed = failure(op);
        assertThat(failed.get("code").asText()).isEqualTo("QuotaExceeded");
        assertThat(failed.get("message").asText()).contains("Total Regional Cores");
        assertThat(failed.get("compensated")).extracting(JsonNode::asText)
                .containsExactly("create-cluster", "reserve-name");
    }

    @Test
    void aSizeTheSubscriptionMayNotUseThereIsRefusedBeforeAnythingIsReservedOrCreated() {
        String name = unique("gpu-");
        UUID op = TestKafka.publish(new CreateCluster(WS, name, "westus", unique("rg-"), 1, "standard_nc24rs_v3",
                ClusterPurpose.DevTest, null, null, null, null, null, null));

        JsonNode failed = failure(op);
        assertThat(failed.get("code").asText()).isEqualTo("ValidationFailed");
        assertThat(failed.get("message").asText()).contains("Standard_NC24rs_v3 is not available to this "
                + "subscription in westus (NotAvailableForSubscription)", "Standard_NC24s_v3");
        assertThat(failed.get("details").get(0).get("field").asText()).isEqualTo("agentVmSize");
        assertThat(failed.path("compensated")).isEmpty();
        assertThat(stepsDone(op)).isEmpty();
        assertThat(Azure.emulator().control().clusters().keySet()).noneMatch(k -> k.contains(name));
    }

    @Test
    void aProductionClusterOfTwoVcpuNodesIsRefusedWithItsFiguresFromAzure() {
        UUID op = TestKafka.publish(new CreateCluster(WS, unique("small-"), "westus", unique("rg-"), 3,
                "Standard_D2s_v5", ClusterPurpose.FastProd, null, null, null, null, null, null));

        JsonNode failed = failure(op);
        assertThat(failed.get("code").asText()).isEqualTo("ValidationFailed");
        assertThat(failed.get("message").asText()).contains("3 x Standard_D2s_v5 (2 vCPUs each) gives 3 nodes and "
                + "6 vCPUs");
    }

    @Test
    void aCreateInASubnetThatDoesNotExistFailsNamingItAndReleasesTheName() {
        AksNetworkingConfiguration network = new AksNetworkingConfiguration("rg-net", "vnet-ml", "no-such-subnet",
                "10.1.0.0/16", "10.1.0.10", "172.17.0.1/16");
        UUID op = TestKafka.publish(new CreateCluster(WS, unique("nosub-"), null, unique("rg-"), null, null,
                ClusterPurpose.DevTest, network, null, null, null, null, null));
        attacher.succeed(expect(op, 0, ParticipantAction.ReserveName), null);
        attacher.succeed(expect(op, 1, ParticipantAction.ReleaseName), null);

        JsonNode failed = failure(op);
        assertThat(failed.get("code").asText()).isEqualTo("AzureError");
        assertThat(failed.get("message").asText()).contains("SubnetNotFound")
                .contains("Could not find subnet no-such-subnet in vnet vnet-ml from resource group rg-net");
        assertThat(failed.get("compensated")).extracting(JsonNode::asText).contains("reserve-name");
    }

    @Test
    void aStormOf429IsRiddenOut() {
        Azure.emulator().control().injectFault(Fault.respond(PUT, 6, 429, "TooManyRequests"));
        UUID op = TestKafka.publish(create(unique("rg-"), unique("busy-"), ClusterPurpose.DevTest, 1, null));
        attacher.succeed(expect(op, 0, ParticipantAction.ReserveName), null);
        register(expect(op, 1, ParticipantAction.RegisterCreated));

        TestKafka.awaitStatus(op, "OperationSucceeded");
        assertThat(TestKafka.statusOf(op)).anySatisfy(s -> assertThat(s.data().path("message").asText())
                .contains("failed (Azure answered 429"));
        assertThat(Azure.emulator().control().faults()).isEmpty();
    }

    @Test
    void aPolicyForbiddingPublicIpsIsExplained() {
        Azure.emulator().control().injectFault(Fault.respond(PUT, 1, 403, "RequestDisallowedByPolicy"));
        UUID op = TestKafka.publish(create(unique("rg-"), unique("policy-"), ClusterPurpose.DevTest, 1, null));
        attacher.succeed(expect(op, 0, ParticipantAction.ReserveName), null);
        attacher.succeed(expect(op, 1, ParticipantAction.ReleaseName), null);

        JsonNode failed = failure(op);
        assertThat(failed.get("code").asText()).isEqualTo("PolicyViolation");
        assertThat(failed.get("message").asText()).contains("public IP").contains("egress")
                .contains("userDefinedRouting");
    }

    @Test
    void deleteOfAnAttachedComputeIsRefusedAndTouchesNoCluster() {
        long deletesBefore = Azure.emulator().control().requestCount("ManagedClusters_Delete");
        UUID op = TestKafka.publish(new DeleteCluster(WS, unique("att-")));
        lockGranted(op);
        SagaRequest unregister = expect(op, 1, ParticipantAction.UnregisterCreated);
        assertThat(Json.MAPPER.convertValue(unregister.payload(), UnregisterCreated.class).clusterResourceId())
                .isNull();
        attacher.reply(unregister, new SagaReply(unregister.sagaId(), unregister.requestId(), unregister.action(),
                false, ErrorCode.NotCreatedByAkscompute, "compute was attached, not created by akscompute; use "
                + "DetachCluster", List.of(), false, null));
        unlockAnswered(op, 2);

        JsonNode failed = failure(op);
        assertThat(failed.get("code").asText()).isEqualTo("NotCreatedByAkscompute");
        assertThat(failed.get("message").asText()).contains("DetachCluster");
        assertThat(Azure.emulator().control().requestCount("ManagedClusters_Delete")).isEqualTo(deletesBefore);
    }

    @Test
    void deleteOfACreatedClusterDetachesItDeletesTheClusterAndThenReleasesTheName() {
        String compute = unique("del-");
        String id = created(compute, ClusterPurpose.DevTest, 1);

        UUID op = TestKafka.publish(new DeleteCluster(WS, compute));
        lockGranted(op);
        SagaRequest unregister = expect(op, 1, ParticipantAction.UnregisterCreated);
        assertThat(Json.MAPPER.convertValue(unregister.payload(), UnregisterCreated.class).clusterResourceId())
                .isEqualTo(id);
        assertThat(cluster(id)).isPresent();
        attacher.succeed(unregister, null);
        SagaRequest release = expect(op, 2, ParticipantAction.ReleaseName);
        assertThat(cluster(id)).as("the name is released only after the cluster is gone").isEmpty();
        attacher.succeed(release, null);

        TestKafka.awaitStatus(op, "OperationSucceeded");
        assertThat(stepsDone(op)).containsExactly("lock-compute", "find-compute", "unregister", "delete-cluster",
                "release-name");
    }

    @Test
    void scaleChangesTheNodeCountOnlyAndKeepsProductionAtThreeNodes() {
        String compute = unique("scale-");
        String id = created(compute, ClusterPurpose.FastProd, 3);

        JsonNode resize = refusedScale(new ScaleCluster(WS, compute, 4, "Standard_D4s_v3"));
        assertThat(resize.get("code").asText()).isEqualTo("ValidationFailed");
        assertThat(resize.get("message").asText()).contains("AKS cannot change the VM size of a node pool")
                .contains("create a new cluster");
        JsonNode tooFew = refusedScale(new ScaleCluster(WS, compute, 2, null));
        assertThat(tooFew.get("code").asText()).isEqualTo("ValidationFailed");
        assertThat(tooFew.get("message").asText()).contains("at least 3 nodes");

        UUID op = TestKafka.publish(new ScaleCluster(WS, compute, 5, "Standard_D3_v2"));
        lockGranted(op);
        SagaRequest record = expect(op, 1, ParticipantAction.RecordScale);
        String[] p = id.split("/");
        assertThat(Azure.clients().containerServiceManager().serviceClient().getAgentPools()
                .get(p[4], p[8], "agentpool").count()).as("the registry hears of it once Azure is done").isEqualTo(5);
        RecordScale scaled = Json.MAPPER.convertValue(record.payload(), RecordScale.class);
        assertThat(scaled.agentCount()).isEqualTo(5);
        attacher.succeed(record, new ComputeSnapshot(WS, compute, "Succeeded", List.of(), false, id, "westus",
                Instant.now(), Instant.now(), null, new ComputeSnapshot.Properties(null, List.of(), 5,
                        scaled.agentVmSize(), ClusterPurpose.FastProd, null, null, null, null, "1.32.7")));
        JsonNode snapshot = TestKafka.awaitStatus(op, "OperationSucceeded").data().get("compute");
        assertThat(snapshot.at("/properties/agentCount").asInt()).isEqualTo(5);
        assertThat(stepsDone(op)).containsExactly("lock-compute", "check-scale", "scale-node-pool",
                "update-registry");
    }

    @Inject
    jakarta.persistence.EntityManager em;

    @Test
    void nodesOfASizeTheSubscriptionMayNoLongerUseAreNotAddedButMayBeRemoved() {
        String compute = unique("retired-");
        created(compute, ClusterPurpose.DevTest, 2);
        // Since the cluster was made, Azure restricted its size for this subscription in westus.
        io.quarkus.narayana.jta.QuarkusTransaction.requiringNew().run(() -> em.createQuery(
                "update CreatedCluster c set c.agentVmSize = :size where c.computeName = :name")
                .setParameter("size", "Standard_NC24rs_v3").setParameter("name", compute).executeUpdate());

        JsonNode refused = refusedScale(new ScaleCluster(WS, compute, 3, null));
        assertThat(refused.get("code").asText()).isEqualTo("ValidationFailed");
        assertThat(refused.get("message").asText()).contains("no nodes can be added", "Standard_NC24rs_v3",
                "NotAvailableForSubscription", "Standard_NC24s_v3");

        UUID down = TestKafka.publish(new ScaleCluster(WS, compute, 1, null));
        lockGranted(down);
        SagaRequest record = expect(down, 1, ParticipantAction.RecordScale);
        assertThat(Json.MAPPER.convertValue(record.payload(), RecordScale.class).agentCount()).isEqualTo(1);
        attacher.succeed(record, new ComputeSnapshot(WS, compute, "Succeeded", List.of(), false, null, "westus",
                Instant.now(), Instant.now(), null, new ComputeSnapshot.Properties(null, List.of(), 1,
                        "Standard_NC24rs_v3", ClusterPurpose.DevTest, null, null, null, null, "1.32.7")));
        TestKafka.awaitStatus(down, "OperationSucceeded");
    }

    @Test
    void scaleOfAComputeAkscomputeDidNotCreateIsRefused() {
        JsonNode failed = refusedScale(new ScaleCluster(WS, unique("none-"), 3, null));
        assertThat(failed.get("code").asText()).isEqualTo("ComputeNotFound");
    }

    @Inject
    OrphanSweep orphans;

    @Inject
    VersionCache versions;

    @Test
    void aClusterNothingAccountsForIsReportedAndRemovedAndALiveOneIsLeftAlone() {
        String live = unique("live-");
        String liveId = created(live, ClusterPurpose.DevTest, 1);
        String lost = unique("lost-");
        String lostId = Azure.emulator().control().seedCluster(ClusterSeed.of(unique("rg-"), lost + "-a1b2c3")
                .location("westus").kubernetesVersion("1.32.7").agents(1, "Standard_D3_v2")
                .tag(ClusterTags.CREATED_BY, "akscompute").tag(ClusterTags.WORKSPACE, WS)
                .tag(ClusterTags.COMPUTE, lost).tag(ClusterTags.OPERATION, UUID.randomUUID().toString()))
                .get("id").asText();

        orphans.dueNow(Instant.now());
        JsonNode found = orphanEvent(lost, false);
        assertThat(found.get("kind").asText()).isEqualTo("cluster");
        assertThat(found.get("resourceId").asText()).isEqualToIgnoringCase(lostId);
        assertThat(found.get("message").asText()).contains("no compute of that name was created");
        orphanEvent(lost, true);
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> cluster(lostId).isEmpty());

        assertThat(TestKafka.records(Topics.STATUS)).as("a created compute's cluster is not an orphan")
                .noneMatch(r -> r.key().equals(WS + "/" + live)
                        && "akscompute.OrphanFound.v1".equals(TestKafka.header(r, "ce_type")));
        assertThat(cluster(liveId)).isPresent();
    }

    private static JsonNode orphanEvent(String compute, boolean removed) {
        var record = TestKafka.await(Topics.STATUS, r -> r.key().equals(WS + "/" + compute)
                && "akscompute.OrphanFound.v1".equals(TestKafka.header(r, "ce_type"))
                && new KafkaProbe.StatusRecord(r).data().get("removed").asBoolean() == removed,
                Duration.ofSeconds(60));
        return new KafkaProbe.StatusRecord(record).data();
    }

    /** A scale the provisioner refuses after taking the compute: it gives the compute back, then fails. */
    private JsonNode refusedScale(ScaleCluster scale) {
        UUID op = TestKafka.publish(scale);
        lockGranted(op);
        unlockAnswered(op, 1);
        return failure(op);
    }

    @Test
    void aComputeBusyWithAnotherServicesOperationIsNotTouched() {
        String compute = unique("busy-");
        String id = created(compute, ClusterPurpose.DevTest, 1);
        long deletesBefore = Azure.emulator().control().requestCount("ManagedClusters_Delete");
        UUID op = TestKafka.publish(new DeleteCluster(WS, compute));
        SagaRequest lock = expect(op, 0, ParticipantAction.LockCompute);
        UUID holder = UUID.randomUUID();
        attacher.reply(lock, new SagaReply(lock.sagaId(), lock.requestId(), lock.action(), false,
                ErrorCode.OperationInProgress, "UpdateCluster operation " + holder + " is still running for compute "
                + compute, List.of(), false, null));

        JsonNode failed = failure(op);
        assertThat(failed.get("code").asText()).isEqualTo("OperationInProgress");
        assertThat(failed.get("message").asText()).contains("UpdateCluster operation " + holder);
        assertThat(attacher.requests(op)).extracting(SagaRequest::action)
                .as("a lock never taken is not given back").containsExactly(ParticipantAction.LockCompute);
        assertThat(cluster(id)).isPresent();
        assertThat(Azure.emulator().control().requestCount("ManagedClusters_Delete")).isEqualTo(deletesBefore);
    }

}
