package io.akscompute.tlsmanager;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.akscompute.common.azure.ClusterRef;
import io.akscompute.tlsmanager.domain.CertificateAuthority;
import io.akscompute.tlsmanager.domain.CertificateValidator;
import io.akscompute.tlsmanager.domain.DomainNames;
import io.akscompute.tlsmanager.domain.KeyCipher;
import io.akscompute.tlsmanager.domain.RenewalPolicy;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DomainRulesTest {

    @Test
    void dnsLabelIsTheLeafLabelAndSixRandomLowercaseLettersOrDigits() {
        DomainNames names = new DomainNames(new SecureRandom());
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            String label = names.newDnsLabel("Contoso-Scoring");
            assertThat(label).matches("contoso-scoring[a-z0-9]{6}");
            seen.add(label);
        }
        assertThat(seen).hasSizeGreaterThan(195);
        assertThat(DomainNames.fqdn("contoso-scoringab12cd", "WestEurope"))
                .isEqualTo("contoso-scoringab12cd.westeurope.cloudapp.azure.com");
    }

    @Test
    void renewalDefaultsToTwoThirdsOfTheValidity() {
        RenewalPolicy policy = new RenewalPolicy(Duration.ofDays(90), null);
        Instant notAfter = Instant.parse("2026-04-01T00:00:00Z");
        assertThat(policy.renewBefore()).isEqualTo(Duration.ofDays(30));
        assertThat(policy.due(notAfter, notAfter.minus(Duration.ofDays(31)))).isFalse();
        assertThat(policy.due(notAfter, notAfter.minus(Duration.ofDays(30)))).isTrue();
        assertThatThrownBy(() -> new RenewalPolicy(Duration.ofDays(10), Duration.ofDays(10)))
                .hasMessageContaining("must be shorter");
    }

    @Test
    void keyCipherRoundTripsAndBindsTheCiphertextToItsRow() {
        KeyCipher cipher = new KeyCipher(new byte[32]);
        String sealed = cipher.encrypt("-----BEGIN PRIVATE KEY-----secret", "certificate/a");
        assertThat(sealed).startsWith("v1:").doesNotContain("secret");
        assertThat(cipher.encrypt("-----BEGIN PRIVATE KEY-----secret", "certificate/a")).isNotEqualTo(sealed);
        assertThat(cipher.decrypt(sealed, "certificate/a")).isEqualTo("-----BEGIN PRIVATE KEY-----secret");
        assertThatThrownBy(() -> cipher.decrypt(sealed, "certificate/b")).hasMessageContaining("cannot decrypt");
        char[] tampered = sealed.toCharArray();
        int i = tampered.length / 2; // inside the ciphertext
        tampered[i] = tampered[i] == 'A' ? 'B' : 'A';
        assertThatThrownBy(() -> new KeyCipher(new byte[32]).decrypt(new String(tampered), "certificate/a"))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> KeyCipher.fromBase64("c2hvcnQ=")).hasMessageContaining("16, 24 or 32 bytes");
    }

    @Test
    void theCertificateAuthorityIssuesAServerCertificateForTheFqdnThatValidates() {
        Instant now = Instant.now();
        CertificateAuthority ca = CertificateAuthority.create("test CA", now, Duration.ofDays(90));
        assertThat(ca.certificate().getPublicKey().getAlgorithm()).isEqualTo("EC");
        var issued = ca.issue("scoringab12cd.westus.cloudapp.azure.com", now);
        var valid = CertificateValidator.validate(issued.chainPem(), issued.keyPem(),
                "scoringab12cd.westus.cloudapp.azure.com", now);
        assertThat(valid.chain()).hasSize(2);
        assertThat(valid.notAfter()).isEqualTo(now.plus(Duration.ofDays(90)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
    }

    @Test
    void aRootMadeWithAnRsaKeyBeforeRootsWereEcStillIssuesCertificatesThatValidate() throws Exception {
        Instant now = Instant.now();
        var key = TestCertificates.rsa(2048);
        var root = TestCertificates.root("an older akscompute CA", key, now.minus(Duration.ofDays(1)),
                now.plus(Duration.ofDays(3650)));
        CertificateAuthority ca = new CertificateAuthority(root, key.getPrivate(), Duration.ofDays(90));

        var issued = ca.issue("scoringab12cd.westus.cloudapp.azure.com", now);

        var valid = CertificateValidator.validate(issued.chainPem(), issued.keyPem(),
                "scoringab12cd.westus.cloudapp.azure.com", now);
        assertThat(valid.chain()).hasSize(2);
        assertThat(valid.chain().get(0).getSigAlgName()).isEqualTo("SHA256withRSA");
    }

    @Test
    void clusterResourceIdsAreParsed() {
        var ref = ClusterRef.parse("/subscriptions/s1/resourceGroups/rg/providers/Microsoft.ContainerService/managedClusters/aks");
        assertThat(ref).isEqualTo(new ClusterRef("s1", "rg", "aks"));
        assertThatThrownBy(() -> ClusterRef.parse("/subscriptions/s1/resourceGroups/rg"))
                .hasMessageContaining("is not the resource id of an AKS cluster");
    }
}
