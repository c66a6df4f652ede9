package io.akscompute.tlsmanager;

import static org.assertj.core.api.Assertions.assertThat;

import io.akscompute.testing.SuiteInfrastructure;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The prod profile's rules for the key endpoints (its own application start). */
@QuarkusTest
@TestProfile(ProdAuthQuarkusTest.Prod.class)
@WithTestResource(value = SuiteInfrastructure.class, initArgs = @ResourceArg(name = "database", value = "tls_manager"))
class ProdAuthQuarkusTest {

    /** The prod profile, with what production configures: an encryption key and one user (password "s3cret"). */
    public static class Prod implements QuarkusTestProfile {
        @Override
        public String getConfigProfile() {
            return "prod";
        }

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "akscompute.tls-manager.encryption-key", "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=",
                                        "quarkus.security.users.embedded.users.operator", sha512Hex("operator:Quarkus:s3cret"),
                    "quarkus.security.users.embedded.roles.operator", "tls-admin",
                    "quarkus.security.users.embedded.users.viewer", sha512Hex("viewer:Quarkus:s3cret"),
                    "quarkus.security.users.embedded.roles.viewer", "reader");
        }
    }

    /** What quarkus.security.users.embedded.users.<name> holds: hex SHA-512 of "<name>:Quarkus:<password>". */
    static String sha512Hex(String text) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-512")
                    .digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @TestHTTPResource("/certificates")
    URI certificates;

    @Test
    void exportWithoutCredentialsIsRefused() {
        assertThat(Http.get(URI.create(certificates + "/cert-any/export"), null, null).status()).isEqualTo(401);
    }

    @Test
    void uploadWithoutCredentialsIsRefused() {
        assertThat(Http.post(certificates, Http.upload("x", "y", "z"), null, null).status()).isEqualTo(401);
    }

    @Test
    void wrongPasswordOrRoleIsRefused() {
        assertThat(Http.get(URI.create(certificates + "/cert-any/export"), "operator", "guess").status())
                .isEqualTo(401);
        assertThat(Http.get(URI.create(certificates + "/cert-any/export"), "viewer", "s3cret").status())
                .isEqualTo(403);
    }

    @Test
    void theOperatorGetsThrough() {
        Http.Answer answer = Http.get(URI.create(certificates + "/cert-any/export"), "operator", "s3cret");
        assertThat(answer.status()).isEqualTo(404);
        assertThat(answer.body().get("code").asText()).isEqualTo("CertificateNotFound");
        Http.Answer refused = Http.post(certificates, Http.upload("x", "y", "z"), "operator", "s3cret");
        assertThat(refused.status()).isEqualTo(400);
    }
}
