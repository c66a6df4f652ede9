package io.akscompute.tlsmanager;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.akscompute.common.contract.CloudEventTypes;
import io.akscompute.common.contract.InClusterNames;
import io.akscompute.common.contract.Json;
import io.akscompute.common.contract.Topics;
import io.akscompute.common.contract.command.RenewCertificate;
import io.akscompute.common.contract.model.LoadBalancerType;
import io.akscompute.common.contract.model.SslConfiguration;
import io.akscompute.common.contract.saga.ConfigureTls;
import io.akscompute.common.contract.saga.ParticipantAction;
import io.akscompute.common.contract.saga.SagaReply;
import io.akscompute.common.contract.saga.SagaRequest;
import io.akscompute.testing.SuiteInfrastructure;
import io.akscompute.testing.TestIdentity;
import io.akscompute.testing.TestKafka;
import io.akscompute.tlsmanager.domain.Pem;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(value = SuiteInfrastructure.class, initArgs = @ResourceArg(name = "database", value = "tls_manager"))
class RenewalQuarkusTest {
    private static final String WS = "ws-renew";

    @TestHTTPResource("/workspaces/ws-renew/certificates")
    URI certificates;

    @BeforeEach
    void captureLogs() {
        LogCapture.install();
    }

    @AfterEach
    void realTimeAgain() {
        TestClock.reset();
    }

    private static String compute() {
        return "r" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static X509Certificate secretCertificate(String cluster) {
        return Pem.certificates(Clusters.data(Clusters.tlsSecret(cluster), InClusterNames.TLS_CERT_KEY)).get(0);
    }

    private static JsonNode data(ConsumerRecord<String, String> record) {
        try {
            return Json.MAPPER.readTree(record.value());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void theScheduleRenewsAnAutoCertificateBeforeItExpiresAndUpdatesTheSecret() {
        String cluster = Clusters.seed();
        SagaRequest request = TlsParticipantQuarkusTest.configureAuto(compute(), cluster, "renew", true);
        Saga.send(request);
        SagaReply reply = Saga.awaitReply(request);
        assertThat(reply.succeeded()).isTrue();
        String fqdn = reply.result().get("fqdn").asText();
        X509Certificate original = secretCertificate(cluster);
        Instant originalStart = original.getNotBefore().toInstant();
        Instant originalEnd = original.getNotAfter().toInstant();
        // the policy renews at two thirds of the 90-day validity: 60 days in
        Instant twoThirds = originalStart.plus(Duration.between(originalStart, originalEnd).multipliedBy(2).dividedBy(3));

        // 59 days on, before the two-thirds point: the renewals loop (a sweep a second here) renews nothing
        TestClock.advance(Duration.ofDays(59));
        Awaitility.await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10))
                .until(() -> secretCertificate(cluster).getSerialNumber().equals(original.getSerialNumber()));

        // 61 of 90 days: past two thirds, a month before the end
        TestClock.advance(Duration.ofDays(2));

        Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .until(() -> !secretCertificate(cluster).getSerialNumber().equals(original.getSerialNumber()));
        X509Certificate renewed = TlsParticipantQuarkusTest.assertSecretHolds(Clusters.tlsSecret(cluster), fqdn);
        assertThat(renewed.getNotAfter().toInstant()).isAfter(originalEnd.plus(Duration.ofDays(60)));
        // When it was renewed, by the test clock: the new certificate starts then (back-dated by a few minutes).
        Instant renewedAt = renewed.getNotBefore().toInstant();
        assertThat(renewedAt).as("renewed after the two-thirds point").isAfter(twoThirds.minus(Duration.ofMinutes(10)))
                .as("renewed before the old one expired").isBefore(originalEnd);
    }

    @Test
    void renewCertificateRenewsOnDemandAndAnUnknownComputeIsComputeNotFound() {
        String cluster = Clusters.seed();
        String compute = compute();
        SagaRequest request = TlsParticipantQuarkusTest.configureAuto(compute, cluster, "ondemand", true);
        Saga.send(request);
        assertThat(Saga.awaitReply(request).succeeded()).isTrue();
        X509Certificate original = secretCertificate(cluster);

        // configureAuto asks for the compute in TlsParticipantQuarkusTest's workspace
        UUID operation = TestKafka.publish(new RenewCertificate(TlsParticipantQuarkusTest.WS, compute));

        JsonNode succeeded = TestKafka.awaitStatus(operation, "OperationSucceeded").data();
        assertThat(succeeded.get("operation").asText()).isEqualTo("RenewCertificate");
        assertThat(succeeded.get("message").asText()).contains("renewed certificate");
        assertThat(secretCertificate(cluster).getSerialNumber()).isNotEqualTo(original.getSerialNumber());

        UUID unknown = TestKafka.publish(new RenewCertificate(WS, "nosuchcompute"));
        JsonNode failed = TestKafka.awaitStatus(unknown, "OperationFailed").data();
        assertThat(failed.get("code").asText()).isEqualTo("ComputeNotFound");
    }

    @Test
    void aUserCertificateGetsCertificateExpiringAheadOfItsEndAndAgainWhenItExpired() {
        Instant now = Instant.now();
        var bundle = TestCertificates.server("expiring.contoso.com", List.of("expiring.contoso.com"),
                now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(40)), 2048);
        String ref = Http.post(certificates, Http.upload(bundle.chainPem(), UsedKeys.remember(bundle.keyPem()),
                "expiring.contoso.com"), TestIdentity.admin()).body().get("certificateRef").asText();
        String compute = compute();
        SagaRequest request = Saga.request(ParticipantAction.ConfigureTls, WS, compute, new ConfigureTls(
                Clusters.seed(), "westus", SslConfiguration.custom(ref, "expiring.contoso.com"),
                LoadBalancerType.PublicIp));
        Saga.send(request);
        assertThat(Saga.awaitReply(request).succeeded()).isTrue();
        String expiringType = CloudEventTypes.of("CertificateExpiring");

        TestClock.advance(Duration.ofDays(15)); // 25 days left, inside the 30-day warning

        var warning = TestKafka.await(Topics.STATUS, r -> expiringType.equals(TestKafka.header(r, "ce_type"))
                && r.value().contains(ref), Duration.ofSeconds(60));
        assertThat(warning.key()).isEqualTo(WS + "/" + compute);
        assertThat(data(warning).get("expired").asBoolean()).isFalse();
        assertThat(data(warning).get("certificateRef").asText()).isEqualTo(ref);
        assertThat(data(warning).get("cname").asText()).isEqualTo("expiring.contoso.com");

        TestClock.advance(Duration.ofDays(30)); // past the end

        var expired = TestKafka.await(Topics.STATUS, r -> expiringType.equals(TestKafka.header(r, "ce_type"))
                && r.value().contains(ref) && data(r).get("expired").asBoolean(), Duration.ofSeconds(60));
        assertThat(data(expired).get("message").asText()).contains("expired");
        // each notice once
        assertThat(TestKafka.records(Topics.STATUS).stream()
                .filter(r -> expiringType.equals(TestKafka.header(r, "ce_type")) && r.value().contains(ref)))
                .hasSize(2);
    }
}
