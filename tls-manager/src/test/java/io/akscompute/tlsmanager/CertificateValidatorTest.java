package io.akscompute.tlsmanager;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.akscompute.tlsmanager.domain.CertificateInvalidException;
import io.akscompute.tlsmanager.domain.CertificateValidator;
import io.akscompute.tlsmanager.domain.Pem;
import java.math.BigInteger;
import java.security.KeyFactory;
import java.security.spec.RSAPrivateKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CertificateValidatorTest {
    private static final Instant NOW = Instant.now();
    private static final TestCertificates.Bundle GOOD = TestCertificates.server("scoring.contoso.com",
            "www.contoso.com");

    private static String failure(String cert, String key, String cname) {
        try {
            CertificateValidator.validate(cert, key, cname, NOW);
        } catch (CertificateInvalidException e) {
            return e.getMessage();
        }
        throw new AssertionError("expected a validation failure");
    }

    @Test
    void aValidChainWithItsKeyAndACoveredCnamePasses() {
        var valid = CertificateValidator.validate(GOOD.chainPem(), GOOD.keyPem(), "WWW.contoso.com", NOW);
        assertThat(valid.chain()).hasSize(3);
        assertThat(valid.cname()).isEqualTo("www.contoso.com");
        assertThat(valid.names()).containsExactly("scoring.contoso.com", "www.contoso.com");
    }

    @Test
    void certificatePemThatDoesNotParseIsRefused() {
        assertThat(failure("-----BEGIN CERTIFICATE-----\nbm90IGEgY2VydA==\n-----END CERTIFICATE-----\n", GOOD.keyPem(),
                "scoring.contoso.com")).isEqualTo(Pem.NOT_A_CERTIFICATE);
        assertThat(failure("hello", GOOD.keyPem(), "scoring.contoso.com")).isEqualTo(Pem.NOT_A_CERTIFICATE);
        // a key where the certificate belongs
        assertThat(failure(GOOD.keyPem(), GOOD.keyPem(), "scoring.contoso.com")).isEqualTo(Pem.NOT_A_CERTIFICATE);
    }

    @Test
    void keyPemThatDoesNotParseIsRefusedWithoutQuotingIt() {
        String garbage = "-----BEGIN PRIVATE KEY-----\nU0VDUkVUU0VDUkVU\n-----END PRIVATE KEY-----\n";
        String message = failure(GOOD.chainPem(), garbage, "scoring.contoso.com");
        assertThat(message).isEqualTo(Pem.NOT_A_KEY).doesNotContain("U0VDUkVU");
        assertThat(failure(GOOD.chainPem(), GOOD.leafPem(), "scoring.contoso.com")).isEqualTo(Pem.NOT_A_KEY);
    }

    @Test
    void aKeyOfAnotherCertificateIsRefused() {
        var other = TestCertificates.server("scoring.contoso.com");
        assertThat(failure(GOOD.chainPem(), other.keyPem(), "scoring.contoso.com"))
                .isEqualTo(CertificateValidator.KEY_MISMATCH);
    }

    @Test
    void aCnameTheCertificateDoesNotCoverIsRefused() {
        assertThat(failure(GOOD.chainPem(), GOOD.keyPem(), "api.contoso.com"))
                .startsWith("the cname 'api.contoso.com' is not covered by the certificate")
                .contains("scoring.contoso.com", "www.contoso.com");
    }

    @Test
    void wildcardsCoverExactlyOneLabel() {
        var wildcard = TestCertificates.server("*.contoso.com");
        assertThat(CertificateValidator.validate(wildcard.chainPem(), wildcard.keyPem(), "scoring.contoso.com", NOW)
                .cname()).isEqualTo("scoring.contoso.com");
        assertThat(failure(wildcard.chainPem(), wildcard.keyPem(), "a.b.contoso.com")).contains("is not covered");
        assertThat(failure(wildcard.chainPem(), wildcard.keyPem(), "contoso.com")).contains("is not covered");
    }

    @Test
    void withoutSubjectAlternativeNamesTheCommonNameCounts() {
        var cnOnly = TestCertificates.server("legacy.contoso.com", List.of(), NOW.minus(Duration.ofDays(1)),
                NOW.plus(Duration.ofDays(30)), 2048);
        assertThat(CertificateValidator.validate(cnOnly.leafPem(), cnOnly.keyPem(), "legacy.contoso.com", NOW)
                .names()).containsExactly("legacy.contoso.com");
    }

    @Test
    void anExpiredCertificateIsRefused() {
        var expired = TestCertificates.server("scoring.contoso.com", List.of("scoring.contoso.com"),
                NOW.minus(Duration.ofDays(400)), NOW.minus(Duration.ofDays(35)), 2048);
        assertThat(failure(expired.chainPem(), expired.keyPem(), "scoring.contoso.com"))
                .startsWith("the certificate expired ");
    }

    @Test
    void aCertificateNotValidYetIsRefused() {
        var future = TestCertificates.server("scoring.contoso.com", List.of("scoring.contoso.com"),
                NOW.plus(Duration.ofDays(2)), NOW.plus(Duration.ofDays(300)), 2048);
        assertThat(failure(future.chainPem(), future.keyPem(), "scoring.contoso.com"))
                .startsWith("the certificate is not valid yet");
    }

    @Test
    void aChainInTheWrongOrderIsRefused() {
        String reversed = Pem.write(List.of(GOOD.root(), GOOD.intermediate(), GOOD.leaf()));
        assertThat(failure(reversed, GOOD.keyPem(), "scoring.contoso.com")).isEqualTo(CertificateValidator.WRONG_ORDER);
        String intermediateFirst = Pem.write(List.of(GOOD.intermediate(), GOOD.leaf()));
        assertThat(failure(intermediateFirst, GOOD.keyPem(), "scoring.contoso.com"))
                .isEqualTo(CertificateValidator.WRONG_ORDER);
    }

    @Test
    void anRsaKeyBelow2048BitsIsRefused() {
        var weak = TestCertificates.server("scoring.contoso.com", List.of("scoring.contoso.com"),
                NOW.minus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(30)), 1024);
        assertThat(failure(weak.chainPem(), weak.keyPem(), "scoring.contoso.com"))
                .isEqualTo("the RSA key is too weak: 1024 bits, at least 2048 are required");
    }

    @Test
    void anRsaKeyAbove8192BitsIsRefusedBeforeItSignsAnything() throws Exception {
        // The rule reads the modulus only: a key of the right size, not a usable one, is enough to show it.
        var huge = KeyFactory.getInstance("RSA").generatePrivate(new RSAPrivateKeySpec(
                BigInteger.ONE.shiftLeft(8199).setBit(0), BigInteger.valueOf(65537)));
        assertThatThrownBy(() -> CertificateValidator.checkStrength(huge))
                .isInstanceOf(CertificateInvalidException.class)
                .hasMessage("the RSA key is 8200 bits; at most 8192 are accepted (2048 to 4096 is usual)");
    }

    @Test
    void moreThanTenCertificatesOrOversizedPemIsRefusedBeforeItIsParsed() {
        String twelve = GOOD.chainPem().repeat(4);
        assertThat(failure(twelve, GOOD.keyPem(), "scoring.contoso.com")).isEqualTo("the certificate chain has more "
                + "than 10 certificates: upload the server certificate and its intermediates only");
        String padded = GOOD.chainPem() + "\n".repeat(Pem.MAX_CERTIFICATE_CHARS);
        assertThat(failure(padded, GOOD.keyPem(), "scoring.contoso.com")).startsWith("the certificate PEM is "
                + padded.length() + " characters; at most 65536 are read");
        String paddedKey = GOOD.keyPem() + "\n".repeat(Pem.MAX_KEY_CHARS);
        assertThat(failure(GOOD.chainPem(), paddedKey, "scoring.contoso.com")).startsWith("the private key PEM is "
                + paddedKey.length() + " characters; at most 16384 are read");
    }

    @Test
    void aCnameLongerThanAHostNameIsRefused() {
        String cname = "a".repeat(250) + ".com";
        assertThat(failure(GOOD.chainPem(), GOOD.keyPem(), cname))
                .isEqualTo("the cname is 254 characters; a host name has at most 253");
    }

    @Test
    void aMissingCnameIsRefused() {
        assertThat(failure(GOOD.chainPem(), GOOD.keyPem(), " ")).isEqualTo(CertificateValidator.CNAME_MISSING);
    }

    @Test
    void everyFailureHasItsOwnMessage() {
        var expired = TestCertificates.server("s.contoso.com", List.of("s.contoso.com"),
                NOW.minus(Duration.ofDays(400)), NOW.minus(Duration.ofDays(35)), 2048);
        var future = TestCertificates.server("s.contoso.com", List.of("s.contoso.com"),
                NOW.plus(Duration.ofDays(2)), NOW.plus(Duration.ofDays(300)), 2048);
        var weak = TestCertificates.server("s.contoso.com", List.of("s.contoso.com"),
                NOW.minus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(30)), 1024);
        List<String> messages = List.of(
                failure("nope", GOOD.keyPem(), "scoring.contoso.com"),
                failure(GOOD.chainPem(), "nope", "scoring.contoso.com"),
                failure(GOOD.chainPem(), TestCertificates.server("x.contoso.com").keyPem(), "scoring.contoso.com"),
                failure(GOOD.chainPem(), GOOD.keyPem(), "other.example.org"),
                failure(expired.chainPem(), expired.keyPem(), "s.contoso.com"),
                failure(future.chainPem(), future.keyPem(), "s.contoso.com"),
                failure(Pem.write(List.of(GOOD.root(), GOOD.leaf())), GOOD.keyPem(), "scoring.contoso.com"),
                failure(weak.chainPem(), weak.keyPem(), "s.contoso.com"));
        Set<String> kinds = new HashSet<>();
        messages.forEach(m -> kinds.add(m.substring(0, Math.min(40, m.length()))));
        assertThat(kinds).hasSize(messages.size());
    }

    @Test
    void validationFailureMessagesNeverContainTheKey() {
        var other = TestCertificates.server("x.contoso.com");
        String keyBody = other.keyPem().lines().filter(l -> !l.startsWith("-----")).findFirst().orElseThrow();
        assertThatThrownBy(() -> CertificateValidator.validate(GOOD.chainPem(), other.keyPem(), "x", NOW))
                .isInstanceOf(CertificateInvalidException.class)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(keyBody));
    }
}
