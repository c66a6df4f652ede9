package io.akscompute.tlsmanager;

import static org.assertj.core.api.Assertions.assertThat;

import io.akscompute.common.contract.CloudEventTypes;
import io.akscompute.common.contract.ErrorCode;
import io.akscompute.common.contract.InClusterNames;
import io.akscompute.common.contract.model.LoadBalancerType;
import io.akscompute.common.contract.model.SslConfiguration;
import io.akscompute.common.contract.model.SslStatus;
import io.akscompute.common.contract.saga.ConfigureTls;
import io.akscompute.common.contract.saga.ParticipantAction;
import io.akscompute.common.contract.saga.RemoveTls;
import io.akscompute.common.contract.saga.SagaReply;
import io.akscompute.common.contract.saga.SagaRequest;
import io.akscompute.emulator.Fault;
import io.akscompute.testing.Azure;
import io.akscompute.testing.Postgres;
import io.akscompute.testing.SuiteInfrastructure;
import io.akscompute.testing.TestIdentity;
import io.akscompute.testing.TestKafka;
import io.akscompute.tlsmanager.domain.CertificateValidator;
import io.akscompute.tlsmanager.domain.HostNames;
import io.akscompute.tlsmanager.domain.Pem;
import io.fabric8.kubernetes.api.model.Secret;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(value = SuiteInfrastructure.class, initArgs = @ResourceArg(name = "database", value = "tls_manager"))
class TlsParticipantQuarkusTest {
    static final String WS = "ws-tls";

    @TestHTTPResource("/workspaces/ws-tls/certificates")
    URI certificates;

    @BeforeEach
    void captureLogs() {
        LogCapture.install();
    }

    private static String compute() {
        return "c" + UUID.randomUUID().toString().substring(0, 8);
    }

    static SagaRequest configureAuto(String compute, String cluster, String label, Boolean overwrite) {
        return Saga.request(ParticipantAction.ConfigureTls, WS, compute, new ConfigureTls(cluster, "westus",
                new SslConfiguration(SslStatus.Auto, null, null, label, overwrite, null), LoadBalancerType.PublicIp));
    }

    /** cert.pem and key.pem of the cluster's secret belong together and name the FQDN. */
    static X509Certificate assertSecretHolds(Secret secret, String host) {
        assertThat(secret).as("azuremlfessl secret").isNotNull();
        assertThat(secret.getData()).containsOnlyKeys(InClusterNames.TLS_CERT_KEY, InClusterNames.TLS_KEY_KEY);
        List<X509Certificate> chain = Pem.certificates(Clusters.data(secret, InClusterNames.TLS_CERT_KEY));
        PrivateKey key = Pem.privateKey(UsedKeys.remember(Clusters.data(secret, InClusterNames.TLS_KEY_KEY)));
        assertThat(CertificateValidator.matches(key, chain.get(0).getPublicKey())).as("key matches cert").isTrue();
        assertThat(HostNames.covers(HostNames.of(chain.get(0)), host)).as("certificate covers %s", host).isTrue();
        return chain.get(0);
    }

