package io.akscompute.attacher.domain;

import static org.assertj.core.api.Assertions.assertThat;

import io.akscompute.common.contract.event.DriftDifference;
import io.akscompute.common.contract.model.LoadBalancerType;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ComputeDriftTest {
    private static final String FP = "AA:BB";
    private static final ComputeDrift.Recorded PUBLIC_TLS = new ComputeDrift.Recorded("1.0.0",
            LoadBalancerType.PublicIp, null, true, FP, 3, "1.32.7");
    private static final ComputeDrift.Recorded INTERNAL = new ComputeDrift.Recorded("1.0.0",
            LoadBalancerType.InternalLoadBalancer, "aks-subnet", false, null, 3, "1.32.7");
    private static final SupportedVersions WESTUS = new SupportedVersions("westus", List.of("1.33.3", "1.32.7"),
            Set.of());

    private static ClusterFacts cluster(int agents, String version) {
        return new ClusterFacts("/subscriptions/s/resourceGroups/rg/providers/Microsoft.ContainerService/"
                + "managedClusters/aks", "rg", "aks", "westus", version, "Succeeded", agents, "Standard_D4s_v3", false,
                false, List.of(), "aks.hcp.westus.azmk8s.io", null);
    }

    private static ComputeDrift.FrontEndState publicFrontEnd() {
        return new ComputeDrift.FrontEndState(true, "1.0.0", true, "LoadBalancer", false, null, true, FP);
    }

    private static ComputeDrift.Observed seen(ComputeDrift.FrontEndState frontEnd) {
        return new ComputeDrift.Observed(Optional.of(cluster(3, "1.32.7")), WESTUS, frontEnd);
    }

    @Test
    void aClusterAsRecordedHasNoDrift() {
        assertThat(ComputeDrift.differences(PUBLIC_TLS, seen(publicFrontEnd()))).isEmpty();
        assertThat(ComputeDrift.differences(INTERNAL, seen(new ComputeDrift.FrontEndState(true, "1.0.0", true,
                "LoadBalancer", true, "aks-subnet", false, null)))).isEmpty();
    }

    @Test
    void aClusterGoneFromAzureIsTheOnlyDifference() {
        assertThat(ComputeDrift.differences(PUBLIC_TLS, ComputeDrift.Observed.clusterGone()))
                .containsExactly(new DriftDifference("cluster", "present", "missing"));
    }

    @Test
    void aPublicServiceMadeInternalBehindOurBackIsALoadBalancerTypeDifference() {
        var fe = new ComputeDrift.FrontEndState(true, "1.0.0", true, "LoadBalancer", true, "other", true, FP);
        assertThat(ComputeDrift.differences(PUBLIC_TLS, seen(fe)))
                .containsExactly(new DriftDifference("loadBalancerType", "PublicIp", "InternalLoadBalancer"));
    }

    @Test
    void aServiceThatIsNoLongerALoadBalancerSaysWhatItIs() {
        var fe = new ComputeDrift.FrontEndState(true, "1.0.0", true, "NodePort", false, null, true, FP);
        assertThat(ComputeDrift.differences(PUBLIC_TLS, seen(fe))).containsExactly(new DriftDifference(
                "loadBalancerType", "PublicIp", "no load balancer (Service type NodePort)"));
    }

    @Test
    void anInternalLoadBalancerInAnotherSubnetIsASubnetDifference() {
        var fe = new ComputeDrift.FrontEndState(true, "1.0.0", true, "LoadBalancer", true, "other-subnet", false, null);
        assertThat(ComputeDrift.differences(INTERNAL, seen(fe)))
                .containsExactly(new DriftDifference("loadBalancerSubnet", "aks-subnet", "other-subnet"));
    }

    @Test
    void missingPiecesAndAnotherVersionAreEachNamed() {
        var fe = new ComputeDrift.FrontEndState(true, "0.9.0", false, null, false, null, false, null);
        assertThat(ComputeDrift.differences(PUBLIC_TLS, seen(fe))).containsExactly(
                new DriftDifference("frontEnd.version", "1.0.0", "0.9.0"),
                new DriftDifference("frontEnd.service", "present", "missing"),
                new DriftDifference("tls.secret", "present", "missing"));
    }

    @Test
    void anotherCertificateInTheSecretIsAFingerprintDifference() {
        var fe = new ComputeDrift.FrontEndState(true, "1.0.0", true, "LoadBalancer", false, null, true, "CC:DD");
        assertThat(ComputeDrift.differences(PUBLIC_TLS, seen(fe)))
                .containsExactly(new DriftDifference("tls.certificateFingerprint", FP, "CC:DD"));
    }

    @Test
    void withoutTlsTheSecretIsNotLookedAt() {
        var fe = new ComputeDrift.FrontEndState(true, "1.0.0", true, "LoadBalancer", true, "aks-subnet", true, "XX");
        assertThat(ComputeDrift.differences(INTERNAL, seen(fe))).isEmpty();
    }

    @Test
    void nodeCountVersionAndSupportAreComparedWithAzure() {
        var observed = new ComputeDrift.Observed(Optional.of(cluster(5, "1.27.9")), WESTUS, publicFrontEnd());
        List<DriftDifference> found = ComputeDrift.differences(PUBLIC_TLS, observed);
        assertThat(found).containsExactly(
                new DriftDifference("agentCount", "3", "5"),
                new DriftDifference("kubernetesVersion", "1.32.7", "1.27.9"),
                new DriftDifference("kubernetesVersion.supported", "a version westus supports", "1.27.9 (not supported)"));
        assertThat(found).filteredOn(ComputeDrift::acceptedByRepair).extracting(DriftDifference::field)
                .containsExactly("agentCount", "kubernetesVersion");
        assertThat(found).noneMatch(ComputeDrift::putBackByRepair);
    }

    @Test
    void unrecordedFieldsAreNotCompared() {
        var nothingRecorded = new ComputeDrift.Recorded(null, null, null, false, null, null, null);
        var observed = new ComputeDrift.Observed(Optional.of(cluster(7, "1.33.3")), null, publicFrontEnd());
        assertThat(ComputeDrift.differences(nothingRecorded, observed)).isEmpty();
    }

    @Test
    void theSameDifferencesInAnotherOrderAreTheSameDrift() {
        var a = new DriftDifference("a", "1", "2");
        var b = new DriftDifference("b", "1", "2");
        assertThat(ComputeDrift.same(List.of(a, b), List.of(b, a))).isTrue();
        assertThat(ComputeDrift.same(List.of(a), List.of(a, b))).isFalse();
        assertThat(ComputeDrift.same(null, List.of())).isTrue();
        assertThat(ComputeDrift.same(List.of(a), List.of(new DriftDifference("a", "1", "3")))).isFalse();
    }

    @Test
    void describeNamesEachFieldWithBothValues() {
        assertThat(ComputeDrift.describe(List.of(new DriftDifference("loadBalancerType", "PublicIp", "X"),
                new DriftDifference("tls.secret", "present", "missing"))))
                .isEqualTo("loadBalancerType (expected PublicIp, found X), tls.secret (expected present, found missing)");
    }

    @Test
    void aRepairsOutcomeNamesWhatWasPutBackAcceptedAndStillDiffers() {
        var lb = new DriftDifference("loadBalancerType", "PublicIp", "InternalLoadBalancer");
        var secret = new DriftDifference("tls.secret", "present", "missing");
        var nodes = new DriftDifference("agentCount", "3", "5");
        var unsupported = new DriftDifference("kubernetesVersion.supported", "a version westus supports",
                "1.27.9 (not supported)");

        assertThat(ComputeDrift.repairOutcome("api", List.of(lb, secret, nodes), List.of(nodes), List.of()))
                .isEqualTo("compute api repaired: put back loadBalancerType PublicIp (was InternalLoadBalancer), "
                        + "tls.secret present (was missing); accepted from Azure as the new record: agentCount 5 "
                        + "(was 3)");
        assertThat(ComputeDrift.repairOutcome("api", List.of(lb, unsupported), List.of(), List.of(unsupported)))
                .isEqualTo("compute api repaired: put back loadBalancerType PublicIp (was InternalLoadBalancer); "
                        + "not repairable here, still differs: kubernetesVersion.supported (expected a version "
                        + "westus supports, found 1.27.9 (not supported))");
        assertThat(ComputeDrift.repairOutcome("api", List.of(), List.of(), List.of()))
                .isEqualTo("compute api repaired: front end and TLS re-applied");
    }

    @Test
    void theFingerprintIsTheSha256OfTheCertificatesDer() {
        byte[] der = "not really DER but bytes".getBytes(StandardCharsets.UTF_8);
        String pem = "-----BEGIN CERTIFICATE-----\n" + Base64.getMimeEncoder().encodeToString(der)
                + "\n-----END CERTIFICATE-----\n";
        assertThat(CertificateFingerprint.of(pem)).hasValueSatisfying(f -> {
            assertThat(f).matches("([0-9A-F]{2}:){31}[0-9A-F]{2}");
            assertThat(f).isEqualTo(java.util.HexFormat.ofDelimiter(":").withUpperCase().formatHex(sha256(der)));
        });
        String other = "-----BEGIN CERTIFICATE-----\n" + Base64.getMimeEncoder().encodeToString(new byte[] {1, 2, 3})
                + "\n-----END CERTIFICATE-----\n";
        assertThat(CertificateFingerprint.of(other)).isPresent().isNotEqualTo(CertificateFingerprint.of(pem));
        assertThat(CertificateFingerprint.of("no certificate here")).isEmpty();
        assertThat(CertificateFingerprint.of(null)).isEmpty();
    }

    private static byte[] sha256(byte[] data) {
        try {
            return java.security.MessageDigest.getInstance("SHA-256").digest(data);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
