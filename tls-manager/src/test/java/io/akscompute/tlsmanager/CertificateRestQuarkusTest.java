package io.akscompute.tlsmanager;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.akscompute.common.contract.Topics;
import io.akscompute.common.rules.access.WorkspaceRole;
import io.akscompute.testing.SuiteInfrastructure;
import io.akscompute.testing.TestIdentity;
import io.akscompute.testing.TestKafka;
import io.akscompute.tlsmanager.domain.CertificateValidator;
import io.akscompute.tlsmanager.domain.Pem;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(value = SuiteInfrastructure.class, initArgs = @ResourceArg(name = "database", value = "tls_manager"))
class CertificateRestQuarkusTest {

    @TestHTTPResource("/workspaces/ws-certs/certificates")
    URI certificates;

    @Inject
    EntityManager em;

    @BeforeEach
    void captureLogs() {
        LogCapture.install();
    }

    private Http.Answer upload(String cert, String key, String cname) {
        if (key != null) {
            UsedKeys.remember(key);
        }
        return Http.post(certificates, Http.upload(cert, key, cname), TestIdentity.admin());
    }

    private static void assertRefused(Http.Answer answer, String message) {
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.body().get("code").asText()).isEqualTo("CertificateInvalid");
        assertThat(answer.body().get("message").asText()).isEqualTo(message);
    }

    private static void assertRefusedStartingWith(Http.Answer answer, String prefix) {
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.body().get("code").asText()).isEqualTo("CertificateInvalid");
        assertThat(answer.body().get("message").asText()).startsWith(prefix);
    }

    @Test
    void anUploadedCertificateIsExportedExactlyAsImported() {
        var bundle = TestCertificates.server("scoring.contoso.com", "*.api.contoso.com");
        Http.Answer created = upload(bundle.chainPem(), bundle.keyPem(), "v1.api.contoso.com");

        assertThat(created.status()).isEqualTo(201);
        String ref = created.body().get("certificateRef").asText();
        assertThat(created.body().get("cname").asText()).isEqualTo("v1.api.contoso.com");
        assertThat(created.body().toString()).doesNotContain("PRIVATE KEY");

        Http.Answer exported = Http.get(URI.create(certificates + "/" + ref + "/export"), TestIdentity.admin());
        assertThat(exported.status()).isEqualTo(200);
        assertThat(exported.body().get("cert.pem").asText()).isEqualTo(bundle.chainPem());
        assertThat(exported.body().get("key.pem").asText()).isEqualTo(bundle.keyPem());
        var exportedKey = Pem.privateKey(exported.body().get("key.pem").asText());
        assertThat(exportedKey.getEncoded()).isEqualTo(bundle.leafKey().getPrivate().getEncoded());

        JsonNode view = Http.get(URI.create(certificates + "/" + ref), TestIdentity.admin()).body();
        assertThat(view.get("names")).hasSize(2);
        assertThat(view.toString()).doesNotContain("PRIVATE KEY");
    }

    @Test
    void theKeyIsEncryptedInTheDatabase() {
        var bundle = TestCertificates.server("db.contoso.com");
        String ref = upload(bundle.chainPem(), bundle.keyPem(), "db.contoso.com").body().get("certificateRef").asText();

        String stored = (String) em.createNativeQuery("select key_enc from certificate where id = :id")
                .setParameter("id", ref).getSingleResult();

        assertThat(stored).startsWith("v2:default:");
        UsedKeys.needles(bundle.keyPem()).forEach(n -> assertThat(stored).doesNotContain(n));
    }

    /** A public CA's intermediate is often named in more than 100 characters. */
    @Test
    void aCertificateFromACaWithALongNameIsStored() {
        String sectigo = "CN=Sectigo RSA Domain Validation Secure Server CA,O=Sectigo Limited,L=Salford,"
                + "ST=Greater Manchester,C=GB";
        var bundle = TestCertificates.serverIssuedBy(sectigo, "long.contoso.com");
        Http.Answer created = upload(bundle.chainPem(), bundle.keyPem(), "long.contoso.com");

        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String issuer = (String) em.createNativeQuery("select issuer from certificate where id = :id")
                .setParameter("id", created.body().get("certificateRef").asText()).getSingleResult();
        assertThat(issuer).isEqualTo(sectigo);
    }

    @Test
    void anUploadToAWorkspaceNameThatCannotBeIsRefused() {
        var bundle = TestCertificates.server("scoring.contoso.com");
        URI elsewhere = URI.create(certificates.toString().replace("/workspaces/ws-certs/",
                "/workspaces/" + "w".repeat(300) + "/"));
        UsedKeys.remember(bundle.keyPem());
        Http.Answer answer = Http.post(elsewhere, Http.upload(bundle.chainPem(), bundle.keyPem(),
                "scoring.contoso.com"), TestIdentity.admin());

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.body().get("code").asText()).isEqualTo("ValidationFailed");
    }

    @Test
    void certificatePemThatDoesNotParseIsRefused() {
        var bundle = TestCertificates.server("scoring.contoso.com");
        assertRefused(upload("-----BEGIN CERTIFICATE-----\nnot base64!\n-----END CERTIFICATE-----", bundle.keyPem(),
                "scoring.contoso.com"), Pem.NOT_A_CERTIFICATE);
    }

    @Test
    void keyPemThatDoesNotParseIsRefused() {
        var bundle = TestCertificates.server("scoring.contoso.com");
        assertRefused(upload(bundle.chainPem(), "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----",
                "scoring.contoso.com"), Pem.NOT_A_KEY);
    }

    @Test
    void aKeyThatDoesNotMatchTheCertificateIsRefused() {
        var bundle = TestCertificates.server("scoring.contoso.com");
        var other = TestCertificates.server("scoring.contoso.com");
        assertRefused(upload(bundle.chainPem(), other.keyPem(), "scoring.contoso.com"),
                CertificateValidator.KEY_MISMATCH);
    }

    @Test
    void aCnameNotCoveredBySanOrCnIsRefused() {
        var bundle = TestCertificates.server("*.contoso.com");
        assertRefusedStartingWith(upload(bundle.chainPem(), bundle.keyPem(), "deep.scoring.contoso.com"),
                "the cname 'deep.scoring.contoso.com' is not covered by the certificate");
    }

    @Test
    void anExpiredCertificateIsRefused() {
        var bundle = TestCertificates.server("scoring.contoso.com", List.of("scoring.contoso.com"),
                Instant.now().minus(Duration.ofDays(100)), Instant.now().minus(Duration.ofDays(1)), 2048);
        assertRefusedStartingWith(upload(bundle.chainPem(), bundle.keyPem(), "scoring.contoso.com"),
                "the certificate expired ");
    }

    @Test
    void aCertificateNotYetValidIsRefused() {
        var bundle = TestCertificates.server("scoring.contoso.com", List.of("scoring.contoso.com"),
                Instant.now().plus(Duration.ofDays(1)), Instant.now().plus(Duration.ofDays(100)), 2048);
        assertRefusedStartingWith(upload(bundle.chainPem(), bundle.keyPem(), "scoring.contoso.com"),
                "the certificate is not valid yet");
    }

    @Test
    void aChainInTheWrongOrderIsRefused() {
        var bundle = TestCertificates.server("scoring.contoso.com");
        String rootFirst = Pem.write(List.of(bundle.root(), bundle.intermediate(), bundle.leaf()));
        assertRefused(upload(rootFirst, bundle.keyPem(), "scoring.contoso.com"), CertificateValidator.WRONG_ORDER);
    }

    @Test
    void anRsaKeyBelow2048BitsIsRefused() {
        var bundle = TestCertificates.server("scoring.contoso.com", List.of("scoring.contoso.com"),
                Instant.now().minus(Duration.ofDays(1)), Instant.now().plus(Duration.ofDays(100)), 1024);
        assertRefused(upload(bundle.chainPem(), bundle.keyPem(), "scoring.contoso.com"),
                "the RSA key is too weak: 1024 bits, at least 2048 are required");
    }

    @Test
    void aBodyThatIsNotTheJsonExpectedIsRefusedSayingWhereButNotWhat() {
        Http.Answer notJson = Http.post(certificates, "-----BEGIN PRIVATE KEY-----\nU0VDUkVU", TestIdentity.admin());
        assertThat(notJson.status()).isEqualTo(400);
        assertThat(notJson.body().get("code").asText()).isEqualTo("ValidationFailed");
        assertThat(notJson.body().get("message").asText()).isEqualTo("the body is not the JSON this request takes");

        Http.Answer wrongType = Http.post(certificates, "{\"cert\":{\"secret\":\"U0VDUkVU\"},\"cname\":\"a.b\"}",
                TestIdentity.admin());
        assertThat(wrongType.status()).isEqualTo(400);
        assertThat(wrongType.body().get("message").asText())
                .isEqualTo("the body is not the JSON this request takes at cert");
        assertThat(wrongType.body().toString()).doesNotContain("U0VDUkVU");
    }

    @Test
    void anUnknownReferenceIsNotFound() {
        Http.Answer answer = Http.get(URI.create(certificates + "/cert-does-not-exist/export"), TestIdentity.admin());
        assertThat(answer.status()).isEqualTo(404);
        assertThat(answer.body().get("code").asText()).isEqualTo("CertificateNotFound");
    }

    @Test
    void readersReadOperatorsUploadOnlyAdminsExportAndEachExportIsAnnounced() {
        var bundle = TestCertificates.server("audit.contoso.com");
        UsedKeys.remember(bundle.keyPem());
        var body = Http.upload(bundle.chainPem(), bundle.keyPem(), "audit.contoso.com");
        String reader = TestIdentity.token("rita", Map.of("ws-certs", WorkspaceRole.READER));
        String operator = TestIdentity.token("olga", Map.of("ws-certs", WorkspaceRole.OPERATOR));
        String admin = TestIdentity.token("ada", Map.of("ws-certs", WorkspaceRole.ADMIN));
        String stranger = TestIdentity.token("sam", Map.of("ws-other", WorkspaceRole.ADMIN));

        assertThat(Http.post(certificates, body, null).status()).isEqualTo(401);
        Http.Answer refused = Http.post(certificates, body, reader);
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.body().get("code").asText()).isEqualTo("Forbidden");
        assertThat(refused.body().get("message").asText())
                .isEqualTo("the caller does not hold the role operator in workspace 'ws-certs'");
        assertThat(Http.post(certificates, body, stranger).status()).isEqualTo(403);
        Http.Answer created = Http.post(certificates, body, operator);
        assertThat(created.status()).isEqualTo(201);
        String ref = created.body().get("certificateRef").asText();
        assertThat(created.body().get("workspace").asText()).isEqualTo("ws-certs");

        URI view = URI.create(certificates + "/" + ref);
        URI export = URI.create(certificates + "/" + ref + "/export");
        assertThat(Http.get(view, reader).status()).isEqualTo(200);
        assertThat(Http.get(view, stranger).status()).isEqualTo(403);
        assertThat(Http.get(export, reader).status()).isEqualTo(403);
        assertThat(Http.get(export, operator).status()).isEqualTo(403);
        assertThat(Http.get(export, null).status()).isEqualTo(401);
        URI elsewhere = URI.create(export.toString().replace("/ws-certs/", "/ws-other/"));
        Http.Answer foreign = Http.get(elsewhere, stranger);
        assertThat(foreign.status()).as("a reference alone grants nothing").isEqualTo(403);
        assertThat(foreign.body().get("code").asText()).isEqualTo("Forbidden");

        Http.Answer exported = Http.get(export, admin);
        assertThat(exported.status()).isEqualTo(200);
        var announced = TestKafka.await(Topics.STATUS, r -> "akscompute.CertificateExported.v1".equals(
                TestKafka.header(r, "ce_type")) && r.value().contains(ref), Duration.ofSeconds(30));
        assertThat(announced.key()).isEqualTo("ws-certs/certificates");
        assertThat(TestKafka.header(announced, "ce_authid")).isEqualTo("ada");
        assertThat(announced.value()).contains("\"exportedBy\":\"ada\"").doesNotContain("PRIVATE KEY");
        UsedKeys.needles(bundle.keyPem()).forEach(n -> assertThat(announced.value()).doesNotContain(n));
        assertThat(TestKafka.records(Topics.STATUS)).filteredOn(r -> r.value() != null && r.value().contains(ref))
                .as("only the administrator's export is announced").hasSize(1);
    }

    @TestHTTPResource("/keys/reencrypt")
    URI reencrypt;

    @Test
    void reencryptionMovesOldRowsToTheActiveKeyForAdministratorsOfEveryWorkspaceOnly() {
        var bundle = TestCertificates.server("rotate.contoso.com");
        String ref = upload(bundle.chainPem(), bundle.keyPem(), "rotate.contoso.com").body().get("certificateRef")
                .asText();
        // As a row written before key ids looks: the same key, the v1 format.
        String legacy = io.akscompute.tlsmanager.domain.KeyCipher.fromBase64(
                "YWtzY29tcHV0ZS1kZXYta2V5LU5PVC1BLVNFQ1JFVCE=").encrypt(bundle.keyPem(), "certificate/" + ref);
        io.quarkus.narayana.jta.QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery(
                "update certificate set key_enc = :k where id = :id").setParameter("k", legacy)
                .setParameter("id", ref).executeUpdate());

        String workspaceAdmin = TestIdentity.token("ada", Map.of("ws-certs", WorkspaceRole.ADMIN));
        assertThat(Http.post(reencrypt, Http.upload(null, null, null), workspaceAdmin).status()).isEqualTo(403);
        Http.Answer done = Http.post(reencrypt, Http.upload(null, null, null), TestIdentity.admin());

        assertThat(done.status()).isEqualTo(200);
        assertThat(done.body().get("reencrypted").asInt()).isPositive();
        assertThat(done.body().get("remaining").asLong()).isZero();
        assertThat(done.body().get("activeKey").asText()).isEqualTo("default");
        String stored = (String) em.createNativeQuery("select key_enc from certificate where id = :id")
                .setParameter("id", ref).getSingleResult();
        assertThat(stored).startsWith("v2:default:");
        assertThat(Http.get(URI.create(certificates + "/" + ref + "/export"), TestIdentity.admin()).body()
                .get("key.pem").asText()).isEqualTo(bundle.keyPem());
    }
}