    @Test
    void configureAutoIssuesACertificateForTheLabelAndWritesTheSecretThenRemoveDeletesIt() {
        String cluster = Clusters.seed();
        String compute = compute();
        SagaRequest request = configureAuto(compute, cluster, "scoring", null);

        Saga.send(request);
        SagaReply reply = Saga.awaitReply(request);

        assertThat(reply.succeeded()).as("reply %s", reply).isTrue();
        assertThat(reply.sagaId()).isEqualTo(request.sagaId());
        assertThat(reply.action()).isEqualTo(ParticipantAction.ConfigureTls);
        var result = reply.result();
        String fqdn = result.get("fqdn").asText();
        assertThat(fqdn).matches("scoring[a-z0-9]{6}\\.westus\\.cloudapp\\.azure\\.com");
        assertThat(result.get("dnsLabel").asText()).isEqualTo(fqdn.substring(0, fqdn.indexOf('.')));
        assertThat(result.get("status").asText()).isEqualTo("Auto");
        assertThat(result.get("certificateRef").asText()).startsWith("cert-");
        assertThat(result.has("notAfter")).isTrue();
        X509Certificate leaf = assertSecretHolds(Clusters.tlsSecret(cluster), fqdn);
        assertThat(leaf.getNotAfter().toInstant()).isEqualTo(java.time.Instant.parse(result.get("notAfter").asText()));

        var record = TestKafka.await(Saga.REPLIES, r -> r.value().contains(request.requestId().toString()),
                Duration.ofSeconds(10));
        assertThat(record.key()).isEqualTo(request.sagaId().toString());
        assertThat(TestKafka.header(record, "ce_type")).isEqualTo(CloudEventTypes.of("SagaReply"));
        assertThat(TestKafka.header(record, "ce_correlationid")).isEqualTo(request.operationId().toString());

        SagaRequest remove = Saga.request(ParticipantAction.RemoveTls, WS, compute, new RemoveTls(cluster, true));
        Saga.send(remove);
        SagaReply removed = Saga.awaitReply(remove);
        assertThat(removed.succeeded()).isTrue();
        assertThat(removed.result().get("secretDeleted").asBoolean()).isTrue();
        assertThat(Clusters.tlsSecret(cluster)).isNull();

        // removing again: nothing there is fine
        SagaRequest again = Saga.request(ParticipantAction.RemoveTls, WS, compute, new RemoveTls(cluster, false));
        Saga.send(again);
        SagaReply second = Saga.awaitReply(again);
        assertThat(second.succeeded()).isTrue();
        assertThat(second.result().get("secretDeleted").asBoolean()).isFalse();
    }

    /**
     * A request waiting on its cluster holds no database transaction: the handler writes the secret with none open
     * (it used to run inside the transaction that claimed the request, for as long as the cluster took).
     */
    @Test
    void aRequestWaitingOnItsClusterHoldsNoTransaction() {
        try {
            SagaRequest request = sentInsideAHangingCredentialsFetch("held");
            java.time.Instant callBegan = java.time.Instant.now();

            assertThat(Postgres.transactionsOpenSince("tls_manager", callBegan))
                    .as("transactions begun before the call and still open").isEmpty();
            assertThat(Saga.replies(request)).as("no reply while the cluster has not answered").isEmpty();
            assertThat(Saga.awaitReply(request).succeeded()).isTrue();
        } finally {
            Azure.emulator().control().clearFaults();
        }
    }

