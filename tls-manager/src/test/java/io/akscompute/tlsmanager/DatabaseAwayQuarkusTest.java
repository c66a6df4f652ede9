package io.akscompute.tlsmanager;

import static org.assertj.core.api.Assertions.assertThat;

import io.akscompute.common.contract.InClusterNames;
import io.akscompute.common.contract.command.RenewCertificate;
import io.akscompute.common.contract.saga.SagaRequest;
import io.akscompute.testing.DatabaseLink;
import io.akscompute.testing.SuiteInfrastructure;
import io.akscompute.testing.TestKafka;
import io.akscompute.tlsmanager.domain.Pem;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.math.BigInteger;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * tls-manager's database goes away while a RenewCertificate writes the renewed certificate into the cluster, and
 * comes back: the cluster took it, so the renewal is no cluster's failure; it waits for the database and succeeds
 * (the database is cut at a TCP link; the shared server stays).
 */
@QuarkusTest
@WithTestResource(value = SuiteInfrastructure.class, initArgs = {
        @ResourceArg(name = "database", value = "tls_manager"), @ResourceArg(name = "link", value = "cuttable")})
class DatabaseAwayQuarkusTest {

    @Test
    void aRenewalWhoseClusterUpdateMeetsTheDatabaseAwaySucceedsOnceItIsBack() throws Exception {
        String cluster = Clusters.seed();
        String compute = "d" + UUID.randomUUID().toString().substring(0, 8);
        SagaRequest configure = TlsParticipantQuarkusTest.configureAuto(compute, cluster, "dbaway", true);
        Saga.send(configure);
        assertThat(Saga.awaitReply(configure).succeeded()).isTrue();
        BigInteger before = serial(cluster);

        UUID[] id = new UUID[1];
        // The cluster's API server takes 2 s over the renewal's first write, while the database is away: the
        // record that the cluster holds the renewed certificate cannot be written then.
        DatabaseLink.outageDuringTheNextCall("Kubernetes_Post", Duration.ofSeconds(2), Duration.ofSeconds(6),
                () -> id[0] = TestKafka.publish(new RenewCertificate(TlsParticipantQuarkusTest.WS, compute)));

        TestKafka.awaitStatus(id[0], "OperationSucceeded", Duration.ofSeconds(30));
        assertThat(TestKafka.statusOf(id[0])).extracting(s -> s.type())
                .doesNotContain("akscompute.OperationFailed.v1");
        assertThat(serial(cluster)).as("the cluster holds the renewed certificate").isNotEqualTo(before);
    }

    private static BigInteger serial(String cluster) {
        return Pem.certificates(Clusters.data(Clusters.tlsSecret(cluster), InClusterNames.TLS_CERT_KEY)).get(0)
                .getSerialNumber();
    }
}