    /** Sends a ConfigureTls and returns once it is inside its cluster's credentials fetch, answered 8 s late. */
    private static SagaRequest sentInsideAHangingCredentialsFetch(String label) {
        String cluster = Clusters.seed();
        var emulator = Azure.emulator().control();
        long fetched = emulator.requestCount("ManagedClusters_ListClusterAdminCredentials");
        emulator.injectFault(Fault.hang("ManagedClusters_ListClusterAdminCredentials", 1, Duration.ofSeconds(8)));
        SagaRequest request = configureAuto(compute(), cluster, label, null);
        Saga.send(request);
        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(20))
                .until(() -> emulator.requestCount("ManagedClusters_ListClusterAdminCredentials") > fetched);
        return request;
    }

    @jakarta.inject.Inject
    jakarta.persistence.EntityManager em;

    /**
     * A handler's result that comes back after another worker took its request (the lease ran out: renewals
     * stopped, as in a long pause) is dropped: the owner gets one reply, the other worker's.
     */
    @Test
    void aResultComingBackAfterAnotherWorkerTookTheRequestIsDropped() {
        try {
            SagaRequest request = sentInsideAHangingCredentialsFetch("taken");
            // What another worker's claim of a request whose lease ran out does: the row's version moves on.
            int taken = io.quarkus.narayana.jta.QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery(
                    "update participant_work set version = version + 1, next_attempt_at = now()"
                            + " where request_id = :id").setParameter("id", request.requestId()).executeUpdate());
            assertThat(taken).isEqualTo(1);

            assertThat(Saga.awaitReply(request).succeeded()).isTrue();
            String dropped = "saga request " + request.requestId() + ": its lease ran out";
            Awaitility.await().atMost(Duration.ofSeconds(30))
                    .until(() -> LogCapture.lines().stream().anyMatch(l -> l.contains(dropped)));
            assertThat(Saga.replies(request)).as("replies to the request").hasSize(1);
        } finally {
            Azure.emulator().control().clearFaults();
        }
    }

    @Test
    void aDuplicateRequestGetsTheStoredReplyWithoutIssuingAgain() {
        String cluster = Clusters.seed();
        SagaRequest request = configureAuto(compute(), cluster, "dupe", null);
        Saga.send(request);
        SagaReply first = Saga.awaitReply(request);
        String before = Clusters.data(Clusters.tlsSecret(cluster), InClusterNames.TLS_CERT_KEY);

        Saga.send(request);

        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> Saga.replies(request).size() == 2);
        SagaReply second = Saga.reply(Saga.replies(request).get(1));
        assertThat(second).isEqualTo(first);
        assertThat(Clusters.data(Clusters.tlsSecret(cluster), InClusterNames.TLS_CERT_KEY)).isEqualTo(before);
    }

    @Test
    void reattachReusesTheComputesCertificateAndAnotherComputeNeedsOverwriteForTheSameLabel() {
        String label = "lbl" + UUID.randomUUID().toString().substring(0, 6).replaceAll("[^a-z]", "x");
        String compute = compute();
        SagaRequest first = configureAuto(compute, Clusters.seed(), label, null);
        Saga.send(first);
        SagaReply issued = Saga.awaitReply(first);
        assertThat(issued.succeeded()).isTrue();

        SagaRequest reattach = configureAuto(compute, Clusters.seed(), label, null);
        Saga.send(reattach);
        SagaReply reused = Saga.awaitReply(reattach);
        assertThat(reused.result().get("certificateRef")).isEqualTo(issued.result().get("certificateRef"));
        assertThat(reused.result().get("fqdn")).isEqualTo(issued.result().get("fqdn"));

        SagaRequest other = configureAuto(compute(), Clusters.seed(), label, null);
        Saga.send(other);
        SagaReply refused = Saga.awaitReply(other);
        assertThat(refused.succeeded()).isFalse();
        assertThat(refused.code()).isEqualTo(ErrorCode.ValidationFailed);
        assertThat(refused.message()).contains("already has the domain " + issued.result().get("fqdn").asText(),
                "overwriteExistingDomain");

        String otherCluster = Clusters.seed();
        SagaRequest overwrite = configureAuto(compute(), otherCluster, label, true);
        Saga.send(overwrite);
        SagaReply overwritten = Saga.awaitReply(overwrite);
        assertThat(overwritten.succeeded()).isTrue();
        assertThat(overwritten.result().get("fqdn")).isEqualTo(issued.result().get("fqdn"));
        assertThat(overwritten.result().get("certificateRef")).isNotEqualTo(issued.result().get("certificateRef"));
        assertSecretHolds(Clusters.tlsSecret(otherCluster), issued.result().get("fqdn").asText());
    }

    @Test
    void tlsWithTheInternalLoadBalancerIsRefused() {
        String cluster = Clusters.seed();
        SagaRequest request = Saga.request(ParticipantAction.ConfigureTls, WS, compute(), new ConfigureTls(cluster,
                "westus", SslConfiguration.auto("internal"), LoadBalancerType.InternalLoadBalancer));
        Saga.send(request);
        SagaReply reply = Saga.awaitReply(request);
        assertThat(reply.succeeded()).isFalse();
        assertThat(reply.code()).isEqualTo(ErrorCode.ValidationFailed);
        assertThat(reply.message()).isEqualTo("TLS is not supported together with the internal load balancer");
        assertThat(reply.retryable()).isFalse();
        assertThat(Clusters.tlsSecret(cluster)).isNull();
    }

    @Test
    void enabledUsesTheUploadedCertificateAndUnknownReferencesAreRefused() {
        var bundle = TestCertificates.server("*.contoso.com");
        Http.Answer created = Http.post(certificates,
                Http.upload(bundle.chainPem(), UsedKeys.remember(bundle.keyPem()), "scoring.contoso.com"),
                TestIdentity.admin());
        String ref = created.body().get("certificateRef").asText();
        String cluster = Clusters.seed();

        SagaRequest request = Saga.request(ParticipantAction.ConfigureTls, WS, compute(), new ConfigureTls(cluster,
                "westus", SslConfiguration.custom(ref, "scoring.contoso.com"), LoadBalancerType.PublicIp));
        Saga.send(request);
        SagaReply reply = Saga.awaitReply(request);

        assertThat(reply.succeeded()).as("reply %s", reply).isTrue();
        assertThat(reply.result().get("cname").asText()).isEqualTo("scoring.contoso.com");
        assertThat(reply.result().get("status").asText()).isEqualTo("Enabled");
        assertThat(reply.result().has("dnsLabel")).isFalse();
        Secret secret = Clusters.tlsSecret(cluster);
        assertSecretHolds(secret, "scoring.contoso.com");
        assertThat(Clusters.data(secret, InClusterNames.TLS_KEY_KEY)).isEqualTo(bundle.keyPem());

        SagaRequest unknown = Saga.request(ParticipantAction.ConfigureTls, WS, compute(), new ConfigureTls(cluster,
                "westus", SslConfiguration.custom("cert-nope", "scoring.contoso.com"), LoadBalancerType.PublicIp));
        Saga.send(unknown);
        SagaReply notFound = Saga.awaitReply(unknown);
        assertThat(notFound.code()).isEqualTo(ErrorCode.CertificateNotFound);

        SagaRequest wrongName = Saga.request(ParticipantAction.ConfigureTls, WS, compute(), new ConfigureTls(cluster,
                "westus", SslConfiguration.custom(ref, "scoring.fabrikam.com"), LoadBalancerType.PublicIp));
        Saga.send(wrongName);
        SagaReply invalid = Saga.awaitReply(wrongName);
        assertThat(invalid.code()).isEqualTo(ErrorCode.CertificateInvalid);
        assertThat(invalid.message()).contains("is not covered");

        String otherCluster = Clusters.seed();
        SagaRequest foreign = Saga.request(ParticipantAction.ConfigureTls, "ws-elsewhere", compute(),
                new ConfigureTls(otherCluster, "westus", SslConfiguration.custom(ref, "scoring.contoso.com"),
                        LoadBalancerType.PublicIp));
        Saga.send(foreign);
        SagaReply forbidden = Saga.awaitReply(foreign);
        assertThat(forbidden.code()).as("another workspace's key never goes into this cluster")
                .isEqualTo(ErrorCode.Forbidden);
        assertThat(forbidden.message()).contains("does not belong to workspace ws-elsewhere");
        assertThat(Clusters.tlsSecret(otherCluster)).isNull();
    }

    @Test
    void aClusterThatDoesNotExistIsClusterNotFound() {
        String missing = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/" + Clusters.RESOURCE_GROUP
                + "/providers/Microsoft.ContainerService/managedClusters/missing" + UUID.randomUUID().toString().substring(0, 6);
        SagaRequest request = configureAuto(compute(), missing, "gone", true);
        Saga.send(request);
        SagaReply reply = Saga.awaitReply(request);
        assertThat(reply.succeeded()).isFalse();
        assertThat(reply.code()).isEqualTo(ErrorCode.ClusterNotFound);
        assertThat(reply.retryable()).isFalse();
    }

    @Test
    void aBadRecordIsDeadLetteredAndTheNextRequestIsStillAnswered() {
        String key = UUID.randomUUID().toString();
        Saga.sendRaw(key, CloudEventTypes.of("SagaRequest"), "workspaces/x/computes/y", "{ this is not json");
        Saga.sendRaw(key, CloudEventTypes.of("SomethingElse"), "workspaces/x/computes/y", "{}");
        SagaRequest next = configureAuto(compute(), Clusters.seed(), "afterbad", true);
        Saga.send(next);

        var dead = TestKafka.await(Saga.DLQ, r -> key.equals(r.key()) && r.value().contains("not json"),
                Duration.ofSeconds(60));
        assertThat(TestKafka.header(dead, "dead-letter-reason")).contains("not JSON");
        var wrongType = TestKafka.await(Saga.DLQ, r -> key.equals(r.key()) && "{}".equals(r.value()),
                Duration.ofSeconds(60));
        assertThat(TestKafka.header(wrongType, "dead-letter-reason")).contains("unexpected CloudEvent type");
        assertThat(Saga.awaitReply(next).succeeded()).isTrue();
    }
}
